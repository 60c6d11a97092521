package api

import (
	"net/http"

	"github.com/accordhq/accord/internal/accord"
)

func (a *API) listOrganizations(w http.ResponseWriter, r *http.Request) error {
	q, err := parseQuery(r, "q", "page", "per_page", "type", "country", "parent_id", "archived", "sort")
	if err != nil {
		return err
	}
	page, perPage := q.page()
	f := accord.OrganizationFilter{
		Q: q.string("q"), Type: q.string("type"), Country: q.string("country"), ParentID: q.id("parent_id"),
		Archived: q.bool("archived"), Sort: q.oneOf("sort", accord.OrganizationSorts), Page: page, PerPage: perPage,
	}
	if c := f.Country; c != "" && len(c) != 2 {
		q.problems.Add("country", "must be an ISO 3166-1 alpha-2 code such as CH, not %q", c)
	}
	return listed(w, r, q, f, a.store.ListOrganizations, nil)
}

func (a *API) organization() resource[accord.Organization] {
	return resource[accord.Organization]{path: "/api/v1/organizations/", get: a.store.GetOrganization,
		keys: func(o *accord.Organization) (*int64, *int) { return &o.ID, &o.Version }}
}

func (a *API) getOrganization(w http.ResponseWriter, r *http.Request) error {
	return a.organization().read(w, r)
}

func (a *API) createOrganization(w http.ResponseWriter, r *http.Request) error {
	return a.organization().create(w, r, a.store.CreateOrganization)
}

// updateOrganization replaces the organization with the body. Whether it is
// archived is not changed here: DELETE archives and POST …/restore restores.
func (a *API) updateOrganization(w http.ResponseWriter, r *http.Request) error {
	return a.organization().update(w, r, a.store.UpdateOrganization)
}

// archiveOrganization answers DELETE: records are archived, never erased.
func (a *API) archiveOrganization(w http.ResponseWriter, r *http.Request) error {
	return a.organization().archive(w, r, true, a.store.ArchiveOrganization)
}

func (a *API) restoreOrganization(w http.ResponseWriter, r *http.Request) error {
	return a.organization().archive(w, r, false, a.store.ArchiveOrganization)
}
