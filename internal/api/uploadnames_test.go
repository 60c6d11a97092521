package api

import (
	"fmt"
	"testing"

	"github.com/accordhq/accord/internal/accord"
)

// "brief\u202Efdp.hta" showed as "briefath.pdf". A document uploaded
// through the API keeps a clean name ending in the extension of its
// detected type, and downloads as an RFC 6266 attachment with nosniff.
func TestUploadNamesAreSanitised(t *testing.T) {
	e := newEnv(t)
	g := e.geneva()
	meeting := e.engagement(e.adminT, g.whoMeeting())
	var att accord.Attachment
	e.upload(e.adminT, fmt.Sprintf("/api/v1/engagements/%d/documents", meeting.ID), "brief\u202Efdp.hta", []byte("plain text")).want(201).json(&att)
	if att.Filename != "brieffdp.hta.txt" {
		t.Errorf("stored as %q, want brieffdp.hta.txt", att.Filename)
	}
	r := e.do("GET", fmt.Sprintf("/api/v1/documents/%d", att.ID), e.adminT, nil).want(200)
	if got, want := r.header.Get("Content-Disposition"), `attachment; filename="brieffdp.hta.txt"; filename*=UTF-8''brieffdp.hta.txt`; got != want ||
		r.header.Get("X-Content-Type-Options") != "nosniff" || r.header.Get("Content-Type") != "text/plain; charset=utf-8" {
		t.Errorf("download: Content-Disposition %q (want %q), nosniff %q, type %q", got, want, r.header.Get("X-Content-Type-Options"), r.header.Get("Content-Type"))
	}
}
