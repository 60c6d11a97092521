package web

import (
	"html/template"
	"net/http"
	"net/url"
	"time"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/markdown"
	"github.com/accordhq/accord/internal/web/webkit"
)

// recordNews is what the "recordnews" section of an engagement, agreement
// or activity page needs: the news that reports the record.
type recordNews struct {
	Entity string
	ID     int64
	Items  []*accord.NewsItem
}

// newsAbout lists the news items that report a record, for its page.
func (s *Server) newsAbout(r *http.Request, entity string, id int64) (recordNews, error) {
	items, _, err := s.Store.ListNews(r.Context(), accord.NewsFilter{Entity: entity, EntityID: id, PerPage: 20})
	return recordNews{Entity: entity, ID: id, Items: items}, err
}

// CanEditNews reports whether the signed-in user writes news.
func (p Page) CanEditNews() bool { return p.User != nil && accord.ActorFor(p.User).CanEditNews() }

type newsListPage struct {
	Page
	Items    []*accord.NewsItem
	Filter   accord.NewsFilter
	Statuses []string
	Query    url.Values
	Pager    webkit.Pager
	Now      time.Time // for the status readers see now
}

func (s *Server) newsList(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	f := accord.NewsFilter{Q: q.Get("q"), Status: q.Get("status"), Tag: q.Get("tag"), Page: webkit.PageNumber(r), PerPage: 50}
	items, total, err := s.Store.ListNews(r.Context(), f)
	if err != nil {
		return err
	}
	q.Del("page")
	return s.render(w, http.StatusOK, "news_list", newsListPage{Page: s.page(w, r, "news.list", "news"), Items: items, Filter: f,
		Statuses: accord.NewsStatuses, Query: q, Pager: webkit.NewPager(f.Page, f.PerPage, total), Now: s.Now()})
}

type newsPreview struct {
	Lang, Dir string
	accord.NewsTranslation
	HTML template.HTML
}

type newsDetailPage struct {
	Page
	Item     *accord.NewsItem
	Status   string
	Previews []newsPreview
	Public   string // the public address, once public
}

// previews renders each language's Markdown as the public site shows it.
func previews(n *accord.NewsItem) []newsPreview {
	var out []newsPreview
	for _, t := range n.Translations {
		dir := "ltr"
		if t.Lang == "ar" {
			dir = "rtl"
		}
		out = append(out, newsPreview{Lang: t.Lang, Dir: dir, NewsTranslation: t, HTML: markdown.HTML(t.Body)})
	}
	return out
}

func (s *Server) newsDetail(w http.ResponseWriter, r *http.Request) error {
	id, err := webkit.PathID(r)
	if err != nil {
		return err
	}
	n, err := s.Store.GetNews(r.Context(), id)
	if err != nil {
		return err
	}
	p := newsDetailPage{Page: s.page(w, r, "news.list", "news"), Item: n, Status: n.StatusAt(s.Now()), Previews: previews(n)}
	p.Title = n.Best(p.Locale.Lang).Title
	if n.Public(s.Now()) {
		p.Public = webkit.PublicPath(n.Best(p.Locale.Lang).Lang, "/news/"+n.Slug)
	}
	return s.render(w, http.StatusOK, "news_detail", p)
}

// newsImage serves a lead image to staff, drafts' images included.
func (s *Server) newsImage(w http.ResponseWriter, r *http.Request) error {
	id, err := webkit.PathID(r)
	if err != nil {
		return err
	}
	img, err := s.Store.NewsImage(r.Context(), id)
	if err != nil {
		return err
	}
	w.Header().Set("Cache-Control", "private, max-age=3600")
	return webkit.ServeImage(w, r, img)
}
