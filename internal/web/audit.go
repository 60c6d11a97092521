package web

import (
	"net/http"
	"net/url"
	"time"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/web/webkit"
)

type auditPage struct {
	Page
	Entries []*accord.AuditEntry
	Query   url.Values
	Pager   webkit.Pager
	Errors  map[string]string
}

// auditList lets administrators browse the audit log by record, person, action and period.
func (s *Server) auditList(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	f := accord.AuditFilter{Entity: q.Get("entity"), Action: q.Get("action"), Page: webkit.PageNumber(r), PerPage: 100}
	var p accord.Problems
	for name, dst := range map[string]*int64{"entity_id": &f.EntityID, "actor_id": &f.ActorID} {
		if v := q.Get(name); v != "" {
			id, ok := accord.ParseID(v)
			if !ok {
				p.Add(name, "must be a record number")
			}
			*dst = id
		}
	}
	for name, dst := range map[string]*time.Time{"since": &f.Since, "until": &f.Until} {
		if v := q.Get(name); v != "" {
			t, err := time.Parse(time.DateOnly, v)
			if err != nil {
				p.Add(name, "must be a date YYYY-MM-DD")
			}
			*dst = t
		}
	}
	if !f.Until.IsZero() {
		f.Until = f.Until.AddDate(0, 0, 1) // include the whole last day
	}
	var errs map[string]string
	if err := p.Err(); err != nil {
		errs, _ = webkit.FormErrors(webkit.Language(r), err)
		f = accord.AuditFilter{Page: f.Page, PerPage: f.PerPage}
	}
	entries, total, err := s.Store.ListAudit(r.Context(), f)
	if err != nil {
		return err
	}
	q.Del("page")
	status := http.StatusOK
	if errs != nil {
		status = http.StatusBadRequest
	}
	return s.render(w, status, "audit", auditPage{Page: s.page(w, r, "audit.title", "audit"), Entries: entries, Query: q,
		Pager: webkit.NewPager(f.Page, f.PerPage, total), Errors: errs})
}
