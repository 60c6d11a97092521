package api

import (
	"context"
	"net/http"
	"strconv"

	"github.com/accordhq/accord/internal/accord"
)

// People carry their positions: a person's body holds them all, and PUT
// replaces them all.

func (a *API) listPeople(w http.ResponseWriter, r *http.Request) error {
	q, err := parseQuery(r, "q", "page", "per_page", "org_id", "archived", "sort")
	if err != nil {
		return err
	}
	page, perPage := q.page()
	f := accord.PersonFilter{Q: q.string("q"), OrgID: q.id("org_id"), Archived: q.bool("archived"),
		Sort: q.oneOf("sort", accord.PersonSorts), Page: page, PerPage: perPage}
	if err := q.err(); err != nil {
		return err
	}
	items, total, err := a.store.ListPeople(r.Context(), f)
	if err != nil {
		return err
	}
	return writeList(w, items, total)
}

func (a *API) getPerson(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	p, err := a.store.GetPerson(r.Context(), id)
	if err != nil {
		return err
	}
	return writeRecord(w, http.StatusOK, p.Version, p)
}

func (a *API) createPerson(w http.ResponseWriter, r *http.Request) error {
	var p accord.Person
	if err := decodeBody(w, r, &p); err != nil {
		return err
	}
	if err := a.store.CreatePerson(r.Context(), &p); err != nil {
		return err
	}
	return writeCreated(w, "/api/v1/people/"+strconv.FormatInt(p.ID, 10), p.Version, &p)
}

// updatePerson replaces the person and their positions with the body.
func (a *API) updatePerson(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	var p accord.Person
	if err := decodeBody(w, r, &p); err != nil {
		return err
	}
	if err := sameID(id, p.ID); err != nil {
		return err
	}
	pre, err := preconditionFor(r, p.Version)
	if err != nil {
		return err
	}
	p.ID, p.Version = id, pre.version
	if err := a.store.UpdatePerson(r.Context(), &p); err != nil {
		return pre.stale(r.Context(), err, a.personVersion(id))
	}
	return writeRecord(w, http.StatusOK, p.Version, &p)
}

// archivePerson answers DELETE: records are archived, never erased.
func (a *API) archivePerson(w http.ResponseWriter, r *http.Request) error {
	return a.setPersonArchived(w, r, true)
}

func (a *API) restorePerson(w http.ResponseWriter, r *http.Request) error {
	return a.setPersonArchived(w, r, false)
}

func (a *API) setPersonArchived(w http.ResponseWriter, r *http.Request, archived bool) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	pre, err := versionOnly(w, r)
	if err != nil {
		return err
	}
	p, err := a.store.ArchivePerson(r.Context(), id, pre.version, archived)
	if err != nil {
		return pre.stale(r.Context(), err, a.personVersion(id))
	}
	return writeRecord(w, http.StatusOK, p.Version, p)
}

func (a *API) personVersion(id int64) func(context.Context) (int, error) {
	return func(ctx context.Context) (int, error) {
		p, err := a.store.GetPerson(ctx, id)
		if err != nil {
			return 0, err
		}
		return p.Version, nil
	}
}
