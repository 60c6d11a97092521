package web

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/hxl"
	"github.com/accordhq/accord/internal/web/webkit"
)

type activityListPage struct {
	Page
	Items     []*accord.Activity
	Filter    accord.ActivityFilter
	Query     url.Values
	Pager     webkit.Pager
	Kinds     []string
	Statuses  []int
	Countries []*accord.Country
}

func activityFilter(r *http.Request) accord.ActivityFilter {
	q := r.URL.Query()
	f := accord.ActivityFilter{Q: q.Get("q"), Kind: q.Get("kind"), Country: q.Get("country"), Page: webkit.PageNumber(r), PerPage: 50}
	f.Status, _ = strconv.Atoi(q.Get("status"))
	f.PlanID, _ = accord.ParseID(q.Get("plan"))
	f.OrgID, _ = accord.ParseID(q.Get("org"))
	return f
}

func (s *Server) activityList(w http.ResponseWriter, r *http.Request) error {
	f := activityFilter(r)
	if format := r.URL.Query().Get("format"); format == "hxl" || isExport(r) {
		f.Unlimited = true
		items, _, err := s.Store.ListActivities(r.Context(), f)
		if err != nil {
			return err
		}
		if format == "hxl" {
			w.Header().Set("Content-Type", "text/csv; charset=utf-8")
			w.Header().Set("Content-Disposition", `attachment; filename="4w-hxl.csv"`)
			return hxl.WriteFourW(w, items)
		}
		rows := make([][]string, len(items))
		for i, a := range items {
			var sectors []string
			for _, sc := range a.Sectors {
				sectors = append(sectors, sc.Code+" "+strconv.FormatFloat(sc.Percent, 'f', -1, 64)+"%")
			}
			rows[i] = []string{strconv.FormatInt(a.ID, 10), a.Title, a.Kind, strconv.Itoa(a.Status), a.LeadOrgName, strings.Join(a.Beneficiaries, " "),
				strings.Join(sectors, "; "), string(a.PlannedStart), string(a.PlannedEnd), a.Budget, a.Currency, a.PlanTitle}
		}
		return writeTable(w, r, "activities", []string{"id", "title", "kind", "status", "lead", "beneficiary_countries", "sectors",
			"planned_start", "planned_end", "budget", "currency", "plan"}, rows)
	}
	items, total, err := s.Store.ListActivities(r.Context(), f)
	if err != nil {
		return err
	}
	countries, err := s.Store.Countries(r.Context())
	if err != nil {
		return err
	}
	q := r.URL.Query()
	q.Del("page")
	return s.render(w, http.StatusOK, "activities", activityListPage{Page: s.page(w, r, "act.list", "activities"), Items: items, Filter: f, Query: q,
		Pager: webkit.NewPager(f.Page, f.PerPage, total), Kinds: accord.ActivityKinds, Statuses: accord.ActivityStatuses, Countries: countries})
}

type activityPage struct {
	Page
	Activity   *accord.Activity
	Objective  string
	Indicators []*accord.Indicator
	Errors     map[string]string
	News       recordNews
}

// Approver reports whether the user approves or returns indicator values.
func (p activityPage) Approver() bool { return p.User != nil && accord.ActorFor(p.User).CanApprove() }

func (s *Server) activityDetail(w http.ResponseWriter, r *http.Request) error {
	id, err := webkit.PathID(r)
	if err != nil {
		return err
	}
	return s.activityPage(w, r, http.StatusOK, id, nil)
}

func (s *Server) activityPage(w http.ResponseWriter, r *http.Request, status int, id int64, errs map[string]string) error {
	a, err := s.Store.GetActivity(r.Context(), id)
	if err != nil {
		return err
	}
	p := activityPage{Page: s.page(w, r, "act.list", "activities"), Activity: a, Errors: errs}
	if p.Indicators, err = s.Store.Indicators(r.Context(), id); err != nil {
		return err
	}
	if p.News, err = s.newsAbout(r, "activity", id); err != nil {
		return err
	}
	p.Title = a.Title
	if a.ObjectiveID != nil {
		if plan, err := s.Store.GetPlan(r.Context(), a.PlanID); err == nil {
			for _, o := range plan.Objectives {
				if o.ID == *a.ObjectiveID {
					p.Objective = o.Title
				}
			}
		}
	}
	return s.render(w, status, "activity", p)
}

type activityFormPage struct {
	Page
	Activity   *accord.Activity
	Errors     map[string]string
	Plans      []*accord.Plan
	Orgs       []*accord.Organization
	Countries  []*accord.Country
	Groups     []*accord.CountryGroup
	Sectors    []*accord.Code
	Currencies []*accord.Code
	Kinds      []string
	Statuses   []int
}

// Has reports whether v is among the chosen values of a multiple select.
func (p activityFormPage) Has(list []string, v string) bool { return slices.Contains(list, v) }

// Implements reports whether org implements the activity.
func (p activityFormPage) Implements(org int64) bool {
	return slices.ContainsFunc(p.Activity.Implementing, func(o accord.EngagementOrg) bool { return o.OrgID == org })
}

func (s *Server) activityForm(w http.ResponseWriter, r *http.Request, status int, a *accord.Activity, errs map[string]string) error {
	ctx := r.Context()
	p := activityFormPage{Page: s.page(w, r, "act.new", "activities"), Errors: errs, Kinds: accord.ActivityKinds, Statuses: accord.ActivityStatuses}
	if a.ID != 0 {
		p.Title = p.Locale.T("act.edit")
	}
	var err error
	if p.Plans, _, err = s.Store.ListPlans(ctx, accord.PlanFilter{Unlimited: true}); err != nil {
		return err
	}
	if p.Orgs, p.Countries, err = s.chainChoices(r); err != nil {
		return err
	}
	if p.Groups, err = s.Store.ListCountryGroups(ctx); err != nil {
		return err
	}
	if p.Sectors, err = s.Store.Codes(ctx, accord.ListSectors); err != nil {
		return err
	}
	if p.Currencies, err = s.Store.Codes(ctx, accord.ListCurrencies); err != nil {
		return err
	}
	form := *a
	for len(form.Sectors) < 3 {
		form.Sectors = append(form.Sectors, accord.ActivitySector{})
	}
	p.Activity = &form
	return s.render(w, status, "activity_form", p)
}

func (s *Server) activityNew(w http.ResponseWriter, r *http.Request) error {
	if _, err := accord.RequireWriter(r.Context()); err != nil {
		return err
	}
	a := &accord.Activity{Kind: "training", Status: 1, Currency: "USD"}
	a.PlanID, _ = accord.ParseID(r.URL.Query().Get("plan"))
	return s.activityForm(w, r, http.StatusOK, a, nil)
}

func (s *Server) activityEdit(w http.ResponseWriter, r *http.Request) error {
	id, err := webkit.PathID(r)
	if err != nil {
		return err
	}
	if _, err := accord.RequireWriter(r.Context()); err != nil {
		return err
	}
	a, err := s.Store.GetActivity(r.Context(), id)
	if err != nil {
		return err
	}
	return s.activityForm(w, r, http.StatusOK, a, nil)
}

// activityFromForm reads an activity; sector rows without a code are dropped.
func activityFromForm(r *http.Request, a *accord.Activity) error {
	var p accord.Problems
	f := r.PostForm
	a.Title, a.Description, a.Kind = f.Get("title"), f.Get("description"), f.Get("kind")
	a.PlannedStart, a.PlannedEnd = accord.Date(f.Get("planned_start")), accord.Date(f.Get("planned_end"))
	a.ActualStart, a.ActualEnd = accord.Date(f.Get("actual_start")), accord.Date(f.Get("actual_end"))
	a.Budget, a.Currency = f.Get("budget"), f.Get("currency")
	a.Status, _ = strconv.Atoi(f.Get("status"))
	if id := formID(r, "plan_id", &p); id != nil {
		a.PlanID = *id
	}
	a.ObjectiveID = formID(r, "objective_id", &p)
	if id := formID(r, "lead_org_id", &p); id != nil {
		a.LeadOrgID = *id
	}
	a.Implementing = nil
	for _, v := range f["implementing"] {
		if id, ok := accord.ParseID(v); ok {
			a.Implementing = append(a.Implementing, accord.EngagementOrg{OrgID: id})
		}
	}
	a.Countries, a.Groups = f["countries"], f["groups"]
	a.Sectors = nil
	codes, percents := f["sector_code"], f["sector_percent"]
	for i, code := range codes {
		if code = strings.TrimSpace(code); code == "" {
			continue
		}
		pct, err := strconv.ParseFloat(strings.TrimSuffix(at(percents, i), "%"), 64)
		if err != nil {
			p.Add("sectors["+strconv.Itoa(len(a.Sectors))+"].percent", "must be a number such as 60")
		}
		a.Sectors = append(a.Sectors, accord.ActivitySector{Code: code, Percent: pct})
	}
	return p.Err()
}

func (s *Server) activitySave(w http.ResponseWriter, r *http.Request) error {
	a := &accord.Activity{}
	var err error
	if r.PathValue("id") != "" {
		if a.ID, err = webkit.PathID(r); err != nil {
			return err
		}
		if a.Version, err = formVersion(r); err != nil {
			return err
		}
	}
	err = activityFromForm(r, a)
	if err == nil {
		if a.ID == 0 {
			err = s.Store.CreateActivity(r.Context(), a)
		} else {
			err = s.Store.UpdateActivity(r.Context(), a)
		}
	}
	if err != nil {
		return s.refused(r, err, func(errs map[string]string) error {
			if accord.ErrorCode(err) == accord.ECONFLICT {
				errs = map[string]string{"": webkit.Language(r).T("form.conflict")}
				if stored, gerr := s.Store.GetActivity(r.Context(), a.ID); gerr == nil {
					a.Version = stored.Version
				}
			}
			return s.activityForm(w, r, refusalStatus(err), a, errs)
		})
	}
	return redirect(w, r, "/app/activities/"+strconv.FormatInt(a.ID, 10), "common.saved")
}
