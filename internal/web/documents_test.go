package web

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/store/storetest"
)

// uploadFile posts a file to path as a browser's form would, with the page's CSRF token.
func (b *browser) uploadFile(path, formPage, filename string, content []byte) page {
	p := b.get(formPage)
	token, _ := p.Doc.Find(`input[name="csrf"]`).First().Attr("value")
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	_ = mw.WriteField("csrf", token)
	fw, _ := mw.CreateFormFile("file", filename)
	_, _ = fw.Write(content)
	_ = mw.Close()
	req, _ := http.NewRequest(http.MethodPost, b.e.srv.URL+path, &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return b.do(req)
}

func TestDocumentUploadAndDownload(t *testing.T) {
	e := newEnv(t)
	who := storetest.MustCreateOrg(t, e.db, storetest.NewOrg("World Health Organization", "WHO"))
	icrc := storetest.MustCreateOrg(t, e.db, storetest.NewOrg("International Committee of the Red Cross", "ICRC"))
	meeting := &accord.Engagement{Kind: "meeting", Title: "OIC–WHO meeting", Date: "2022-07-22", Organizations: []accord.EngagementOrg{{OrgID: who.ID}}}
	if err := e.db.CreateEngagement(storetest.Admin(), meeting); err != nil {
		t.Fatal(err)
	}
	page := "/app/engagements/" + strconv.FormatInt(meeting.ID, 10)
	b := e.signedIn("officer@example.org", accord.RoleOfficer, nil)
	pdf := []byte("%PDF-1.7\n% the press release\n")
	if p := b.uploadFile(page+"/documents", page, "release.pdf", pdf); p.StatusCode != http.StatusSeeOther {
		t.Fatalf("upload: %d %s", p.StatusCode, p.text(".problems"))
	}
	link, ok := b.get(page).Doc.Find(`#documents ~ ul a[href^="/app/documents/"]`).Attr("href")
	if !ok {
		t.Fatal("the document is not listed on the engagement's page")
	}
	got := b.get(link)
	if got.Body != string(pdf) || got.Header.Get("Content-Type") != "application/pdf" || !strings.Contains(got.Header.Get("Content-Disposition"), "release.pdf") {
		t.Errorf("download: %q %q %q", got.Body, got.Header.Get("Content-Type"), got.Header.Get("Content-Disposition"))
	}
	// The name does not decide the type: HTML called .pdf is refused, and nothing is stored.
	if p := b.uploadFile(page+"/documents", page, "release.pdf", []byte("<html><script>alert(1)</script></html>")); p.StatusCode != http.StatusBadRequest ||
		!strings.Contains(p.text("main"), "not accepted") {
		t.Errorf("HTML as PDF: %d %q", p.StatusCode, p.text("main"))
	}
	if p := b.uploadFile(page+"/documents", page, "big.pdf", bytes.Repeat([]byte("%PDF"), 3<<20)); p.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("12 MiB upload: %d", p.StatusCode)
	}
	if n := b.get(page).Doc.Find(`a[href^="/app/documents/"]`).Length(); n != 1 {
		t.Errorf("%d documents listed after refused uploads, want 1", n)
	}
	partner := e.signedIn("focal@icrc.org", accord.RolePartner, &icrc.ID)
	if p := partner.get(link); p.StatusCode != http.StatusNotFound {
		t.Errorf("ICRC's partner downloads WHO's document: %d", p.StatusCode)
	}
}
