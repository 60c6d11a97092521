package site

import (
	"bytes"
	"encoding/xml"
	"net/http"
	"time"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/web/webkit"
)

// Sitemaps protocol 0.9 with hreflang alternates.
type sitemapURLSet struct {
	XMLName xml.Name     `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	XHTML   string       `xml:"xmlns:xhtml,attr"`
	URLs    []sitemapURL `xml:"url"`
}

type sitemapURL struct {
	Loc        string        `xml:"loc"`
	LastMod    string        `xml:"lastmod,omitempty"`
	Alternates []sitemapLink `xml:"xhtml:link"`
}

type sitemapLink struct {
	Rel      string `xml:"rel,attr"`
	HrefLang string `xml:"hreflang,attr"`
	Href     string `xml:"href,attr"`
}

// sitemapLimit is the protocol's limit of addresses in one sitemap.
const sitemapLimit = 50000

func (s *Site) sitemap(w http.ResponseWriter, r *http.Request, _ string, _ bool) error {
	items, _, err := s.Store.ListPublicNews(r.Context(), accord.NewsFilter{PerPage: 200, Page: 1, Unlimited: true})
	if err != nil {
		return err
	}
	parts := []any{"sitemap"}
	for _, n := range items {
		parts = append(parts, n.ID, n.Version)
	}
	if webkit.NotModified(w, r, s.validators(parts...), time.Time{}) {
		return nil
	}
	base := s.baseURL(r)
	set := sitemapURLSet{XHTML: "http://www.w3.org/1999/xhtml"}
	add := func(path string, langs []string, modified time.Time) {
		for _, lang := range langs {
			u := sitemapURL{Loc: base + webkit.PublicPath(lang, path)}
			if !modified.IsZero() {
				u.LastMod = modified.UTC().Format(time.RFC3339)
			}
			for _, other := range langs {
				u.Alternates = append(u.Alternates, sitemapLink{Rel: "alternate", HrefLang: other, Href: base + webkit.PublicPath(other, path)})
			}
			if len(set.URLs) < sitemapLimit {
				set.URLs = append(set.URLs, u)
			}
		}
	}
	add("/", accord.Languages, time.Time{})
	add("/news", accord.Languages, time.Time{})
	add("/open-data", accord.Languages, time.Time{})
	add("/contact", accord.Languages, time.Time{})
	for _, n := range items {
		add("/news/"+n.Slug, n.Langs(), lastChange(n))
	}
	return writeXML(w, "application/xml; charset=utf-8", set)
}

func (s *Site) robots(w http.ResponseWriter, r *http.Request, _ string, _ bool) error {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "public, max-age=86400")
	_, err := w.Write([]byte("User-agent: *\nDisallow: /app/\nDisallow: /api/\n\nSitemap: " + s.baseURL(r) + "/sitemap.xml\n"))
	return err
}

// writeXML writes v as an XML document, the feeds' and the sitemap's.
func writeXML(w http.ResponseWriter, contentType string, v any) error {
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", " ")
	if err := enc.Encode(v); err != nil {
		return err
	}
	w.Header().Set("Content-Type", contentType)
	_, err := buf.WriteTo(w)
	return err
}
