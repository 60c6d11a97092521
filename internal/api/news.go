package api

import (
	"net/http"

	"github.com/accordhq/accord/internal/accord"
)

// listNews answers GET /api/v1/news. Without a token it lists what the
// public site shows: published items, without the internal records they
// report. With a staff member's token it lists every item, drafts and
// scheduled ones included, with their links; a partner's token sees the
// public list.
func (a *API) listNews(w http.ResponseWriter, r *http.Request) error {
	if _, hasToken := bearerToken(r); hasToken || r.Header.Get("Authorization") != "" {
		var err error
		if r, err = a.authenticate(r); err != nil {
			return err
		}
	}
	q, err := parseQuery(r, "q", "page", "per_page", "status", "tag", "lang", "org_id")
	if err != nil {
		return err
	}
	page, perPage := q.page()
	f := accord.NewsFilter{Q: q.string("q"), Status: q.oneOf("status", accord.NewsStatuses), Tag: q.string("tag"),
		Lang: q.oneOf("lang", accord.Languages), OrgID: q.id("org_id"), Page: page, PerPage: perPage}
	if err := q.err(); err != nil {
		return err
	}
	var items []*accord.NewsItem
	var total int
	if actor, ok := accord.ActorFrom(r.Context()); ok && actor.IsStaff() {
		items, total, err = a.store.ListNews(r.Context(), f)
	} else {
		if f.Status != "" && f.Status != accord.NewsPublished {
			return &accord.Error{Code: accord.EINVALID, Message: "Only published news is public.",
				Fields: []accord.FieldError{{Field: "status", Message: "may only be published without a staff member's token"}}}
		}
		items, total, err = a.store.ListPublicNews(r.Context(), f)
	}
	if err != nil {
		return err
	}
	return writeList(w, items, total)
}
