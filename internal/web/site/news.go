package site

import (
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/i18n"
	"github.com/accordhq/accord/internal/markdown"
	"github.com/accordhq/accord/internal/web/webkit"
)

// newsCard is a news item in a public list, in the reader's language when
// it was written in it, else in its first language (marked as such).
type newsCard struct {
	Href, Lang, Dir string
	Title, Summary  string
	PublishAt       time.Time
	ImageID         int64
	ImageAlt        string
	Tags            []string
	OtherLang       bool // shown in another language than the page's
}

func card(n *accord.NewsItem, lang string) newsCard {
	t := n.Best(lang)
	c := newsCard{Href: webkit.PublicPath(t.Lang, "/news/"+n.Slug), Lang: t.Lang, Dir: dir(t.Lang), Title: t.Title, Summary: t.Summary,
		ImageAlt: t.ImageAlt, Tags: n.Tags, OtherLang: t.Lang != lang}
	if n.PublishAt != nil {
		c.PublishAt = *n.PublishAt
	}
	if n.ImageID != nil {
		c.ImageID = *n.ImageID
	}
	return c
}

func dir(lang string) string {
	if lang == "ar" {
		return "rtl"
	}
	return "ltr"
}

type publicListPage struct {
	publicPage
	Items []newsCard
	Tags  []string
	Tag   string
	Q     string
	Total int
	Pager webkit.Pager
	Query url.Values
}

// PageHref is the address of another page of the list.
func (p publicListPage) PageHref(n int) string {
	return p.Prefix() + p.Path + publicQuery(p.Query, "page", strconv.Itoa(n))
}

const publicPerPage = 10

// newsListing answers the home page, the news list and the search: one
// list of public items with its filters, cached by what it shows.
func (s *Site) newsListing(w http.ResponseWriter, r *http.Request, lang, path, tmpl, title string, f accord.NewsFilter) error {
	items, total, err := s.Store.ListPublicNews(r.Context(), f)
	if err != nil {
		return err
	}
	parts := []any{tmpl, lang, f.Tag, f.Q, f.Page, total}
	var modified time.Time
	for _, n := range items {
		parts = append(parts, n.ID, n.Version)
		if t := lastChange(n); t.After(modified) {
			modified = t
		}
	}
	if webkit.NotModified(w, r, s.validators(parts...), modified) {
		return nil
	}
	tags, err := s.Store.NewsTags(r.Context(), 20)
	if err != nil {
		return err
	}
	p := publicListPage{publicPage: s.newPublicPage(r, lang, path, title, nil), Tags: tags, Tag: f.Tag, Q: f.Q, Total: total,
		Pager: webkit.NewPager(f.Page, f.PerPage, total), Query: url.Values{}}
	p.Description = p.L.T("public.tagline")
	p.Section = tmpl
	for _, n := range items {
		p.Items = append(p.Items, card(n, lang))
	}
	if f.Tag != "" {
		p.Query.Set("tag", f.Tag)
		p.Title = p.L.T("public.tagged", f.Tag)
	}
	if f.Q != "" {
		p.Query.Set("q", f.Q)
	}
	return s.renderPublic(w, http.StatusOK, tmpl, p)
}

func (s *Site) publicHome(w http.ResponseWriter, r *http.Request, lang string, _ bool) error {
	l := i18n.Get(lang)
	return s.newsListing(w, r, lang, "/", "public_home", l.T("public.home"), accord.NewsFilter{PerPage: 5, Page: 1})
}

func (s *Site) publicNews(w http.ResponseWriter, r *http.Request, lang string, _ bool) error {
	f := accord.NewsFilter{Tag: strings.TrimSpace(r.URL.Query().Get("tag")), Page: webkit.PageNumber(r), PerPage: publicPerPage}
	return s.newsListing(w, r, lang, "/news", "public_news", i18n.Get(lang).T("public.news"), f)
}

func (s *Site) publicSearch(w http.ResponseWriter, r *http.Request, lang string, _ bool) error {
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	if len(q) > 200 {
		q = q[:200]
	}
	f := accord.NewsFilter{Q: q, Page: webkit.PageNumber(r), PerPage: publicPerPage}
	if q == "" {
		f.Lang = "none" // an empty search finds nothing rather than everything
	}
	return s.newsListing(w, r, lang, "/news/search", "public_search", i18n.Get(lang).T("public.search"), f)
}

type publicArticlePage struct {
	publicPage
	Item      *accord.NewsItem
	Text      accord.NewsTranslation
	Dir       string
	Body      template.HTML
	Published time.Time
	Image     string // absolute address of the lead image, if any
	JSONLD    map[string]any
	Comments  template.HTML // the comments and their form, see comments.go
}

func (s *Site) publicArticle(w http.ResponseWriter, r *http.Request, lang string, negotiated bool) error {
	slug := r.PathValue("slug")
	n, err := s.Store.PublicNewsBySlug(r.Context(), slug)
	if err != nil {
		return err
	}
	t, ok := n.In(lang)
	if !ok && !negotiated {
		// Not written in this language: send the reader to a language it exists in.
		http.Redirect(w, r, webkit.PublicPath(n.Translations[0].Lang, "/news/"+n.Slug), http.StatusFound)
		return nil
	}
	if !ok {
		t = n.Best(lang)
	}
	stamp, err := s.commentsStamp(w, r, n)
	if err != nil {
		return err
	}
	etag := s.validators("article", n.ID, n.Version, t.Lang, stamp)
	if webkit.NotModified(w, r, etag, lastChange(n)) {
		return nil
	}
	return s.renderPublicCached(w, r, etag, "public_article", func() (any, error) {
		comments, err := s.articleComments(r, n, t.Lang)
		if err != nil {
			return nil, err
		}
		p := publicArticlePage{publicPage: s.newPublicPage(r, t.Lang, "/news/"+n.Slug, t.Title, n.Langs()), Item: n, Text: t,
			Dir: dir(t.Lang), Body: markdown.HTML(t.Body), Published: *n.PublishAt}
		p.Description = t.Summary
		p.Section = "public_news"
		p.Comments = s.commentsHTML(comments)
		if n.ImageID != nil {
			p.Image = p.Base + "/news/images/" + strconv.FormatInt(*n.ImageID, 10)
		}
		p.JSONLD = map[string]any{
			"@context": "https://schema.org", "@type": "NewsArticle",
			"headline": t.Title, "description": t.Summary, "inLanguage": t.Lang,
			"datePublished": n.PublishAt.UTC().Format(time.RFC3339), "dateModified": lastChange(n).UTC().Format(time.RFC3339),
			"mainEntityOfPage": p.Canonical, "keywords": strings.Join(n.Tags, ", "),
			"publisher": map[string]any{"@type": "Organization", "name": p.L.T("public.site")},
		}
		if p.Image != "" {
			p.JSONLD["image"] = []string{p.Image}
		}
		return p, nil
	})
}

// publicImage serves the lead image of a public item; images never change
// under their number, so browsers may keep them.
func (s *Site) publicImage(w http.ResponseWriter, r *http.Request, _ string, _ bool) error {
	id, err := webkit.PathID(r)
	if err != nil {
		return err
	}
	img, err := s.Store.PublicNewsImage(r.Context(), id)
	if err != nil {
		return err
	}
	w.Header().Set("Cache-Control", "public, max-age=86400")
	return webkit.ServeImage(w, r, img)
}
