package api

import (
	"net/http"

	"github.com/accordhq/accord/internal/accord"
)

// Plans of action belong to one or more agreements and carry their
// objectives: a body holds them all, and PUT replaces them all. An
// objective sent back with its id keeps it (activities point at it); one
// without an id is new; one left out is deleted, and the activities that
// pursued it keep no objective.

func (a *API) listPlans(w http.ResponseWriter, r *http.Request) error {
	q, err := parseQuery(r, "q", "page", "per_page", "agreement_id", "org_id")
	if err != nil {
		return err
	}
	page, perPage := q.page()
	f := accord.PlanFilter{Q: q.string("q"), AgreementID: q.id("agreement_id"), OrgID: q.id("org_id"), Page: page, PerPage: perPage}
	return listed(w, r, q, f, a.store.ListPlans, planOut)
}

func (a *API) plan() resource[accord.Plan] {
	return resource[accord.Plan]{path: "/api/v1/plans/", get: a.store.GetPlan,
		keys: func(p *accord.Plan) (*int64, *int) { return &p.ID, &p.Version }, out: planOut}
}

func (a *API) getPlan(w http.ResponseWriter, r *http.Request) error {
	return a.plan().read(w, r)
}

func (a *API) createPlan(w http.ResponseWriter, r *http.Request) error {
	return a.plan().create(w, r, a.store.CreatePlan)
}

// updatePlan replaces the plan, with its agreements and objectives, by the body.
func (a *API) updatePlan(w http.ResponseWriter, r *http.Request) error {
	return a.plan().update(w, r, a.store.UpdatePlan)
}

// planOut writes absent lists as [] rather than null, as reads do.
func planOut(p *accord.Plan) *accord.Plan {
	if p.Agreements == nil {
		p.Agreements = []accord.PlanAgreement{}
	}
	if p.Objectives == nil {
		p.Objectives = []accord.Objective{}
	}
	return p
}
