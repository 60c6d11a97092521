package api

import (
	"net/http"

	"github.com/accordhq/accord/internal/accord"
)

// listAudit answers the audit log, newest first; administrators only (the
// service decides). since and until take a date or an RFC 3339 time; a date
// in until includes that whole day.
func (a *API) listAudit(w http.ResponseWriter, r *http.Request) error {
	q, err := parseQuery(r, "entity", "entity_id", "actor_id", "action", "since", "until", "page", "per_page")
	if err != nil {
		return err
	}
	page, perPage := q.page()
	f := accord.AuditFilter{
		Entity: q.string("entity"), EntityID: q.id("entity_id"), ActorID: q.id("actor_id"), Action: q.string("action"),
		Since: q.time("since", false), Until: q.time("until", true), Page: page, PerPage: perPage,
	}
	if !f.Since.IsZero() && !f.Until.IsZero() && !f.Until.After(f.Since) {
		q.problems.Add("until", "must be after since")
	}
	return listed(w, r, q, f, a.store.ListAudit, nil)
}
