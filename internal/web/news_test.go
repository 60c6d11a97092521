package web

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/store/storetest"
)

// postMultipart submits a multipart form with the CSRF token of formPage.
func (b *browser) postMultipart(path string, form url.Values, file string, data []byte, formPage string) page {
	b.e.t.Helper()
	token, _ := b.get(formPage).Doc.Find(`input[name="csrf"]`).First().Attr("value")
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	_ = mw.WriteField("csrf", token)
	for k, vs := range form {
		for _, v := range vs {
			_ = mw.WriteField(k, v)
		}
	}
	if file != "" {
		fw, _ := mw.CreateFormFile("image", file)
		_, _ = fw.Write(data)
	}
	mw.Close()
	req, _ := http.NewRequest(http.MethodPost, b.e.srv.URL+path, &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return b.do(req)
}

func TestEditorWritesNewsInTheUI(t *testing.T) {
	e := newEnv(t)
	meeting := &accord.Engagement{Kind: "meeting", Title: "OIC–WHO meeting", Date: "2022-07-22", City: "Geneva"}
	if err := e.db.CreateEngagement(storetest.Admin(), meeting); err != nil {
		t.Fatal(err)
	}
	b := e.signedIn("comms@oic-oci.org", accord.RoleEditor, nil)
	form := b.get("/app/news/new?engagement=1")
	if form.StatusCode != http.StatusOK || form.Doc.Find(`input[name="link_engagement"]`).AttrOr("value", "") != "1" {
		t.Fatalf("new form: %d, link %q", form.StatusCode, form.Doc.Find(`input[name="link_engagement"]`).AttrOr("value", ""))
	}
	if d := form.Doc.Find(`fieldset[lang="ar"]`).AttrOr("dir", ""); d != "rtl" {
		t.Errorf("Arabic section dir=%q", d)
	}

	// A mistake comes back with the field named and the text kept, never a 500.
	bad := url.Values{"slug": {"Bad Slug!"}, "title_en": {"OIC, WHO enhance cooperation"}, "body_en": {"Kept **text**"},
		"publish": {"schedule"}, "publish_at": {"tomorrow"}, "link_engagement": {"1, x"}}
	p := b.postMultipart("/app/news", bad, "notes.txt", []byte("plain text"), "/app/news/new")
	if p.StatusCode != http.StatusBadRequest {
		t.Fatalf("invalid form: status %d", p.StatusCode)
	}
	for _, f := range []string{"slug", "publish_at", "image", "link_engagement"} {
		if p.Doc.Find("#"+f+"-error").Length() == 0 && !strings.Contains(p.Body, "aria-invalid") {
			t.Errorf("no error shown for %s", f)
		}
	}
	if got := p.Doc.Find("#body_en").Text(); got != "Kept **text**" {
		t.Errorf("typed body lost: %q", got)
	}

	// Preview renders the Markdown, sanitized, without saving.
	good := url.Values{"title_en": {"OIC, WHO enhance cooperation"}, "body_en": {"The two sides **agreed**. <script>alert(1)</script>"},
		"title_ar": {"تعزيز التعاون"}, "tags": {"health, WHO"}, "publish": {"now"}, "link_engagement": {"1"}}
	good.Set("action", "preview")
	p = b.postMultipart("/app/news", good, "", nil, "/app/news/new")
	if p.StatusCode != http.StatusOK || !strings.Contains(p.Body, "<strong>agreed</strong>") || strings.Contains(p.Body, "<script>alert") {
		t.Fatalf("preview: %d", p.StatusCode)
	}
	if _, total, _ := e.db.ListNews(storetest.Admin(), accord.NewsFilter{}); total != 0 {
		t.Errorf("preview saved %d items", total)
	}
	good.Set("action", "save")
	png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR lead image")
	p = b.postMultipart("/app/news", good, "geneva.png", png, "/app/news/new")
	if p.StatusCode != http.StatusSeeOther {
		t.Fatalf("create: status %d %s", p.StatusCode, p.Doc.Find(".problems, .error").Text())
	}
	n, err := e.db.GetNews(storetest.Admin(), 1)
	if err != nil || n.Slug != "oic-who-enhance-cooperation" || n.Status != accord.NewsPublished || n.ImageID == nil || len(n.Links) != 1 {
		t.Fatalf("stored: %+v %v", n, err)
	}
	detail := b.get("/app/news/1")
	if !strings.Contains(detail.Body, `href="/en/news/oic-who-enhance-cooperation"`) || detail.Doc.Find(`section.preview[dir="rtl"]`).Length() != 1 {
		t.Errorf("detail page lacks the public link or the Arabic preview")
	}
	if img := b.get("/app/news-images/1"); img.StatusCode != http.StatusOK || img.Header.Get("Content-Type") != "image/png" {
		t.Errorf("staff image: %d %s", img.StatusCode, img.Header.Get("Content-Type"))
	}
	if list := b.get("/app/news?status=published"); !strings.Contains(list.text("tbody"), "OIC, WHO enhance cooperation") {
		t.Errorf("list: %q", list.text("tbody"))
	}
	if eng := b.get("/app/engagements/1"); !strings.Contains(eng.text("#news + ul"), "OIC, WHO enhance cooperation") {
		t.Errorf("engagement page does not list its news: %q", eng.text("#news + ul"))
	}

	// Editing keeps the publication date of a published item.
	edit := b.get("/app/news/1/edit")
	form2 := url.Values{"version": {"2"}, "slug": {"oic-who-enhance-cooperation"}, "title_en": {"OIC, WHO enhance cooperation in health"},
		"publish": {"now"}, "published_at": {edit.Doc.Find(`input[name="published_at"]`).AttrOr("value", "")}, "image_id": {"1"}}
	if p := b.postMultipart("/app/news/1", form2, "", nil, "/app/news/1/edit"); p.StatusCode != http.StatusSeeOther {
		t.Fatalf("update: %d %s", p.StatusCode, p.Doc.Find(".problems, .error").Text())
	}
	if after, _ := e.db.GetNews(storetest.Admin(), 1); !after.PublishAt.Equal(*n.PublishAt) || after.ImageID == nil {
		t.Errorf("update moved the publication date or dropped the image: %v %v", after.PublishAt, n.PublishAt)
	}
	// A stale form is a conflict, shown as a form.
	if p := b.postMultipart("/app/news/1", form2, "", nil, "/app/news/1/edit"); p.StatusCode != http.StatusConflict {
		t.Errorf("stale update: %d", p.StatusCode)
	}

	officer := e.signedIn("officer@oic-oci.org", accord.RoleOfficer, nil)
	if p := officer.get("/app/news/new"); p.StatusCode != http.StatusForbidden {
		t.Errorf("officer opens the news form: %d", p.StatusCode)
	}
	if p := officer.get("/app/news/1"); p.StatusCode != http.StatusOK {
		t.Errorf("officer reads news: %d", p.StatusCode)
	}
}
