package api

import (
	"net/http"

	"github.com/accordhq/accord/internal/accord"
)

// newsComments answers GET /api/v1/news/{id}/comments: the approved
// comments of a public item, threaded, as the public site shows them. It
// needs no token; the answer's type (accord.Comment) has no email field.
func (a *API) newsComments(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if _, err := parseQuery(r); err != nil {
		return err
	}
	items, total, err := a.store.PublicComments(r.Context(), id)
	if err != nil {
		return err
	}
	return writeList(w, items, total)
}

// listComments answers GET /api/v1/comments: the moderation queue, for
// editors and administrators (with the commenters' emails).
func (a *API) listComments(w http.ResponseWriter, r *http.Request) error {
	q, err := parseQuery(r, "q", "page", "per_page", "status", "news_id")
	if err != nil {
		return err
	}
	page, perPage := q.page()
	f := accord.CommentFilter{Q: q.string("q"), Status: q.oneOf("status", accord.CommentStatuses), NewsID: q.id("news_id"), Page: page, PerPage: perPage}
	return listed(w, r, q, f, a.store.ListComments, nil)
}

// moderationBody is the body of POST /api/v1/comments/moderate.
type moderationBody struct {
	IDs    []int64 `json:"ids"`
	Status string  `json:"status"`
}

// moderationResult says how many comments changed status.
type moderationResult struct {
	Changed int `json:"changed"`
}

// moderateComments answers POST /api/v1/comments/moderate.
func (a *API) moderateComments(w http.ResponseWriter, r *http.Request) error {
	var body moderationBody
	if err := decodeBody(w, r, &body); err != nil {
		return err
	}
	n, err := a.store.ModerateComments(r.Context(), body.IDs, body.Status)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, moderationResult{Changed: n})
}
