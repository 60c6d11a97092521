package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/store/storetest"
)

func TestContactForm(t *testing.T) {
	now := time.Date(2022, 7, 25, 9, 0, 0, 0, time.UTC)
	e := newClockEnv(t, &now)
	visitor := e.browser()
	good := func(fields url.Values) url.Values {
		fields.Set("name", "Amina <b>Diallo</b>")
		fields.Set("email", "amina.private@example.org")
		fields.Set("category", "news_tip")
		fields.Set("message", "<script>alert(1)</script> The Sahel workshop moved to Dakar.")
		return fields
	}

	// Every language prefix serves the form, in its language and direction.
	for path, want := range map[string]string{"/contact": "Contact us", "/fr/contact": "Nous contacter", "/ar/contact": "اتصل بنا"} {
		p := visitor.get(path)
		if p.StatusCode != http.StatusOK || p.text("h1") != want || p.Header.Get("Cache-Control") != "no-store" {
			t.Errorf("GET %s: %d %q cache %q", path, p.StatusCode, p.text("h1"), p.Header.Get("Cache-Control"))
		}
	}
	if dir, _ := visitor.get("/ar/contact").Doc.Find("html").Attr("dir"); dir != "rtl" {
		t.Errorf("Arabic contact page dir %q", dir)
	}

	// Sent at once after the form was shown: a robot. The text is kept.
	fields := good(visitor.contactFields("/en/contact"))
	p := visitor.sendContact("/en/contact", fields, "", nil)
	if p.StatusCode != http.StatusBadRequest || !strings.Contains(p.text(".problem"), "too quickly") || p.text("#contact-message") != fields.Get("message") {
		t.Fatalf("too fast: %d %q / %q", p.StatusCode, p.text(".problem"), p.text("#contact-message"))
	}
	now = now.Add(3 * time.Minute) // beyond the per-address limit of 5 posts in 10 minutes

	// A forged or missing time stamp is refused, keeping the text.
	forged := good(visitor.contactFields("/en/contact"))
	forged.Set("ts", "1.deadbeef")
	now = now.Add(3 * time.Minute) // beyond the per-address limit of 5 posts in 10 minutes
	if p := visitor.sendContact("/en/contact", forged, "", nil); p.StatusCode != http.StatusBadRequest || p.Doc.Find(`#contact-name`).AttrOr("value", "") != forged.Get("name") {
		t.Errorf("forged stamp: %d", p.StatusCode)
	}

	// Bad fields: each named, in French, with what was typed kept.
	bad := visitor.contactFields("/fr/contact")
	now = now.Add(3 * time.Minute) // beyond the per-address limit of 5 posts in 10 minutes
	bad.Set("name", "Omar")
	bad.Set("email", "omar-at-example")
	bad.Set("category", "news_tip")
	bad.Set("message", strings.Repeat("https://spam.example ", 4))
	p = visitor.sendContact("/fr/contact", bad, "tip.pdf", []byte("%PDF-1.4 tip"))
	if p.StatusCode != http.StatusBadRequest {
		t.Fatalf("bad fields: %d", p.StatusCode)
	}
	if !strings.Contains(p.text("#contact-email-error"), "adresse électronique valide") || p.text("#contact-message-error") == "" ||
		p.text("#contact-attachment-error") == "" || p.Doc.Find("#contact-email").AttrOr("value", "") != "omar-at-example" ||
		p.Doc.Find("#contact-email").AttrOr("aria-invalid", "") != "true" {
		t.Errorf("bad fields page: email %q message %q file %q", p.text("#contact-email-error"), p.text("#contact-message-error"), p.text("#contact-attachment-error"))
	}

	// Files: too large, or of a refused type.
	for name, c := range map[string]struct {
		file string
		data []byte
		want string
	}{
		"too large": {"big.pdf", append([]byte("%PDF-1.4 "), make([]byte, accord.ContactMaxBytes)...), "5 MB"},
		"html":      {"page.pdf", []byte("<!doctype html><script>alert(1)</script>"), "not accepted"},
		"zip":       {"archive.zip", []byte("PK\x03\x04 not an office document"), "not accepted"},
	} {
		f := good(visitor.contactFields("/en/contact"))
		now = now.Add(3 * time.Minute) // beyond the per-address limit of 5 posts in 10 minutes
		p := visitor.sendContact("/en/contact", f, c.file, c.data)
		if p.StatusCode != http.StatusBadRequest || !strings.Contains(p.text("#contact-attachment-error"), c.want) {
			t.Errorf("%s: %d %q", name, p.StatusCode, p.text("#contact-attachment-error"))
		}
	}

	// Without the CSRF token: refused, text kept.
	noToken := good(visitor.contactFields("/en/contact"))
	noToken.Del("csrf")
	now = now.Add(3 * time.Minute) // beyond the per-address limit of 5 posts in 10 minutes
	if p := visitor.sendContact("/en/contact", noToken, "", nil); p.StatusCode != http.StatusForbidden || p.text("#contact-message") != noToken.Get("message") {
		t.Errorf("no token: %d", p.StatusCode)
	}

	// The honeypot: thanked, nothing kept.
	hp := e.browser()
	trap := good(hp.contactFields("/en/contact"))
	trap.Set("website", "http://spam.example")
	now = now.Add(3 * time.Minute) // beyond the per-address limit of 5 posts in 10 minutes
	if p := hp.sendContact("/en/contact", trap, "", nil); p.StatusCode != http.StatusSeeOther {
		t.Errorf("honeypot: %d", p.StatusCode)
	}
	if _, total, _ := e.db.ListContact(storetest.Admin(), accord.ContactFilter{}); total != 0 {
		t.Fatalf("%d messages saved before a good one", total)
	}

	// A good message with a PDF: saved, then thanked on the page it came from.
	sender := e.browser()
	f := good(sender.contactFields("/ar/contact"))
	now = now.Add(3 * time.Minute) // beyond the per-address limit of 5 posts in 10 minutes
	p = sender.sendContact("/ar/contact", f, "tip.pdf", []byte("%PDF-1.4 the tip"))
	if p.StatusCode != http.StatusSeeOther || p.Header.Get("Location") != "/ar/contact?sent=1" {
		t.Fatalf("good message: %d %s %s", p.StatusCode, p.Header.Get("Location"), p.text(".problem"))
	}
	thanks := sender.get("/ar/contact?sent=1")
	if thanks.text(`[role="status"]`) == "" || strings.Contains(thanks.Body, "amina.private@example.org") {
		t.Errorf("thank-you page: %q", thanks.text(`[role="status"]`))
	}
	items, _, _ := e.db.ListContact(storetest.Admin(), accord.ContactFilter{})
	if len(items) != 1 || items[0].Lang != "ar" || items[0].Message != "<script>alert(1)</script> The Sahel workshop moved to Dakar." {
		t.Fatalf("saved: %+v", items)
	}
	msg := items[0]

	// Rate limit per address: the sixth post in ten minutes is refused.
	now = now.Add(11 * time.Minute)
	flood := e.browser()
	var last page
	for i := 0; i < 6; i++ {
		f := good(flood.contactFields("/en/contact"))
		f.Set("email", "flood"+string(rune('a'+i))+"@example.org")
		now = now.Add(10 * time.Second)
		last = flood.sendContact("/en/contact", f, "", nil)
	}
	if last.StatusCode != http.StatusTooManyRequests || last.Header.Get("Retry-After") == "" || last.text("#contact-message") == "" {
		t.Errorf("flood: %d", last.StatusCode)
	}

	// The inbox: editors, officers and admins; not viewers or partners.
	if p := e.signedIn("viewer@oic-oci.org", accord.RoleViewer, nil).get("/app/inbox"); p.StatusCode != http.StatusForbidden {
		t.Errorf("viewer inbox: %d", p.StatusCode)
	}
	if p := e.browser().get("/app/inbox/1/attachment"); p.StatusCode != http.StatusSeeOther {
		t.Errorf("anonymous attachment: %d", p.StatusCode)
	}
	editor := e.signedIn("comms@oic-oci.org", accord.RoleEditor, nil)
	officer := e.user("officer@oic-oci.org", accord.RoleOfficer, nil)
	list := editor.get("/app/inbox")
	if list.StatusCode != http.StatusOK || !strings.Contains(list.text(`nav.tabs a[href="/app/inbox?status=new"]`), "6") {
		t.Errorf("inbox: %d, new tab %q", list.StatusCode, list.text(`nav.tabs a[href="/app/inbox?status=new"]`))
	}
	if list.Doc.Find(`nav a[href="/app/inbox"]`).Length() == 0 {
		t.Error("no inbox entry in the staff menu")
	}
	path := "/app/inbox/" + itoa64(msg.ID)
	detail := editor.get(path)
	if !strings.Contains(detail.Body, "amina.private@example.org") || detail.Doc.Find("script").Length() != 0 ||
		!strings.Contains(detail.text(".message-text"), "<script>alert(1)</script>") {
		t.Errorf("detail page: staff see the address, the message inert")
	}
	dl := editor.get(path + "/attachment")
	if dl.StatusCode != http.StatusOK || dl.Body != "%PDF-1.4 the tip" || !strings.HasPrefix(dl.Header.Get("Content-Disposition"), "attachment") {
		t.Errorf("download: %d %q", dl.StatusCode, dl.Header.Get("Content-Disposition"))
	}
	res := editor.post(path, url.Values{"version": {"1"}, "status": {"in_progress"}, "assignee_id": {itoa64(officer.ID)}}, path)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("update: %d %s", res.StatusCode, res.text(".error"))
	}
	if m, _ := e.db.GetContact(storetest.Admin(), msg.ID); m.Version != 2 || m.Status != "in_progress" {
		t.Errorf("after update: version %d status %s", m.Version, m.Status)
	}
	if stale := editor.post(path, url.Values{"version": {"1"}, "status": {"closed"}}, path); stale.StatusCode != http.StatusBadRequest {
		t.Errorf("stale update: %d", stale.StatusCode)
	}
	if empty := editor.post(path+"/notes", url.Values{"note": {"  "}}, path); empty.StatusCode != http.StatusBadRequest {
		t.Errorf("empty note: %d", empty.StatusCode)
	}
	editor.post(path+"/notes", url.Values{"note": {"Called back."}}, path)
	detail = editor.get(path)
	if !strings.Contains(detail.text("#notes + p + ul"), "Called back.") || !strings.Contains(detail.Body, "officer") {
		t.Errorf("after update and note: %q", detail.text("#notes + p + ul"))
	}
	if inProgress := editor.get("/app/inbox?status=in_progress"); inProgress.Doc.Find("tbody tr").Length() != 1 {
		t.Errorf("status filter shows %d rows", inProgress.Doc.Find("tbody tr").Length())
	}

	// The sender's address is on no public page.
	for _, path := range []string{"/", "/en/contact", "/fr/contact?sent=1", "/open-data", "/feed.atom", "/sitemap.xml", "/open-data/activities-4w.csv"} {
		if p := e.browser().get(path); strings.Contains(p.Body, "amina.private") {
			t.Errorf("%s shows the sender's address", path)
		}
	}
}

func itoa64(n int64) string { return strconv.FormatInt(n, 10) }
