package api

import (
	"net/http"

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
	return listed(w, r, q, f, a.store.ListPeople, nil)
}

func (a *API) person() resource[accord.Person] {
	return resource[accord.Person]{path: "/api/v1/people/", get: a.store.GetPerson,
		keys: func(p *accord.Person) (*int64, *int) { return &p.ID, &p.Version }}
}

func (a *API) getPerson(w http.ResponseWriter, r *http.Request) error {
	return a.person().read(w, r)
}

func (a *API) createPerson(w http.ResponseWriter, r *http.Request) error {
	return a.person().create(w, r, a.store.CreatePerson)
}

// updatePerson replaces the person and their positions with the body.
func (a *API) updatePerson(w http.ResponseWriter, r *http.Request) error {
	return a.person().update(w, r, a.store.UpdatePerson)
}

// archivePerson answers DELETE: records are archived, never erased.
func (a *API) archivePerson(w http.ResponseWriter, r *http.Request) error {
	return a.person().archive(w, r, true, a.store.ArchivePerson)
}

func (a *API) restorePerson(w http.ResponseWriter, r *http.Request) error {
	return a.person().archive(w, r, false, a.store.ArchivePerson)
}
