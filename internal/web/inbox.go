package web

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/download"
	"github.com/accordhq/accord/internal/web/webkit"
)

// The contact inbox: what the public sent through /contact, for editors,
// officers and administrators (the store refuses everyone else).

// CanHandleContact reports whether the signed-in user works the contact inbox.
func (p Page) CanHandleContact() bool {
	return p.User != nil && accord.ActorFor(p.User).CanHandleContact()
}

type inboxStatus struct {
	Status string
	Count  int
}

type inboxListPage struct {
	Page
	Items    []*accord.ContactMessage
	Filter   accord.ContactFilter
	Statuses []inboxStatus
	All      int
	Query    url.Values
	Pager    webkit.Pager
}

func (s *Server) inboxList(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	f := accord.ContactFilter{Status: q.Get("status"), Q: q.Get("q"), Page: webkit.PageNumber(r), PerPage: 50}
	f.AssigneeID, _ = accord.ParseID(q.Get("assignee"))
	counts, err := s.Store.ContactCounts(r.Context())
	if err != nil {
		return err
	}
	items, total, err := s.Store.ListContact(r.Context(), f)
	if err != nil {
		return err
	}
	p := inboxListPage{Page: s.page(w, r, "inbox.title", "inbox"), Items: items, Filter: f, Query: q, Pager: webkit.NewPager(f.Page, f.PerPage, total)}
	for _, st := range accord.ContactStatuses {
		p.Statuses = append(p.Statuses, inboxStatus{st, counts[st]})
		p.All += counts[st]
	}
	q.Del("page")
	return s.render(w, http.StatusOK, "inbox_list", p)
}

type inboxDetailPage struct {
	Page
	Message    *accord.ContactMessage
	Assignees  []*accord.User
	Statuses   []string
	Errors     map[string]string
	Note       string
	CanProcess bool
}

func (s *Server) inboxPage(w http.ResponseWriter, r *http.Request, status int, id int64, errs map[string]string, note string) error {
	m, err := s.Store.GetContact(r.Context(), id)
	if err != nil {
		return err
	}
	users, err := s.Store.ContactAssignees(r.Context())
	if err != nil {
		return err
	}
	p := inboxDetailPage{Page: s.page(w, r, "inbox.message", "inbox"), Message: m, Assignees: users, Statuses: accord.ContactStatuses,
		Errors: errs, Note: note}
	return s.render(w, status, "inbox_detail", p)
}

func (s *Server) inboxDetail(w http.ResponseWriter, r *http.Request) error {
	id, err := webkit.PathID(r)
	if err != nil {
		return err
	}
	return s.inboxPage(w, r, http.StatusOK, id, nil, "")
}

// inboxUpdate changes a message's status and assignee.
func (s *Server) inboxUpdate(w http.ResponseWriter, r *http.Request) error {
	id, version, err := pathVersion(r)
	if err != nil {
		return err
	}
	var p accord.Problems
	c := accord.ContactChange{Version: version, Status: r.PostFormValue("status"), AssigneeID: formID(r, "assignee_id", &p)}
	err = p.Err()
	if err == nil {
		_, err = s.Store.UpdateContact(r.Context(), id, c)
	}
	if err != nil {
		return s.refused(r, err, func(errs map[string]string) error {
			return s.inboxPage(w, r, http.StatusBadRequest, id, errs, "")
		})
	}
	return redirect(w, r, "/app/inbox/"+strconv.FormatInt(id, 10), "common.saved")
}

// inboxNote adds an internal note.
func (s *Server) inboxNote(w http.ResponseWriter, r *http.Request) error {
	id, err := webkit.PathID(r)
	if err != nil {
		return err
	}
	text := r.PostFormValue("note")
	if _, err := s.Store.AddContactNote(r.Context(), id, text); err != nil {
		return s.refused(r, err, func(errs map[string]string) error {
			return s.inboxPage(w, r, http.StatusBadRequest, id, errs, text)
		})
	}
	return redirect(w, r, "/app/inbox/"+strconv.FormatInt(id, 10)+"#notes", "common.saved")
}

// inboxAttachment sends a message's attachment to staff, always as a
// download: what the public sends is never shown inline on our origin.
func (s *Server) inboxAttachment(w http.ResponseWriter, r *http.Request) error {
	id, err := webkit.PathID(r)
	if err != nil {
		return err
	}
	a, data, err := s.Store.ContactAttachment(r.Context(), id)
	if err != nil {
		return err
	}
	download.Attachment(w, a, data)
	return nil
}
