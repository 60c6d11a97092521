package web

import (
	"net/http"
	"slices"
	"strings"

	"github.com/accordhq/accord/internal/accord"
)

type countryPage struct {
	Page
	Country       *accord.Country
	Groups        []*accord.CountryGroup
	Activities    []*accord.Activity
	Engagements   []*accord.Engagement
	Organizations []*accord.Organization
	ActivityTotal int
}

// countryPage gathers on one screen what concerns a country: the activities
// for it (directly or through a group such as the Sahel), the engagements
// held there and the organizations based there.
func (s *Server) countryPage(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	code := strings.ToUpper(r.PathValue("code"))
	countries, err := s.Store.Countries(ctx)
	if err != nil {
		return err
	}
	i := slices.IndexFunc(countries, func(c *accord.Country) bool { return c.Code == code })
	if i < 0 {
		return accord.Errorf(accord.ENOTFOUND, "%q is not an ISO 3166-1 country code.", code)
	}
	p := countryPage{Page: s.page(w, r, "country.title", ""), Country: countries[i]}
	p.Title = p.Country.Name(p.Locale.Lang)
	groups, err := s.Store.ListCountryGroups(ctx)
	if err != nil {
		return err
	}
	for _, g := range groups {
		if slices.Contains(g.Members, code) {
			p.Groups = append(p.Groups, g)
		}
	}
	if p.Activities, p.ActivityTotal, err = s.Store.ListActivities(ctx, accord.ActivityFilter{Country: code, PerPage: 100}); err != nil {
		return err
	}
	if p.Engagements, _, err = s.Store.ListEngagements(ctx, accord.EngagementFilter{Country: code, PerPage: 50}); err != nil {
		return err
	}
	if p.Organizations, _, err = s.Store.ListOrganizations(ctx, accord.OrganizationFilter{Country: code, PerPage: 100}); err != nil {
		return err
	}
	return s.render(w, http.StatusOK, "country", p)
}
