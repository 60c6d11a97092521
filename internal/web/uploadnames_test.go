package web

import (
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/store/storetest"
)

// wantDownload checks that a download is an attachment named as RFC 6266
// asks, with the stored type and nosniff.
func wantDownload(t *testing.T, p page, kind, disposition string) {
	t.Helper()
	if p.StatusCode != http.StatusOK || p.Header.Get("Content-Type") != kind || p.Header.Get("Content-Disposition") != disposition ||
		p.Header.Get("X-Content-Type-Options") != "nosniff" {
		t.Errorf("download: %d, Content-Type %q, Content-Disposition %q, X-Content-Type-Options %q; want %s, %s, nosniff",
			p.StatusCode, p.Header.Get("Content-Type"), p.Header.Get("Content-Disposition"), p.Header.Get("X-Content-Type-Options"), kind, disposition)
	}
}

// "brief\u202Efdp.hta" showed as "briefath.pdf". Uploaded documents keep
// a name without direction overrides, ending in the extension of the type
// detected from their content, and download as attachments.
func TestDocumentNamesAreSanitised(t *testing.T) {
	e := newEnv(t)
	meeting := &accord.Engagement{Kind: "meeting", Title: "OIC–WHO meeting", Date: "2022-07-22"}
	if err := e.db.CreateEngagement(storetest.Admin(), meeting); err != nil {
		t.Fatal(err)
	}
	page := "/app/engagements/" + strconv.FormatInt(meeting.ID, 10)
	b := e.signedIn("officer@example.org", accord.RoleOfficer, nil)
	for _, c := range []struct{ name, content, kind, shown, disposition string }{
		{"brief\u202Efdp.hta", "a plain text file", "text/plain; charset=utf-8", "brieffdp.hta.txt",
			`attachment; filename="brieffdp.hta.txt"; filename*=UTF-8''brieffdp.hta.txt`},
		{"..\\Rapport d’étape\u2067.pdf", "%PDF-1.7\n", "application/pdf", "Rapport d’étape.pdf",
			`attachment; filename="Rapport d__tape.pdf"; filename*=UTF-8''Rapport%20d%E2%80%99%C3%A9tape.pdf`},
	} {
		if p := b.uploadFile(page+"/documents", page, c.name, []byte(c.content)); p.StatusCode != http.StatusSeeOther {
			t.Fatalf("upload %q: %d %s", c.name, p.StatusCode, p.text("main"))
		}
		link := b.get(page).Doc.Find(`#documents ~ ul a[href^="/app/documents/"]`).FilterFunction(func(_ int, s *goquery.Selection) bool {
			return strings.TrimSpace(s.Text()) == c.shown
		})
		href, ok := link.Attr("href")
		if !ok {
			t.Fatalf("upload %q: no document shown as %q; the page lists %q", c.name, c.shown, b.get(page).text("#documents ~ ul"))
		}
		wantDownload(t, b.get(href), c.kind, c.disposition)
	}
	if strings.ContainsAny(b.get(page).Body, "\u202E\u2067") {
		t.Error("the engagement page holds a direction control")
	}
}

// The same for an attachment sent through the public contact form, as the
// inbox shows and serves it.
func TestContactAttachmentNamesAreSanitised(t *testing.T) {
	now := time.Date(2022, 7, 25, 9, 0, 0, 0, time.UTC)
	e := newClockEnv(t, &now)
	visitor := e.browser()
	fields := visitor.contactFields("/en/contact")
	fields.Set("name", "Amina Diallo")
	fields.Set("email", "amina@example.org")
	fields.Set("category", "news_tip")
	fields.Set("message", "The Sahel workshop moved to Dakar; details attached.")
	now = now.Add(time.Minute)
	if p := visitor.sendContact("/en/contact", fields, "tip\u202Efdp.hta", []byte("plain text, not an application")); p.StatusCode != http.StatusSeeOther {
		t.Fatalf("contact: %d %s", p.StatusCode, p.text(".problem"))
	}
	msgs, _, err := e.db.ListContact(storetest.Admin(), accord.ContactFilter{})
	if err != nil || len(msgs) != 1 {
		t.Fatalf("inbox: %v, %d messages", err, len(msgs))
	}
	editor := e.signedIn("comms@example.org", accord.RoleEditor, nil)
	path := "/app/inbox/" + strconv.FormatInt(msgs[0].ID, 10)
	detail := editor.get(path)
	if !strings.Contains(detail.Body, "tipfdp.hta.txt") || strings.Contains(detail.Body, "\u202E") {
		t.Errorf("the inbox shows the attachment as %q", detail.text(`a[href$="/attachment"]`))
	}
	wantDownload(t, editor.get(path+"/attachment"), "text/plain; charset=utf-8",
		`attachment; filename="tipfdp.hta.txt"; filename*=UTF-8''tipfdp.hta.txt`)
}
