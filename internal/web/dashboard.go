package web

import (
	"net/http"

	"github.com/accordhq/accord/internal/accord"
)

type homePage struct{ Page }

func (s *Server) home(w http.ResponseWriter, r *http.Request) error {
	return s.render(w, http.StatusOK, "home", homePage{s.page(w, r, "home.title", "")})
}

type dashboardPage struct {
	Page
	Organizations, People, Countries int
	Recent                           []*accord.Organization
}

func (s *Server) dashboard(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	recent, orgs, err := s.Store.ListOrganizations(ctx, accord.OrganizationFilter{Sort: "-updated", PerPage: 8})
	if err != nil {
		return err
	}
	_, people, err := s.Store.ListPeople(ctx, accord.PersonFilter{PerPage: 1})
	if err != nil {
		return err
	}
	countries, err := s.Store.Countries(ctx)
	if err != nil {
		return err
	}
	return s.render(w, http.StatusOK, "dashboard", dashboardPage{Page: s.page(w, r, "dash.title", "home"),
		Organizations: orgs, People: people, Countries: len(countries), Recent: recent})
}
