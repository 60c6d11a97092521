package site

import (
	"encoding/xml"
	"net/http"
	"strings"
	"time"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/i18n"
	"github.com/accordhq/accord/internal/markdown"
	"github.com/accordhq/accord/internal/web/webkit"
)

// Atom 1.0 (RFC 4287), the parts Accord writes.
type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Lang    string      `xml:"xml:lang,attr"`
	ID      string      `xml:"id"`
	Title   string      `xml:"title"`
	Updated string      `xml:"updated"`
	Links   []atomLink  `xml:"link"`
	Author  atomPerson  `xml:"author"`
	Entries []atomEntry `xml:"entry"`
}

type atomLink struct {
	Rel      string `xml:"rel,attr"`
	Type     string `xml:"type,attr,omitempty"`
	Href     string `xml:"href,attr"`
	HrefLang string `xml:"hreflang,attr,omitempty"`
}

type atomPerson struct {
	Name string `xml:"name"`
}

type atomText struct {
	Type string `xml:"type,attr,omitempty"`
	Body string `xml:",chardata"`
}

type atomEntry struct {
	ID         string         `xml:"id"`
	Title      string         `xml:"title"`
	Updated    string         `xml:"updated"`
	Published  string         `xml:"published"`
	Links      []atomLink     `xml:"link"`
	Summary    *atomText      `xml:"summary,omitempty"`
	Content    atomText       `xml:"content"`
	Categories []atomCategory `xml:"category"`
}

type atomCategory struct {
	Term string `xml:"term,attr"`
}

// publicFeed answers /feed.atom, /fr/feed.atom and /feed/fr.atom: the
// latest items written in the language, as Atom.
func (s *Site) publicFeed(w http.ResponseWriter, r *http.Request, lang string, negotiated bool) error {
	if negotiated {
		// A feed reader sends no cookie and a feed's address names one
		// language: /feed.atom is English; /feed/{lang}.atom names another.
		lang = "en"
		if file := r.PathValue("file"); file != "" {
			lang = strings.TrimSuffix(file, ".atom")
			if !accord.SupportedLanguage(lang) || !strings.HasSuffix(file, ".atom") {
				return accord.Errorf(accord.ENOTFOUND, "There is no feed %q; feeds are en.atom, fr.atom and ar.atom.", file)
			}
		}
		w.Header().Del("Vary")
	}
	items, _, err := s.Store.ListPublicNews(r.Context(), accord.NewsFilter{Lang: lang, PerPage: 20, Page: 1})
	if err != nil {
		return err
	}
	parts := []any{"feed", lang}
	updated := time.Date(2022, 1, 1, 0, 0, 0, 0, time.UTC) // an empty feed's fixed date
	for _, n := range items {
		parts = append(parts, n.ID, n.Version)
		if t := lastChange(n); t.After(updated) {
			updated = t
		}
	}
	if webkit.NotModified(w, r, s.validators(parts...), updated) {
		return nil
	}
	l := i18n.Get(lang)
	base := s.baseURL(r)
	self := base + webkit.PublicPath(lang, "/feed.atom")
	feed := atomFeed{Lang: lang, ID: self, Title: l.T("public.site") + " · " + l.T("public.news"), Updated: updated.UTC().Format(time.RFC3339),
		Links:  []atomLink{{Rel: "self", Type: "application/atom+xml", Href: self}, {Rel: "alternate", Type: "text/html", Href: base + webkit.PublicPath(lang, "/news")}},
		Author: atomPerson{Name: l.T("public.site")}}
	for _, n := range items {
		t, _ := n.In(lang)
		href := base + webkit.PublicPath(lang, "/news/"+n.Slug)
		e := atomEntry{ID: href, Title: t.Title, Updated: lastChange(n).UTC().Format(time.RFC3339), Published: n.PublishAt.UTC().Format(time.RFC3339),
			Links:   []atomLink{{Rel: "alternate", Type: "text/html", Href: href, HrefLang: lang}},
			Content: atomText{Type: "html", Body: string(markdown.HTML(t.Body))}}
		if t.Summary != "" {
			e.Summary = &atomText{Type: "text", Body: t.Summary}
		}
		for _, tag := range n.Tags {
			e.Categories = append(e.Categories, atomCategory{Term: tag})
		}
		feed.Entries = append(feed.Entries, e)
	}
	return writeXML(w, "application/atom+xml; charset=utf-8", feed)
}
