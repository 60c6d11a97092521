package api

import (
	"context"
	"net/http"
	"strconv"
	"strings"

	"github.com/accordhq/accord/internal/accord"
)

// Country groups: built-in ones (OIC member states, the Sahel) and those
// administrators define. Only administrators change them, and never the
// built-in ones; the service enforces both.

func (a *API) listCountryGroups(w http.ResponseWriter, r *http.Request) error {
	q, err := parseQuery(r, "q", "page", "per_page")
	if err != nil {
		return err
	}
	page, perPage := q.page()
	if err := q.err(); err != nil {
		return err
	}
	all, err := a.store.ListCountryGroups(r.Context())
	if err != nil {
		return err
	}
	var items []*accord.CountryGroup
	for _, g := range all {
		if s := q.string("q"); s == "" || strings.EqualFold(g.Code, s) || contains(s, g.Code, g.NameEN, g.NameFR, g.NameAR) {
			items = append(items, g)
		}
	}
	return writeList(w, window(items, page, perPage), len(items))
}

func (a *API) getCountryGroup(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	g, err := a.store.GetCountryGroup(r.Context(), id)
	if err != nil {
		return err
	}
	return writeRecord(w, http.StatusOK, g.Version, g)
}

func (a *API) createCountryGroup(w http.ResponseWriter, r *http.Request) error {
	var g accord.CountryGroup
	if err := decodeBody(w, r, &g); err != nil {
		return err
	}
	if err := a.store.CreateCountryGroup(r.Context(), &g); err != nil {
		return err
	}
	return writeCreated(w, "/api/v1/country-groups/"+strconv.FormatInt(g.ID, 10), g.Version, &g)
}

func (a *API) updateCountryGroup(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	var g accord.CountryGroup
	if err := decodeBody(w, r, &g); err != nil {
		return err
	}
	if err := sameID(id, g.ID); err != nil {
		return err
	}
	pre, err := preconditionFor(r, g.Version)
	if err != nil {
		return err
	}
	g.ID, g.Version = id, pre.version
	if err := a.store.UpdateCountryGroup(r.Context(), &g); err != nil {
		return pre.stale(r.Context(), err, a.groupVersion(id))
	}
	return writeRecord(w, http.StatusOK, g.Version, &g)
}

// deleteCountryGroup deletes for good: a group is a saved selection, not a record of cooperation.
func (a *API) deleteCountryGroup(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	pre, err := versionOnly(w, r)
	if err != nil {
		return err
	}
	if err := a.store.DeleteCountryGroup(r.Context(), id, pre.version); err != nil {
		return pre.stale(r.Context(), err, a.groupVersion(id))
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (a *API) groupVersion(id int64) func(context.Context) (int, error) {
	return func(ctx context.Context) (int, error) {
		g, err := a.store.GetCountryGroup(ctx, id)
		if err != nil {
			return 0, err
		}
		return g.Version, nil
	}
}
