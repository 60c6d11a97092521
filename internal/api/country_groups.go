package api

import (
	"net/http"
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

func (a *API) countryGroup() resource[accord.CountryGroup] {
	return resource[accord.CountryGroup]{path: "/api/v1/country-groups/", get: a.store.GetCountryGroup,
		keys: func(g *accord.CountryGroup) (*int64, *int) { return &g.ID, &g.Version }}
}

func (a *API) getCountryGroup(w http.ResponseWriter, r *http.Request) error {
	return a.countryGroup().read(w, r)
}

func (a *API) createCountryGroup(w http.ResponseWriter, r *http.Request) error {
	return a.countryGroup().create(w, r, a.store.CreateCountryGroup)
}

func (a *API) updateCountryGroup(w http.ResponseWriter, r *http.Request) error {
	return a.countryGroup().update(w, r, a.store.UpdateCountryGroup)
}

// deleteCountryGroup deletes for good: a group is a saved selection, not a record of cooperation.
func (a *API) deleteCountryGroup(w http.ResponseWriter, r *http.Request) error {
	return a.countryGroup().remove(w, r, a.store.DeleteCountryGroup)
}
