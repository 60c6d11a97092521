package api

import (
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/accordhq/accord/internal/accord"
)

// Reference data: countries and code lists, read by every signed-in caller.
// Lists are small and come whole; page and per_page cut them when given.

// codeLists maps the kebab-case names of the API to the lists of ReferenceService.
var codeLists = map[string]string{
	"org-types":         accord.ListOrgTypes,
	"sectors":           accord.ListSectors,
	"sector-categories": accord.ListSectorCategories,
	"currencies":        accord.ListCurrencies,
}

func (a *API) listCountries(w http.ResponseWriter, r *http.Request) error {
	q, err := parseQuery(r, "q", "page", "per_page")
	if err != nil {
		return err
	}
	page, perPage := q.page()
	if err := q.err(); err != nil {
		return err
	}
	all, err := a.store.Countries(r.Context())
	if err != nil {
		return err
	}
	var items []*accord.Country
	for _, c := range all {
		if s := q.string("q"); s == "" || strings.EqualFold(c.Code, s) || contains(s, c.NameEN, c.NameFR, c.NameAR) {
			items = append(items, c)
		}
	}
	return writeList(w, window(items, page, perPage), len(items))
}

func (a *API) getCountry(w http.ResponseWriter, r *http.Request) error {
	code := strings.ToUpper(r.PathValue("code"))
	if len(code) != 2 {
		return invalid("code", fmt.Sprintf("must be an ISO 3166-1 alpha-2 code such as CH, not %q", r.PathValue("code")))
	}
	all, err := a.store.Countries(r.Context())
	if err != nil {
		return err
	}
	i := slices.IndexFunc(all, func(c *accord.Country) bool { return c.Code == code })
	if i < 0 {
		return accord.Errorf(accord.ENOTFOUND, "There is no country %s in ISO 3166-1.", code)
	}
	return writeJSON(w, http.StatusOK, all[i])
}

// listCodes answers one code list; q matches codes and names, category
// keeps the sectors of one sector category.
func (a *API) listCodes(w http.ResponseWriter, r *http.Request) error {
	list, ok := codeLists[r.PathValue("list")]
	if !ok {
		names := make([]string, 0, len(codeLists))
		for name := range codeLists {
			names = append(names, name)
		}
		slices.Sort(names)
		return accord.Errorf(accord.ENOTFOUND, "There is no code list %q; the lists are %s.", r.PathValue("list"), strings.Join(names, ", "))
	}
	q, err := parseQuery(r, "q", "category", "page", "per_page")
	if err != nil {
		return err
	}
	page, perPage := q.page()
	if err := q.err(); err != nil {
		return err
	}
	all, err := a.store.Codes(r.Context(), list)
	if err != nil {
		return err
	}
	var items []*accord.Code
	for _, c := range all {
		s, cat := q.string("q"), q.string("category")
		if (s == "" || strings.EqualFold(c.Code, s) || contains(s, c.NameEN, c.NameFR, c.NameAR)) && (cat == "" || c.Category == cat) {
			items = append(items, c)
		}
	}
	return writeList(w, window(items, page, perPage), len(items))
}
