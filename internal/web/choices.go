package web

import (
	"context"
	"net/http"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/web/webkit"
)

// chainChoices are the organizations and countries forms and filters offer.
func (s *Server) chainChoices(r *http.Request) ([]*accord.Organization, []*accord.Country, error) {
	orgs, _, err := s.Store.ListOrganizations(r.Context(), accord.OrganizationFilter{Unlimited: true})
	if err != nil {
		return nil, nil, err
	}
	countries, err := s.Store.Countries(r.Context())
	return orgs, countries, err
}

// assignableUsers are the users an action point may be given to: everyone
// for administrators, else only the current user (listing users is an
// administrator's right).
func (s *Server) assignableUsers(r *http.Request) ([]*accord.User, error) {
	u := webkit.UserFrom(r.Context())
	if u.Role != accord.RoleAdmin {
		return []*accord.User{u}, nil
	}
	users, _, err := s.Store.ListUsers(r.Context(), accord.UserFilter{PerPage: 200})
	return users, err
}

// placeName names a country or a country group in the reader's language.
func (s *Server) placeName(r *http.Request, country, group string) (string, error) {
	lang := webkit.Language(r).Lang
	if country != "" {
		countries, err := s.Store.Countries(r.Context())
		if err != nil {
			return "", err
		}
		for _, c := range countries {
			if c.Code == country {
				return c.Name(lang), nil
			}
		}
		return country, nil
	}
	if group != "" {
		groups, err := s.Store.ListCountryGroups(r.Context())
		if err != nil {
			return "", err
		}
		for _, g := range groups {
			if g.Code == group {
				return g.Name(lang), nil
			}
		}
	}
	return group, nil
}

// moneyChoices are the lists the appeal and flow forms choose from.
type moneyChoices struct {
	Groups     []*accord.CountryGroup
	Sectors    []*accord.Code
	Currencies []*accord.Code
	Plans      []*accord.Plan
}

func (s *Server) moneyChoices(ctx context.Context) (c moneyChoices, err error) {
	if c.Groups, err = s.Store.ListCountryGroups(ctx); err != nil {
		return c, err
	}
	if c.Sectors, err = s.Store.Codes(ctx, accord.ListSectors); err != nil {
		return c, err
	}
	if c.Currencies, err = s.Store.Codes(ctx, accord.ListCurrencies); err != nil {
		return c, err
	}
	c.Plans, _, err = s.Store.ListPlans(ctx, accord.PlanFilter{Unlimited: true})
	return c, err
}
