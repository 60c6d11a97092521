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

// maxFlowExport bounds a flow export: past it, the filters must narrow it.
const maxFlowExport = 100_000

type flowListPage struct {
	Page
	Items     []*accord.Flow
	Filter    accord.FlowFilter
	Query     url.Values
	Pager     webkit.Pager
	Orgs      []*accord.Organization
	Countries []*accord.Country
	Statuses  []string
}

func flowFilter(r *http.Request) accord.FlowFilter {
	q := r.URL.Query()
	f := accord.FlowFilter{Q: q.Get("q"), Status: q.Get("status"), Country: q.Get("country"), Page: webkit.PageNumber(r), PerPage: 50}
	f.Year, _ = strconv.Atoi(q.Get("year"))
	f.OrgID, _ = accord.ParseID(q.Get("org"))
	f.PlanID, _ = accord.ParseID(q.Get("plan"))
	f.AppealID, _ = accord.ParseID(q.Get("appeal"))
	return f
}

// allFlows pages through every flow the filter matches, for an export.
func (s *Server) allFlows(r *http.Request, f accord.FlowFilter) ([]*accord.Flow, error) {
	var out []*accord.Flow
	f.PerPage = 200
	for f.Page = 1; ; f.Page++ {
		items, total, err := s.Store.ListFlows(r.Context(), f)
		if err != nil {
			return nil, err
		}
		if total > maxFlowExport {
			return nil, accord.Errorf(accord.EINVALID, "%d flows match; an export holds at most %d. Narrow the filters.", total, maxFlowExport)
		}
		out = append(out, items...)
		if len(items) == 0 || len(out) >= total {
			return out, nil
		}
	}
}

func (s *Server) flowList(w http.ResponseWriter, r *http.Request) error {
	f := flowFilter(r)
	if format := r.URL.Query().Get("format"); format == "hxl" || isExport(r) {
		items, err := s.allFlows(r, f)
		if err != nil {
			return err
		}
		if format == "hxl" {
			w.Header().Set("Content-Type", "text/csv; charset=utf-8")
			w.Header().Set("Content-Disposition", `attachment; filename="flows-hxl.csv"`)
			return hxl.WriteFunding(w, items)
		}
		rows := make([][]string, len(items))
		for i, fl := range items {
			rows[i] = []string{strconv.FormatInt(fl.ID, 10), string(fl.ValueDate), strconv.Itoa(fl.Year), fl.Status, fl.Type, fl.Contribution,
				fl.SourceName, fl.DestName, fl.Country, fl.Group, fl.Sector, fl.Amount, fl.Currency, fl.Rate, string(fl.RateDate), fl.RateSource,
				fl.AmountUSD, fl.Quantity, fl.Unit, idText(fl.ParentID), idText(fl.PlanID), idText(fl.ActivityID), idText(fl.AppealID), fl.Description}
		}
		return writeTable(w, r, "flows", []string{"id", "value_date", "year", "status", "type", "contribution", "source", "destination", "country",
			"group", "sector", "amount", "currency", "rate", "rate_date", "rate_source", "amount_usd", "quantity", "unit", "parent_id", "plan_id",
			"activity_id", "appeal_id", "description"}, rows)
	}
	items, total, err := s.Store.ListFlows(r.Context(), f)
	if err != nil {
		return err
	}
	p := flowListPage{Page: s.page(w, r, "money.flows", "flows"), Items: items, Filter: f, Pager: webkit.NewPager(f.Page, f.PerPage, total),
		Statuses: accord.FlowStatuses}
	if p.Orgs, p.Countries, err = s.chainChoices(r); err != nil {
		return err
	}
	p.Query = r.URL.Query()
	p.Query.Del("page")
	return s.render(w, http.StatusOK, "flows", p)
}

func idText(id *int64) string {
	if id == nil {
		return ""
	}
	return strconv.FormatInt(*id, 10)
}

type flowPage struct {
	Page
	Flow     *accord.Flow
	Where    string
	History  []accord.FlowEvent
	Children []*accord.Flow
	Next     []string // the statuses it may move to
	Today    string
	Errors   map[string]string
}

func (s *Server) flowDetail(w http.ResponseWriter, r *http.Request) error {
	id, err := webkit.PathID(r)
	if err != nil {
		return err
	}
	return s.flowPage(w, r, http.StatusOK, id, nil)
}

func (s *Server) flowPage(w http.ResponseWriter, r *http.Request, status int, id int64, errs map[string]string) error {
	ctx := r.Context()
	f, err := s.Store.GetFlow(ctx, id)
	if err != nil {
		return err
	}
	p := flowPage{Page: s.page(w, r, "money.flows", "flows"), Flow: f, Errors: errs, Today: s.Now().UTC().Format("2006-01-02")}
	p.Title = p.Locale.T("money.flow_title", f.ID)
	if p.History, err = s.Store.FlowHistory(ctx, id); err != nil {
		return err
	}
	if p.Children, err = s.Store.ChildFlows(ctx, id); err != nil {
		return err
	}
	if p.Where, err = s.placeName(r, f.Country, f.Group); err != nil {
		return err
	}
	p.Next = accord.FlowStatuses[slices.Index(accord.FlowStatuses, f.Status)+1:]
	return s.render(w, status, "flow", p)
}

// flowAdvance moves a flow forward: pledge → commitment → paid.
func (s *Server) flowAdvance(w http.ResponseWriter, r *http.Request) error {
	id, version, err := pathVersion(r)
	if err != nil {
		return err
	}
	day := accord.Date(r.PostFormValue("date"))
	if day == "" {
		day = accord.Date(s.Now().UTC().Format("2006-01-02"))
	}
	if !day.Valid() {
		err = &accord.Error{Code: accord.EINVALID, Message: "Some fields need attention", Fields: []accord.FieldError{{Field: "date", Message: "must be a date YYYY-MM-DD"}}}
	} else {
		_, err = s.Store.AdvanceFlow(r.Context(), id, version, r.PostFormValue("to"), day)
	}
	if err != nil {
		return s.refused(r, err, func(errs map[string]string) error {
			errs = s.conflictMessage(r, err, "money.flow_conflict", errs)
			return s.flowPage(w, r, refusalStatus(err), id, errs)
		})
	}
	return redirect(w, r, "/app/flows/"+strconv.FormatInt(id, 10)+"#history", "common.saved")
}

type flowFormPage struct {
	Page
	Flow      *accord.Flow
	Errors    map[string]string
	Orgs      []*accord.Organization
	Countries []*accord.Country
	moneyChoices
	Statuses      []string
	Types         []string
	Contributions []string
}

// Year is the usage year as typed, or empty.
func (p flowFormPage) Year() string {
	if p.Flow.Year == 0 {
		return ""
	}
	return strconv.Itoa(p.Flow.Year)
}

func (s *Server) flowForm(w http.ResponseWriter, r *http.Request, status int, f *accord.Flow, errs map[string]string) error {
	ctx := r.Context()
	p := flowFormPage{Page: s.page(w, r, "money.flow_new", "flows"), Flow: f, Errors: errs,
		Statuses: accord.FlowStatuses, Types: accord.FlowTypes, Contributions: accord.Contributions}
	var err error
	if p.Orgs, p.Countries, err = s.chainChoices(r); err != nil {
		return err
	}
	if p.moneyChoices, err = s.moneyChoices(ctx); err != nil {
		return err
	}
	return s.render(w, status, "flow_form", p)
}

// flowNew shows an empty flow form; ?appeal=, ?parent=, ?plan= and
// ?activity= fill in what the flow is tied to, and a child takes its
// parent's source, destination and currency.
func (s *Server) flowNew(w http.ResponseWriter, r *http.Request) error {
	if _, err := accord.RequireWriter(r.Context()); err != nil {
		return err
	}
	f := &accord.Flow{Status: accord.FlowPledge, Type: "standard", Contribution: "financial", Currency: accord.ReportingCurrency,
		ValueDate: accord.Date(s.Now().UTC().Format("2006-01-02"))}
	q := r.URL.Query()
	ref := func(name string) *int64 {
		if id, ok := accord.ParseID(q.Get(name)); ok {
			return &id
		}
		return nil
	}
	f.AppealID, f.ParentID, f.PlanID, f.ActivityID = ref("appeal"), ref("parent"), ref("plan"), ref("activity")
	if f.ParentID != nil {
		if parent, err := s.Store.GetFlow(r.Context(), *f.ParentID); err == nil {
			f.SourceOrgID, f.DestOrgID, f.Country, f.Group, f.Sector = parent.SourceOrgID, parent.DestOrgID, parent.Country, parent.Group, parent.Sector
			f.Currency, f.Contribution, f.Status, f.AppealID, f.PlanID = parent.Currency, parent.Contribution, parent.Status, parent.AppealID, parent.PlanID
			f.Unit = parent.Unit
		}
	}
	if f.AppealID != nil && f.ParentID == nil {
		if a, err := s.Store.GetAppeal(r.Context(), *f.AppealID); err == nil {
			f.Country, f.Group, f.Sector, f.PlanID = a.Country, a.Group, a.Sector, a.PlanID
		}
	}
	return s.flowForm(w, r, http.StatusOK, f, nil)
}

// flowFromForm reads a flow; numbers that are not numbers are field problems.
func flowFromForm(r *http.Request) (*accord.Flow, error) {
	var p accord.Problems
	v := func(name string) string { return strings.TrimSpace(r.PostFormValue(name)) }
	f := &accord.Flow{Status: v("status"), Type: v("type"), Contribution: v("contribution"), Description: r.PostFormValue("description"),
		Country: v("country"), Group: v("group"), Sector: v("sector"), ValueDate: accord.Date(v("value_date")), Amount: v("amount"),
		Currency: v("currency"), Rate: v("rate"), RateDate: accord.Date(v("rate_date")), RateSource: v("rate_source"),
		Quantity: v("quantity"), Unit: v("unit")}
	if id := formID(r, "source_org_id", &p); id != nil {
		f.SourceOrgID = *id
	}
	f.DestOrgID = formID(r, "dest_org_id", &p)
	f.ParentID = formID(r, "parent_id", &p)
	f.PlanID = formID(r, "plan_id", &p)
	f.ActivityID = formID(r, "activity_id", &p)
	f.AppealID = formID(r, "appeal_id", &p)
	if y := v("year"); y != "" {
		n, err := strconv.Atoi(y)
		if err != nil {
			p.Add("year", "must be a year between 1990 and 2100")
		}
		f.Year = n
	}
	return f, p.Err()
}

func (s *Server) flowCreate(w http.ResponseWriter, r *http.Request) error {
	f, err := flowFromForm(r)
	if err == nil {
		err = s.Store.CreateFlow(r.Context(), f)
	}
	if err != nil {
		return s.refused(r, err, func(errs map[string]string) error {
			return s.flowForm(w, r, http.StatusBadRequest, f, errs)
		})
	}
	return redirect(w, r, "/app/flows/"+strconv.FormatInt(f.ID, 10), "common.created")
}
