package api

import (
	"context"
	"net/http"
	"strconv"

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
	if err := q.err(); err != nil {
		return err
	}
	items, total, err := a.store.ListPlans(r.Context(), f)
	if err != nil {
		return err
	}
	for _, p := range items {
		planOut(p)
	}
	return writeList(w, items, total)
}

func (a *API) getPlan(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	p, err := a.store.GetPlan(r.Context(), id)
	if err != nil {
		return err
	}
	return writeRecord(w, http.StatusOK, p.Version, planOut(p))
}

func (a *API) createPlan(w http.ResponseWriter, r *http.Request) error {
	var p accord.Plan
	if err := decodeBody(w, r, &p); err != nil {
		return err
	}
	if err := a.store.CreatePlan(r.Context(), &p); err != nil {
		return err
	}
	return writeCreated(w, "/api/v1/plans/"+strconv.FormatInt(p.ID, 10), p.Version, planOut(&p))
}

// updatePlan replaces the plan, with its agreements and objectives, by the body.
func (a *API) updatePlan(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	var p accord.Plan
	if err := decodeBody(w, r, &p); err != nil {
		return err
	}
	if err := sameID(id, p.ID); err != nil {
		return err
	}
	pre, err := preconditionFor(r, p.Version)
	if err != nil {
		return err
	}
	p.ID, p.Version = id, pre.version
	if err := a.store.UpdatePlan(r.Context(), &p); err != nil {
		return pre.stale(r.Context(), err, a.planVersion(id))
	}
	return writeRecord(w, http.StatusOK, p.Version, planOut(&p))
}

func (a *API) planVersion(id int64) func(context.Context) (int, error) {
	return func(ctx context.Context) (int, error) {
		p, err := a.store.GetPlan(ctx, id)
		if err != nil {
			return 0, err
		}
		return p.Version, nil
	}
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
