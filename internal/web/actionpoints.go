package web

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/web/webkit"
)

type actionPointListPage struct {
	Page
	Items    []*accord.ActionPoint
	Filter   accord.ActionPointFilter
	Query    url.Values
	Pager    webkit.Pager
	Statuses []string
	Mine     bool
}

// actionPointList serves the list, "my action points" (?mine=1) and the overdue list (?overdue=1).
func (s *Server) actionPointList(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	f := accord.ActionPointFilter{Q: q.Get("q"), Status: q.Get("status"), Overdue: q.Get("overdue") == "1", Page: webkit.PageNumber(r), PerPage: 50}
	if !slices.Contains(accord.ActionPointStatuses, f.Status) {
		f.Status = ""
	}
	f.OrgID, _ = accord.ParseID(q.Get("org"))
	mine := q.Get("mine") == "1"
	if mine {
		f.OwnerID = webkit.UserFrom(r.Context()).ID
	}
	if isExport(r) {
		f.Unlimited = true
		items, _, err := s.Store.ListActionPoints(r.Context(), f)
		if err != nil {
			return err
		}
		rows := make([][]string, len(items))
		for i, a := range items {
			var parties []string
			for _, o := range a.Parties {
				parties = append(parties, o.Name)
			}
			rows[i] = []string{strconv.FormatInt(a.ID, 10), a.Text, a.Status, strconv.FormatBool(a.Overdue), string(a.DueDate), a.Priority,
				a.OwnerName, strings.Join(parties, "; "), a.EngagementTitle, a.StatusNote}
		}
		return writeTable(w, r, "action-points", []string{"id", "text", "status", "overdue", "due_date", "priority", "owner", "parties", "engagement", "status_note"}, rows)
	}
	items, total, err := s.Store.ListActionPoints(r.Context(), f)
	if err != nil {
		return err
	}
	q.Del("page")
	title := "ap.list"
	switch {
	case mine:
		title = "ap.mine"
	case f.Overdue:
		title = "ap.overdue"
	}
	return s.render(w, http.StatusOK, "action_points", actionPointListPage{Page: s.page(w, r, title, "action-points"), Items: items, Filter: f,
		Query: q, Pager: webkit.NewPager(f.Page, f.PerPage, total), Statuses: accord.ActionPointStatuses, Mine: mine})
}

// actionPointFromForm reads the fields of an action point form.
func actionPointFromForm(r *http.Request, a *accord.ActionPoint) error {
	var p accord.Problems
	f := r.PostForm
	a.Text, a.DueDate, a.Priority = f.Get("text"), accord.Date(f.Get("due_date")), f.Get("priority")
	if id := formID(r, "engagement_id", &p); id != nil {
		a.EngagementID = *id
	}
	a.OwnerID = formID(r, "owner_id", &p)
	a.FulfilledByAgreement = formID(r, "fulfilled_by_agreement", &p)
	a.FulfilledByActivity = formID(r, "fulfilled_by_activity", &p)
	a.Parties = nil
	for _, v := range f["party"] {
		if id, ok := accord.ParseID(v); ok {
			a.Parties = append(a.Parties, accord.EngagementOrg{OrgID: id})
		}
	}
	return p.Err()
}

// actionPointCreate adds a point from the form on its engagement's page.
func (s *Server) actionPointCreate(w http.ResponseWriter, r *http.Request) error {
	a := accord.ActionPoint{}
	err := actionPointFromForm(r, &a)
	if err == nil {
		err = s.Store.CreateActionPoint(r.Context(), &a)
	}
	if err != nil {
		return s.refused(r, err, func(errs map[string]string) error {
			if a.EngagementID == 0 {
				return accord.Errorf(accord.EINVALID, "An action point comes from an engagement; add it from the engagement's page.")
			}
			return s.engagementPage(w, r, http.StatusBadRequest, a.EngagementID, a, errs)
		})
	}
	return redirect(w, r, "/app/engagements/"+strconv.FormatInt(a.EngagementID, 10)+"#ap-"+strconv.FormatInt(a.ID, 10), "common.created")
}

type actionPointPage struct {
	Page
	Point   *accord.ActionPoint
	Moves   []string
	Errors  map[string]string
	Users   []*accord.User
	Orgs    []*accord.Organization
	Editing bool
	Parties map[int64]bool
	// What may have fulfilled the point: the agreements its engagement led
	// to and the activities of their plans.
	Agreements []*accord.Agreement
	Activities []*accord.Activity
}

func (s *Server) actionPointPage(w http.ResponseWriter, r *http.Request, status int, a *accord.ActionPoint, editing bool, errs map[string]string) error {
	p := actionPointPage{Page: s.page(w, r, "ap.list", "action-points"), Point: a, Errors: errs, Editing: editing, Parties: map[int64]bool{}}
	p.Title = a.Text
	if len(p.Title) > 80 {
		p.Title = p.Title[:strings.LastIndex(p.Title[:80], " ")+1] + "…"
	}
	for _, to := range accord.ActionPointStatuses {
		if (&accord.ActionPoint{Status: a.Status}).Transition(to, "x") == nil {
			p.Moves = append(p.Moves, to)
		}
	}
	for _, o := range a.Parties {
		p.Parties[o.OrgID] = true
	}
	ctx := r.Context()
	var err error
	if p.Agreements, _, err = s.Store.ListAgreements(ctx, accord.AgreementFilter{EngagementID: a.EngagementID, PerPage: 50}); err != nil {
		return err
	}
	if a.FulfilledByAgreement != nil && !slices.ContainsFunc(p.Agreements, func(g *accord.Agreement) bool { return g.ID == *a.FulfilledByAgreement }) {
		if g, err := s.Store.GetAgreement(ctx, *a.FulfilledByAgreement); err == nil {
			p.Agreements = append(p.Agreements, g)
		}
	}
	for _, g := range p.Agreements {
		plans, _, err := s.Store.ListPlans(ctx, accord.PlanFilter{AgreementID: g.ID, PerPage: 20})
		if err != nil {
			return err
		}
		for _, plan := range plans {
			acts, _, err := s.Store.ListActivities(ctx, accord.ActivityFilter{PlanID: plan.ID, PerPage: 100})
			if err != nil {
				return err
			}
			p.Activities = append(p.Activities, acts...)
		}
	}
	if a.FulfilledByActivity != nil && !slices.ContainsFunc(p.Activities, func(x *accord.Activity) bool { return x.ID == *a.FulfilledByActivity }) {
		if x, err := s.Store.GetActivity(ctx, *a.FulfilledByActivity); err == nil {
			p.Activities = append(p.Activities, x)
		}
	}
	if editing {
		if p.Users, err = s.assignableUsers(r); err != nil {
			return err
		}
		if p.Orgs, _, err = s.chainChoices(r); err != nil {
			return err
		}
	}
	return s.render(w, status, "action_point", p)
}

func (s *Server) actionPointDetail(w http.ResponseWriter, r *http.Request) error {
	id, err := webkit.PathID(r)
	if err != nil {
		return err
	}
	a, err := s.Store.GetActionPoint(r.Context(), id)
	if err != nil {
		return err
	}
	return s.actionPointPage(w, r, http.StatusOK, a, false, nil)
}

func (s *Server) actionPointEdit(w http.ResponseWriter, r *http.Request) error {
	id, err := webkit.PathID(r)
	if err != nil {
		return err
	}
	if _, err := accord.RequireWriter(r.Context()); err != nil {
		return err
	}
	a, err := s.Store.GetActionPoint(r.Context(), id)
	if err != nil {
		return err
	}
	return s.actionPointPage(w, r, http.StatusOK, a, true, nil)
}

func (s *Server) actionPointUpdate(w http.ResponseWriter, r *http.Request) error {
	id, version, err := pathVersion(r)
	if err != nil {
		return err
	}
	stored, err := s.Store.GetActionPoint(r.Context(), id)
	if err != nil {
		return err
	}
	a := &accord.ActionPoint{ID: id, Version: version, EngagementID: stored.EngagementID, Status: stored.Status, StatusNote: stored.StatusNote}
	err = actionPointFromForm(r, a)
	if err == nil {
		err = s.Store.UpdateActionPoint(r.Context(), a)
	}
	if err != nil {
		return s.refused(r, err, func(errs map[string]string) error {
			if accord.ErrorCode(err) == accord.ECONFLICT {
				errs = map[string]string{"": webkit.Language(r).T("form.conflict")}
				a.Version = stored.Version
			}
			return s.actionPointPage(w, r, refusalStatus(err), a, true, errs)
		})
	}
	return redirect(w, r, "/app/action-points/"+strconv.FormatInt(id, 10), "common.saved")
}

// actionPointMove applies a status change: start, finish (with what was done), drop (with why).
func (s *Server) actionPointMove(w http.ResponseWriter, r *http.Request) error {
	id, version, err := pathVersion(r)
	if err != nil {
		return err
	}
	if _, err := s.Store.TransitionActionPoint(r.Context(), id, version, r.PostFormValue("status"), r.PostFormValue("note")); err != nil {
		return s.refused(r, err, func(errs map[string]string) error {
			a, gerr := s.Store.GetActionPoint(r.Context(), id)
			if gerr != nil {
				return gerr
			}
			errs = s.conflictMessage(r, err, "form.conflict_status", errs)
			return s.actionPointPage(w, r, refusalStatus(err), a, false, errs)
		})
	}
	return redirect(w, r, "/app/action-points/"+strconv.FormatInt(id, 10), "common.saved")
}
