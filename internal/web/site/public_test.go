package site

import (
	"encoding/json"
	"encoding/xml"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/accordhq/accord/internal/web/webtest"
)

func TestPublicNewsSite(t *testing.T) {
	now := time.Date(2022, 7, 25, 9, 0, 0, 0, time.UTC)
	e := newClockEnv(t, &now)
	who := webtest.PublicWorld(t, e.db, now)
	b := e.browser()

	home := b.Get("/")
	if home.StatusCode != http.StatusOK || !strings.Contains(home.Text(".cards"), "OIC, WHO enhance cooperation") {
		t.Fatalf("home: %d %q", home.StatusCode, home.Text("main"))
	}
	if strings.Contains(home.Body, "iom-framework") || strings.Contains(home.Body, "secret-draft") {
		t.Error("home shows a scheduled item or a draft before its time")
	}
	if len(home.Body) > 100<<10 {
		t.Errorf("home weighs %d bytes", len(home.Body))
	}

	// The article: its languages as hreflang alternates and a switcher, Open Graph, JSON-LD, inert Markdown.
	a := b.Get("/fr/news/oic-who")
	if a.StatusCode != http.StatusOK || a.Doc.Find("html").AttrOr("lang", "") != "fr" || a.Text("h1") != "L'OCI et l'OMS renforcent leur coopération" {
		t.Fatalf("French article: %d %q", a.StatusCode, a.Text("h1"))
	}
	hreflang := map[string]string{}
	a.Doc.Find(`link[rel="alternate"][hreflang]`).Each(func(_ int, s *goquery.Selection) { hreflang[s.AttrOr("hreflang", "")] = s.AttrOr("href", "") })
	for _, lang := range []string{"en", "fr", "ar", "x-default"} {
		if hreflang[lang] == "" {
			t.Errorf("no hreflang %s: %v", lang, hreflang)
		}
	}
	if !strings.HasSuffix(hreflang["ar"], "/ar/news/oic-who") || a.Doc.Find(`.langs a[hreflang="ar"]`).Length() != 1 {
		t.Errorf("Arabic alternate or switcher missing: %v", hreflang)
	}
	if a.Doc.Find(`meta[property="og:title"]`).AttrOr("content", "") != "L'OCI et l'OMS renforcent leur coopération" {
		t.Error("og:title missing")
	}
	var ld map[string]any
	if err := json.Unmarshal([]byte(a.Doc.Find(`script[type="application/ld+json"]`).Text()), &ld); err != nil || ld["@type"] != "NewsArticle" || ld["headline"] != "L'OCI et l'OMS renforcent leur coopération" || ld["inLanguage"] != "fr" {
		t.Errorf("JSON-LD: %v %v", ld, err)
	}
	ar := b.Get("/ar/news/oic-who")
	if ar.Doc.Find("html").AttrOr("dir", "") != "rtl" || ar.Doc.Find(`article[dir="rtl"] strong`).Text() != "جديدة" {
		t.Errorf("Arabic article is not right to left: %q", ar.Text("article"))
	}
	en := b.Get("/en/news/oic-who")
	if en.Doc.Find("script").Length() != 1 || en.Doc.Find("[onerror]").Length() != 0 || strings.Contains(en.Body, "javascript:") {
		t.Errorf("article Markdown is not inert: %s", en.Text("article"))
	}
	if strings.Contains(en.Body, "OIC–WHO meeting") {
		t.Error("the public page shows an internal record's title")
	}

	// Conditional requests: the same article answers 304.
	req, _ := http.NewRequest(http.MethodGet, e.srv.URL+"/en/news/oic-who", nil)
	req.Header.Set("If-None-Match", en.Header.Get("ETag"))
	if res, err := http.DefaultClient.Do(req); err != nil || res.StatusCode != http.StatusNotModified {
		t.Errorf("If-None-Match: %v %v", res.StatusCode, err)
	}
	req.Header.Del("If-None-Match")
	req.Header.Set("If-Modified-Since", en.Header.Get("Last-Modified"))
	if res, err := http.DefaultClient.Do(req); err != nil || res.StatusCode != http.StatusNotModified {
		t.Errorf("If-Modified-Since: %v %v", res.StatusCode, err)
	}

	if p := b.Get("/news/iom-framework"); p.StatusCode != http.StatusNotFound {
		t.Errorf("scheduled item before its time: %d", p.StatusCode)
	}
	if p := b.Get("/news/secret-draft"); p.StatusCode != http.StatusNotFound || strings.Contains(p.Body, "/app/engagements") || strings.Contains(p.Body, ">Draft<") {
		t.Errorf("draft: %d", p.StatusCode)
	}
	listBefore := b.Get("/news")
	// The scheduled time passes: the item is public, with no job run, and the list's ETag changes.
	now = now.Add(49 * time.Hour)
	if p := b.Get("/news/iom-framework"); p.StatusCode != http.StatusOK {
		t.Errorf("scheduled item after its time: %d", p.StatusCode)
	}
	if p := b.Get("/fr/news/iom-framework"); p.StatusCode != http.StatusFound || p.Header.Get("Location") != "/en/news/iom-framework" {
		t.Errorf("item not written in French: %d %q", p.StatusCode, p.Header.Get("Location"))
	}
	listAfter := b.Get("/news")
	if listAfter.Header.Get("ETag") == listBefore.Header.Get("ETag") || !strings.Contains(listAfter.Text(".cards"), "IOM") {
		t.Error("the list did not change when the scheduled item became public")
	}
	if p := b.Get("/news?tag=migration"); p.Doc.Find(".cards li").Length() != 1 {
		t.Errorf("tag filter: %d items", p.Doc.Find(".cards li").Length())
	}
	if p := b.Get("/news?page=abc"); p.StatusCode != http.StatusOK {
		t.Errorf("bad page number: %d", p.StatusCode)
	}
	if p := b.Get("/news/search?q=memorandum"); !strings.Contains(p.Text(".cards"), "OIC") || strings.Contains(p.Body, "Draft") {
		t.Errorf("search: %q", p.Text("main"))
	}
	if p := b.Get("/news/search?q=draft"); p.Doc.Find(".cards li").Length() != 0 {
		t.Error("search finds a draft")
	}
	if p := b.Get(`/news/search?q=%3Cscript%3Ealert(1)%3C/script%3E`); strings.Contains(p.Body, "<script>alert") {
		t.Error("search echoes a script")
	}
	if p := b.Get("/partners/" + strconv.FormatInt(who.ID, 10)); p.StatusCode != http.StatusOK || !strings.Contains(p.Text("h1"), "World Health Organization") || p.Doc.Find(".cards li").Length() != 1 {
		t.Errorf("partner page: %d %q", p.StatusCode, p.Text("main"))
	}
	if p := b.Get("/partners/999"); p.StatusCode != http.StatusNotFound {
		t.Errorf("unknown partner: %d", p.StatusCode)
	}
	if p := b.Get("/robots.txt"); !strings.Contains(p.Body, "Disallow: /app/") || !strings.Contains(p.Body, "/sitemap.xml") {
		t.Errorf("robots.txt: %q", p.Body)
	}
	var sm struct {
		URLs []struct {
			Loc string `xml:"loc"`
		} `xml:"url"`
	}
	// Home, news, open data and contact in three languages; the release in three, the other item in one.
	if p := b.Get("/sitemap.xml"); xml.Unmarshal([]byte(p.Body), &sm) != nil || len(sm.URLs) != 4*3+3+1 {
		t.Errorf("sitemap: %d addresses", len(sm.URLs))
	}
	if !strings.Contains(b.Get("/sitemap.xml").Body, "/fr/contact</loc>") {
		t.Error("the sitemap does not list the contact page")
	}
}

// atom is the structure of an Atom 1.0 feed that readers rely on.
type atom struct {
	XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
	ID      string   `xml:"id"`
	Title   string   `xml:"title"`
	Updated string   `xml:"updated"`
	Links   []struct {
		Rel  string `xml:"rel,attr"`
		Href string `xml:"href,attr"`
	} `xml:"link"`
	Entries []struct {
		ID      string `xml:"id"`
		Title   string `xml:"title"`
		Updated string `xml:"updated"`
		Link    struct {
			Href string `xml:"href,attr"`
		} `xml:"link"`
		Content struct {
			Type string `xml:"type,attr"`
			Body string `xml:",chardata"`
		} `xml:"content"`
	} `xml:"entry"`
}

func TestAtomFeedsPerLanguage(t *testing.T) {
	now := time.Date(2022, 7, 25, 9, 0, 0, 0, time.UTC)
	e := newClockEnv(t, &now)
	webtest.PublicWorld(t, e.db, now)
	b := e.browser()
	for path, want := range map[string]struct {
		title string
		n     int
	}{"/feed.atom": {"OIC, WHO enhance cooperation", 1}, "/feed/fr.atom": {"L'OCI et l'OMS renforcent leur coopération", 1},
		"/ar/feed.atom": {"تعزيز التعاون بين المنظمتين", 1}} {
		p := b.Get(path)
		if p.StatusCode != http.StatusOK || !strings.HasPrefix(p.Header.Get("Content-Type"), "application/atom+xml") {
			t.Fatalf("%s: %d %s", path, p.StatusCode, p.Header.Get("Content-Type"))
		}
		var f atom
		if err := xml.Unmarshal([]byte(p.Body), &f); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if _, err := time.Parse(time.RFC3339, f.Updated); err != nil || f.ID == "" || f.Title == "" {
			t.Errorf("%s: feed id %q title %q updated %q", path, f.ID, f.Title, f.Updated)
		}
		self := false
		for _, l := range f.Links {
			self = self || l.Rel == "self" && strings.HasSuffix(l.Href, ".atom")
		}
		if !self || len(f.Entries) != want.n {
			t.Fatalf("%s: self link %v, %d entries", path, self, len(f.Entries))
		}
		en := f.Entries[0]
		if _, err := time.Parse(time.RFC3339, en.Updated); err != nil || en.ID == "" || en.Title != want.title || !strings.Contains(en.Link.Href, "/news/oic-who") ||
			en.Content.Type != "html" || en.Content.Body == "" {
			t.Errorf("%s: entry %+v", path, en)
		}
		if strings.Contains(en.Content.Body, "<script") || strings.Contains(en.Content.Body, "onerror") {
			t.Errorf("%s: content not sanitized: %s", path, en.Content.Body)
		}
		req, _ := http.NewRequest(http.MethodGet, e.srv.URL+path, nil)
		req.Header.Set("If-None-Match", p.Header.Get("ETag"))
		if res, err := http.DefaultClient.Do(req); err != nil || res.StatusCode != http.StatusNotModified {
			t.Errorf("%s: conditional GET %v", path, res.StatusCode)
		}
	}
	if p := b.Get("/feed/xx.atom"); p.StatusCode != http.StatusNotFound {
		t.Errorf("unknown feed language: %d", p.StatusCode)
	}
}
