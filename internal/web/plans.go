package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/web/webkit"
)

type planListPage struct {
	Page
	Items  []*accord.Plan
	Filter accord.PlanFilter
	Query  url.Values
	Pager  webkit.Pager
}

func (s *Server) planList(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	f := accord.PlanFilter{Q: q.Get("q"), Page: webkit.PageNumber(r), PerPage: 50}
	f.AgreementID, _ = accord.ParseID(q.Get("agreement"))
	if isExport(r) {
		f.Unlimited = true
		items, _, err := s.Store.ListPlans(r.Context(), f)
		if err != nil {
			return err
		}
		rows := make([][]string, len(items))
		for i, p := range items {
			var agreements, objectives []string
			for _, a := range p.Agreements {
				agreements = append(agreements, a.Title)
			}
			for _, o := range p.Objectives {
				objectives = append(objectives, o.Title)
			}
			rows[i] = []string{strconv.FormatInt(p.ID, 10), p.Title, string(p.StartDate), string(p.EndDate), strings.Join(agreements, "; "), strings.Join(objectives, "; ")}
		}
		return writeTable(w, r, "plans", []string{"id", "title", "start_date", "end_date", "agreements", "objectives"}, rows)
	}
	items, total, err := s.Store.ListPlans(r.Context(), f)
	if err != nil {
		return err
	}
	q.Del("page")
	return s.render(w, http.StatusOK, "plans", planListPage{Page: s.page(w, r, "plan.list", "plans"), Items: items, Filter: f, Query: q,
		Pager: webkit.NewPager(f.Page, f.PerPage, total)})
}

type planPage struct {
	Page
	Plan       *accord.Plan
	Activities []*accord.Activity
}

// ByObjective returns the plan's activities for one objective (0: none).
func (p planPage) ByObjective(id int64) []*accord.Activity {
	var out []*accord.Activity
	for _, a := range p.Activities {
		if derefID(a.ObjectiveID) == id {
			out = append(out, a)
		}
	}
	return out
}

func (s *Server) planDetail(w http.ResponseWriter, r *http.Request) error {
	id, err := webkit.PathID(r)
	if err != nil {
		return err
	}
	p, err := s.Store.GetPlan(r.Context(), id)
	if err != nil {
		return err
	}
	acts, _, err := s.Store.ListActivities(r.Context(), accord.ActivityFilter{PlanID: id, Unlimited: true})
	if err != nil {
		return err
	}
	page := planPage{Page: s.page(w, r, "plan.list", "plans"), Plan: p, Activities: acts}
	page.Title = p.Title
	return s.render(w, http.StatusOK, "plan", page)
}

type planFormPage struct {
	Page
	Plan       *accord.Plan
	Errors     map[string]string
	Agreements []*accord.Agreement
	Selected   map[int64]bool
}

func (s *Server) planForm(w http.ResponseWriter, r *http.Request, status int, p *accord.Plan, errs map[string]string) error {
	title := "plan.new"
	if p.ID != 0 {
		title = "plan.edit"
	}
	agreements, _, err := s.Store.ListAgreements(r.Context(), accord.AgreementFilter{Unlimited: true})
	if err != nil {
		return err
	}
	form := *p
	form.Objectives = append(append([]accord.Objective{}, p.Objectives...), accord.Objective{}, accord.Objective{})
	selected := map[int64]bool{}
	for _, a := range p.Agreements {
		selected[a.AgreementID] = true
	}
	return s.render(w, status, "plan_form", planFormPage{Page: s.page(w, r, title, "plans"), Plan: &form, Errors: errs, Agreements: agreements, Selected: selected})
}

func (s *Server) planNew(w http.ResponseWriter, r *http.Request) error {
	if _, err := accord.RequireWriter(r.Context()); err != nil {
		return err
	}
	p := &accord.Plan{}
	if id, _ := accord.ParseID(r.URL.Query().Get("agreement")); id > 0 {
		p.Agreements = []accord.PlanAgreement{{AgreementID: id}}
	}
	return s.planForm(w, r, http.StatusOK, p, nil)
}

func (s *Server) planEdit(w http.ResponseWriter, r *http.Request) error {
	id, err := webkit.PathID(r)
	if err != nil {
		return err
	}
	if _, err := accord.RequireWriter(r.Context()); err != nil {
		return err
	}
	p, err := s.Store.GetPlan(r.Context(), id)
	if err != nil {
		return err
	}
	return s.planForm(w, r, http.StatusOK, p, nil)
}

func planFromForm(r *http.Request, p *accord.Plan) {
	f := r.PostForm
	p.Title, p.Summary, p.StartDate, p.EndDate = f.Get("title"), f.Get("summary"), accord.Date(f.Get("start_date")), accord.Date(f.Get("end_date"))
	p.Agreements = nil
	for _, v := range f["agreement"] {
		if id, ok := accord.ParseID(v); ok {
			p.Agreements = append(p.Agreements, accord.PlanAgreement{AgreementID: id})
		}
	}
	p.Objectives = nil
	ids := f["objective_id"]
	for i, title := range f["objective"] {
		id, _ := accord.ParseID(at(ids, i))
		if strings.TrimSpace(title) != "" {
			p.Objectives = append(p.Objectives, accord.Objective{ID: id, Title: title})
		}
	}
}

func (s *Server) planSave(w http.ResponseWriter, r *http.Request) error {
	p := &accord.Plan{}
	var err error
	if r.PathValue("id") != "" {
		if p.ID, err = webkit.PathID(r); err != nil {
			return err
		}
		if p.Version, err = formVersion(r); err != nil {
			return err
		}
	}
	planFromForm(r, p)
	if p.ID == 0 {
		err = s.Store.CreatePlan(r.Context(), p)
	} else {
		err = s.Store.UpdatePlan(r.Context(), p)
	}
	if err != nil {
		return s.refused(r, err, func(errs map[string]string) error {
			if accord.ErrorCode(err) == accord.ECONFLICT {
				errs = map[string]string{"": webkit.Language(r).T("form.conflict")}
				if stored, gerr := s.Store.GetPlan(r.Context(), p.ID); gerr == nil {
					p.Version = stored.Version
				}
			}
			return s.planForm(w, r, refusalStatus(err), p, errs)
		})
	}
	return redirect(w, r, "/app/plans/"+strconv.FormatInt(p.ID, 10), "common.saved")
}
