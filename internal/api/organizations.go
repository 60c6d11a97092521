package api

import (
	"context"
	"net/http"
	"strconv"

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
	if err := q.err(); err != nil {
		return err
	}
	items, total, err := a.store.ListOrganizations(r.Context(), f)
	if err != nil {
		return err
	}
	return writeList(w, items, total)
}

func (a *API) getOrganization(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	o, err := a.store.GetOrganization(r.Context(), id)
	if err != nil {
		return err
	}
	return writeRecord(w, http.StatusOK, o.Version, o)
}

func (a *API) createOrganization(w http.ResponseWriter, r *http.Request) error {
	var o accord.Organization
	if err := decodeBody(w, r, &o); err != nil {
		return err
	}
	if err := a.store.CreateOrganization(r.Context(), &o); err != nil {
		return err
	}
	return writeCreated(w, "/api/v1/organizations/"+strconv.FormatInt(o.ID, 10), o.Version, &o)
}

// updateOrganization replaces the organization with the body. Whether it is
// archived is not changed here: DELETE archives and POST …/restore restores.
func (a *API) updateOrganization(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	var o accord.Organization
	if err := decodeBody(w, r, &o); err != nil {
		return err
	}
	if err := sameID(id, o.ID); err != nil {
		return err
	}
	pre, err := preconditionFor(r, o.Version)
	if err != nil {
		return err
	}
	o.ID, o.Version = id, pre.version
	if err := a.store.UpdateOrganization(r.Context(), &o); err != nil {
		return pre.stale(r.Context(), err, a.orgVersion(id))
	}
	return writeRecord(w, http.StatusOK, o.Version, &o)
}

// archiveOrganization answers DELETE: records are archived, never erased.
func (a *API) archiveOrganization(w http.ResponseWriter, r *http.Request) error {
	return a.setOrganizationArchived(w, r, true)
}

func (a *API) restoreOrganization(w http.ResponseWriter, r *http.Request) error {
	return a.setOrganizationArchived(w, r, false)
}

func (a *API) setOrganizationArchived(w http.ResponseWriter, r *http.Request, archived bool) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	pre, err := versionOnly(w, r)
	if err != nil {
		return err
	}
	o, err := a.store.ArchiveOrganization(r.Context(), id, pre.version, archived)
	if err != nil {
		return pre.stale(r.Context(), err, a.orgVersion(id))
	}
	return writeRecord(w, http.StatusOK, o.Version, o)
}

func (a *API) orgVersion(id int64) func(context.Context) (int, error) {
	return func(ctx context.Context) (int, error) {
		o, err := a.store.GetOrganization(ctx, id)
		if err != nil {
			return 0, err
		}
		return o.Version, nil
	}
}
