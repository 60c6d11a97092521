package web

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/web/webkit"
)

type appealListPage struct {
	Page
	Items []*accord.Appeal
	Q     string
	Query url.Values
	Pager webkit.Pager
}

func (s *Server) appealList(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	if isExport(r) {
		var rows [][]string
		for page := 1; ; page++ {
			items, total, err := s.Store.ListAppeals(r.Context(), q.Get("q"), page, 200)
			if err != nil {
				return err
			}
			for _, a := range items {
				rows = append(rows, []string{strconv.FormatInt(a.ID, 10), a.Title, a.Country, a.Group, a.Sector, string(a.Start), string(a.End),
					a.Amount, a.Currency, a.Rate, a.AmountUSD, strconv.Itoa(a.Version)})
			}
			if len(items) == 0 || len(rows) >= total {
				break
			}
		}
		return writeTable(w, r, "appeals", []string{"id", "title", "country", "group", "sector", "start", "end", "amount", "currency", "rate",
			"amount_usd", "version"}, rows)
	}
	page := webkit.PageNumber(r)
	items, total, err := s.Store.ListAppeals(r.Context(), q.Get("q"), page, 50)
	if err != nil {
		return err
	}
	q.Del("page")
	return s.render(w, http.StatusOK, "appeals", appealListPage{Page: s.page(w, r, "money.appeals", "appeals"), Items: items, Q: q.Get("q"),
		Query: q, Pager: webkit.NewPager(page, 50, total)})
}

type appealPage struct {
	Page
	Appeal  *accord.Appeal
	Funding accord.FundingLine
	Flows   []*accord.Flow
	More    int // flows not listed
	Where   string
	Form    struct{ Amount, Reason, Date string }
	Errors  map[string]string
}

// Percent formats a share covered.
func (p appealPage) Percent(v float64) string { return percent(p.Locale, v) }

// Amount formats an amount in US dollars.
func (p appealPage) Amount(c accord.Cents) string { return amountText(p.Locale, c) }

func (s *Server) appealDetail(w http.ResponseWriter, r *http.Request) error {
	id, err := webkit.PathID(r)
	if err != nil {
		return err
	}
	return s.appealPage(w, r, http.StatusOK, id, nil)
}

// appealPage shows an appeal with its revisions, what is counted for it
// by the rules of the funding table, and the flows tied to it.
func (s *Server) appealPage(w http.ResponseWriter, r *http.Request, status int, id int64, errs map[string]string) error {
	ctx := r.Context()
	a, err := s.Store.GetAppeal(ctx, id)
	if err != nil {
		return err
	}
	p := appealPage{Page: s.page(w, r, "money.appeals", "appeals"), Appeal: a, Errors: errs}
	p.Title = a.Title
	report, err := s.Store.FundingReport(ctx, accord.FundingFilter{By: "appeal"})
	if err != nil {
		return err
	}
	p.Funding.Requirement, _ = accord.ParseCents(a.AmountUSD)
	for _, line := range report.Lines {
		if line.Key == strconv.FormatInt(id, 10) {
			p.Funding = line
		}
	}
	var total int
	if p.Flows, total, err = s.Store.ListFlows(ctx, accord.FlowFilter{AppealID: id, PerPage: 50}); err != nil {
		return err
	}
	p.More = total - len(p.Flows)
	if p.Where, err = s.placeName(r, a.Country, a.Group); err != nil {
		return err
	}
	if errs != nil {
		p.Form.Amount, p.Form.Reason, p.Form.Date = r.PostFormValue("amount"), r.PostFormValue("reason"), r.PostFormValue("date")
	} else {
		p.Form.Date = s.Now().UTC().Format("2006-01-02")
	}
	return s.render(w, status, "appeal", p)
}

// appealRevise changes an appeal's requirement, keeping the former one in its revisions.
func (s *Server) appealRevise(w http.ResponseWriter, r *http.Request) error {
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
		_, err = s.Store.ReviseAppeal(r.Context(), id, version, r.PostFormValue("amount"), r.PostFormValue("reason"), day)
	}
	if err != nil {
		return s.refused(r, err, func(errs map[string]string) error {
			errs = s.conflictMessage(r, err, "form.conflict", errs)
			return s.appealPage(w, r, refusalStatus(err), id, errs)
		})
	}
	return redirect(w, r, "/app/appeals/"+strconv.FormatInt(id, 10)+"#revisions", "common.saved")
}

type appealFormPage struct {
	Page
	Appeal    *accord.Appeal
	Errors    map[string]string
	Countries []*accord.Country
	moneyChoices
}

func (s *Server) appealForm(w http.ResponseWriter, r *http.Request, status int, a *accord.Appeal, errs map[string]string) error {
	ctx := r.Context()
	p := appealFormPage{Page: s.page(w, r, "money.appeal_new", "appeals"), Appeal: a, Errors: errs}
	var err error
	if p.Countries, err = s.Store.Countries(ctx); err != nil {
		return err
	}
	if p.moneyChoices, err = s.moneyChoices(ctx); err != nil {
		return err
	}
	return s.render(w, status, "appeal_form", p)
}

func (s *Server) appealNew(w http.ResponseWriter, r *http.Request) error {
	if _, err := accord.RequireWriter(r.Context()); err != nil {
		return err
	}
	a := &accord.Appeal{Currency: accord.ReportingCurrency}
	if id, ok := accord.ParseID(r.URL.Query().Get("plan")); ok {
		a.PlanID = &id
	}
	return s.appealForm(w, r, http.StatusOK, a, nil)
}

func (s *Server) appealCreate(w http.ResponseWriter, r *http.Request) error {
	var p accord.Problems
	f := r.PostForm
	a := &accord.Appeal{Title: f.Get("title"), Description: f.Get("description"), Country: f.Get("country"), Group: f.Get("group"),
		Sector: f.Get("sector"), Start: accord.Date(f.Get("start")), End: accord.Date(f.Get("end")), Amount: f.Get("amount"),
		Currency: f.Get("currency"), Rate: f.Get("rate")}
	a.PlanID = formID(r, "plan_id", &p)
	a.ActivityID = formID(r, "activity_id", &p)
	err := p.Err()
	if err == nil {
		err = s.Store.CreateAppeal(r.Context(), a)
	}
	if err != nil {
		return s.refused(r, err, func(errs map[string]string) error {
			return s.appealForm(w, r, http.StatusBadRequest, a, errs)
		})
	}
	return redirect(w, r, "/app/appeals/"+strconv.FormatInt(a.ID, 10), "common.created")
}
