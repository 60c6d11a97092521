package web

import (
	"net/http"

	"github.com/accordhq/accord/internal/accord"
)

type dashboardPage struct {
	Page
	Organizations, People, Countries int
	Recent                           []*accord.Organization
	Overdue, Mine                    []*accord.ActionPoint
	OverdueTotal, MineTotal          int
	Engagements                      []*accord.Engagement
	Expiring                         []*accord.Agreement
	Awaiting                         []*accord.IndicatorValue
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
	p := dashboardPage{Page: s.page(w, r, "dash.title", "home"), Organizations: orgs, People: people, Countries: len(countries), Recent: recent}
	if p.Overdue, p.OverdueTotal, err = s.Store.ListActionPoints(ctx, accord.ActionPointFilter{Overdue: true, PerPage: 10}); err != nil {
		return err
	}
	if p.Mine, p.MineTotal, err = s.Store.ListActionPoints(ctx, accord.ActionPointFilter{OwnerID: p.User.ID, Status: accord.APOpen, PerPage: 10}); err != nil {
		return err
	}
	if p.Expiring, _, err = s.Store.ListAgreements(ctx, accord.AgreementFilter{ExpiringDays: 90, PerPage: 10, NoCount: true}); err != nil {
		return err
	}
	if accord.ActorFor(p.User).CanApprove() {
		if p.Awaiting, _, err = s.Store.AwaitingApproval(ctx, 10); err != nil {
			return err
		}
	}
	if p.Engagements, _, err = s.Store.ListEngagements(ctx, accord.EngagementFilter{PerPage: 5, NoCount: true}); err != nil {
		return err
	}
	return s.render(w, http.StatusOK, "dashboard", p)
}
