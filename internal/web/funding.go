package web

import (
	"context"
	"math"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/i18n"
	"github.com/accordhq/accord/internal/web/webkit"
)

// fundingQuery is what a dashboard is filtered by: usage years, one flow
// status, one kind of contribution; and, for the map, which figure colours it.
type fundingQuery struct {
	Years        []int
	Status       string
	Contribution string
	Metric       string // firm or gap
}

// fundingQueryFrom reads the filters of a dashboard; a bad one is a field problem.
func fundingQueryFrom(r *http.Request) (fundingQuery, error) {
	q := r.URL.Query()
	f := fundingQuery{Status: q.Get("status"), Contribution: q.Get("contribution"), Metric: q.Get("metric")}
	var p accord.Problems
	for _, v := range q["year"] {
		for _, y := range strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == ' ' }) {
			n, err := strconv.Atoi(y)
			if err != nil || n < 1990 || n > 2100 {
				p.Add("year", "must be a year between 1990 and 2100")
				continue
			}
			if !slices.Contains(f.Years, n) {
				f.Years = append(f.Years, n)
			}
		}
	}
	slices.Sort(f.Years)
	if f.Status != "" && !slices.Contains(accord.FlowStatuses, f.Status) {
		p.Add("status", "must be pledge, commitment or paid")
	}
	if f.Contribution != "" && !slices.Contains(accord.Contributions, f.Contribution) {
		p.Add("contribution", "must be financial or in_kind")
	}
	if f.Metric == "" {
		f.Metric = "firm"
	}
	if f.Metric != "firm" && f.Metric != "gap" {
		p.Add("metric", "must be firm or gap")
	}
	return f, p.Err()
}

// values are the filters as a query string, for links and downloads.
func (q fundingQuery) values() url.Values {
	v := url.Values{}
	for _, y := range q.Years {
		v.Add("year", strconv.Itoa(y))
	}
	if q.Status != "" {
		v.Set("status", q.Status)
	}
	if q.Contribution != "" {
		v.Set("contribution", q.Contribution)
	}
	if q.Metric != "firm" {
		v.Set("metric", q.Metric)
	}
	return v
}

// HasYear reports whether a year is among the chosen ones.
func (q fundingQuery) HasYear(y int) bool { return slices.Contains(q.Years, y) }

// fundingLine is a row of the funding table with where its label leads.
type fundingLine struct {
	accord.FundingRow
	Link string
}

// funding counts by one breakdown for the actor, with the filters applied
// and labels in the reader's language. The store does the counting; the
// status filter only keeps, of each row, the sums of one status, which the
// store already keeps apart.
type funding struct {
	s       *Server
	ctx     context.Context
	l       *i18n.Locale
	q       fundingQuery
	cache   map[string]fundingResult
	version int64             // the store's funding version, read once per request
	names   map[string]string // country and group codes, "sector:" codes → names in l
	loaded  map[string]bool   // the breakdowns whose names are in names
}

type fundingResult struct {
	rows  []accord.FundingRow
	total accord.FundingRow
}

func (s *Server) funding(r *http.Request, q fundingQuery) *funding {
	return &funding{s: s, ctx: r.Context(), l: webkit.Language(r), q: q, cache: map[string]fundingResult{}, loaded: map[string]bool{}}
}

// by returns the rows and total of a breakdown; allYears ignores the year filter (for the trend).
func (f *funding) by(by string, allYears bool) ([]accord.FundingRow, accord.FundingRow, error) {
	key, filter := f.filter(by, allYears)
	if res, ok := f.cache[key]; ok {
		return res.rows, res.total, nil
	}
	if err := f.readVersion(); err != nil {
		return nil, accord.FundingRow{}, err
	}
	rows, err := f.s.fundingFigures.count(f.ctx, f.s.Store, f.version, filter)
	if err != nil {
		return nil, accord.FundingRow{}, err
	}
	if err := f.localize(by, rows); err != nil {
		return nil, accord.FundingRow{}, err
	}
	total := accord.FundingRow{Key: "total", Label: f.l.T("money.total")}
	kept := rows[:0]
	for _, r := range rows {
		r = onlyStatus(r, f.q.Status)
		if r.Requirement == 0 && r.Firm == 0 && r.Pledged == 0 {
			continue
		}
		kept = append(kept, r)
		total.Requirement += r.Requirement
		total.Firm += r.Firm
		total.Paid += r.Paid
		total.Pledged += r.Pledged
	}
	total.Finish()
	f.cache[key] = fundingResult{kept, total}
	return kept, total, nil
}

// filter is what the store counts for a breakdown, and the key of its
// answer in f.cache.
func (f *funding) filter(by string, allYears bool) (string, accord.FundingFilter) {
	filter := accord.FundingFilter{By: by, Contribution: f.q.Contribution}
	if allYears || len(f.q.Years) == 0 {
		return by + "/all", filter // the same figures: counted once
	}
	filter.Years = f.q.Years
	return by, filter
}

// readVersion reads the store's funding version, once per request.
func (f *funding) readVersion() error {
	if f.version != 0 {
		return nil
	}
	v, err := f.s.Store.FundingVersion(f.ctx)
	f.version = v
	return err
}

// countAhead has the store count at once, each on a connection of its
// own, what a dashboard by one breakdown (the overview: by "") shows: the
// years over all years, and its tables and charts. fundingFigures keeps
// the answers for by. A partner's figures are added up from its own flows,
// a sixth of all flows for the largest donor, so the first view after the
// figures change waits for the slowest count instead of their sum. Errors
// are left for by to report.
func (f *funding) countAhead(by string) {
	if f.readVersion() != nil {
		return
	}
	shown := []string{by}
	if by == "" {
		shown = []string{"country", "partner"} // the table and map, the donors
	}
	key, filter := f.filter("year", true)
	filters := map[string]accord.FundingFilter{key: filter}
	for _, b := range shown {
		key, filter := f.filter(b, false)
		filters[key] = filter
	}
	var wg sync.WaitGroup
	for _, filter := range filters {
		wg.Go(func() { _, _ = f.s.fundingFigures.count(f.ctx, f.s.Store, f.version, filter) })
	}
	wg.Wait()
}

// onlyStatus keeps, of a row, the flows at one status. Firm funding is
// commitments plus payments and pledges are apart, so this is exact.
func onlyStatus(r accord.FundingRow, status string) accord.FundingRow {
	switch status {
	case accord.FlowPledge:
		r.Firm, r.Paid = 0, 0
	case accord.FlowCommitment:
		r.Firm, r.Paid, r.Pledged = r.Firm-r.Paid, 0, 0
	case accord.FlowPaid:
		r.Firm, r.Pledged = r.Paid, 0
	default:
		return r
	}
	r.Gap, r.Covered = 0, 0
	r.Finish()
	return r
}

// localize names countries, groups and sectors in the reader's language
// (the store names them in English), and the rows with no key.
func (f *funding) localize(by string, rows []accord.FundingRow) error {
	if f.names == nil {
		f.names = map[string]string{}
	}
	switch {
	case by == "country" && !f.loaded["country"]:
		countries, err := f.s.Store.Countries(f.ctx)
		if err != nil {
			return err
		}
		for _, c := range countries {
			f.names[c.Code] = c.Name(f.l.Lang)
		}
		groups, err := f.s.Store.ListCountryGroups(f.ctx)
		if err != nil {
			return err
		}
		for _, g := range groups {
			f.names[g.Code] = g.Name(f.l.Lang)
		}
	case by == "sector" && !f.loaded["sector"]:
		sectors, err := f.s.Store.Codes(f.ctx, accord.ListSectors)
		if err != nil {
			return err
		}
		for _, c := range sectors {
			f.names["sector:"+c.Code] = c.Code + " " + c.Name(f.l.Lang)
		}
	}
	f.loaded[by] = true
	for i := range rows {
		r := &rows[i]
		switch {
		case r.Key == "":
			r.Label = f.l.T("money.unspecified")
		case by == "country" && f.names[r.Key] != "":
			r.Label = f.names[r.Key]
		case by == "sector" && f.names["sector:"+r.Key] != "":
			r.Label = f.names["sector:"+r.Key]
		}
	}
	return nil
}

// isGroup reports whether a country key is a group (the Sahel), not a country.
func isGroup(key string) bool { return len(key) != 2 }

// link is where a row's label leads.
func link(by, key string, q fundingQuery) string {
	if key == "" {
		return ""
	}
	switch by {
	case "country":
		if !isGroup(key) {
			return "/app/countries/" + key
		}
	case "partner":
		return "/app/organizations/" + key
	case "plan":
		return "/app/plans/" + key
	case "appeal":
		return "/app/appeals/" + key
	case "year":
		q.Years = nil
		v := q.values()
		v.Set("year", key)
		return "/app/funding/country?" + v.Encode()
	}
	return ""
}

type fundingPage struct {
	Page
	Query         fundingQuery
	Filters       url.Values // the filters, for links that keep them
	By            string     // the breakdown chosen; empty on the overview
	TableBy       string     // the breakdown of the table: By, or country on the overview
	Breakdowns    []string
	Lines         []fundingLine
	AllLines      int // rows of the whole table, when Lines holds only the largest
	Total         accord.FundingRow
	Charts        []*chart
	Groups        []accord.FundingRow // funding to country groups, not drawn on the map
	Years         []int
	Statuses      []string
	Contributions []string
	Errors        map[string]string
}

// Download is the address of a chart's file (svg or csv) with the page's filters.
func (p fundingPage) Download(c *chart, ext string) string {
	v := url.Values{}
	for k, vs := range p.Filters {
		v[k] = vs
	}
	for k, vs := range c.Params {
		v[k] = vs
	}
	u := "/app/funding/chart/" + c.Name + "." + ext
	if len(v) > 0 {
		u += "?" + v.Encode()
	}
	return u
}

// Export is the address of the table as a file.
func (p fundingPage) Export(format string) string {
	v := url.Values{}
	for k, vs := range p.Filters {
		v[k] = vs
	}
	v.Set("format", format)
	return "/app/funding/" + p.TableBy + "?" + v.Encode()
}

// Percent formats a share covered.
func (p fundingPage) Percent(v float64) string { return percent(p.Locale, v) }

// Needs reports whether the table has requirements: partners give, they have no needs.
func (p fundingPage) Needs() bool { return p.TableBy != "partner" }

// USD formats an amount in US dollars.
func (p fundingPage) USD(v float64) string { return usdText(p.Locale, v) }

// Compact formats a large amount short.
func (p fundingPage) Compact(v float64) string { return compact(p.Locale, v) }

// Here is the address of this page, without its filters.
func (p fundingPage) Here() string {
	if p.By == "" {
		return "/app/funding"
	}
	return "/app/funding/" + p.By
}

// fundingDashboard answers a funding dashboard, by one breakdown or the
// overview (by ""): fill adds the table and charts to the page. A page of
// valid filters is the same for everyone of one scope (staff, or a
// partner) at one funding version, so its content is rendered once per
// version (renderKept); the version is read on every request, so a write
// through any Accord instance shows at once.
func (s *Server) fundingDashboard(w http.ResponseWriter, r *http.Request, by string, fill func(p *fundingPage, f *funding) error) error {
	page := s.page(w, r, "money.dashboard", "funding")
	if by != "" {
		page.Title = page.Locale.T("money.table." + by)
	}
	p := fundingPage{Page: page, By: by, Breakdowns: accord.FundingBy, Statuses: accord.FlowStatuses, Contributions: accord.Contributions}
	q, err := fundingQueryFrom(r)
	if err != nil {
		if p.Errors, err = webkit.FormErrors(p.Locale, err); err != nil {
			return err
		}
		if err := s.fillFunding(r, &p, fundingQuery{Metric: "firm"}, 0, fill); err != nil {
			return err
		}
		return s.render(w, http.StatusBadRequest, "funding", p)
	}
	ctx := r.Context()
	version, err := s.Store.FundingVersion(ctx)
	if err != nil {
		return err
	}
	key := strconv.FormatInt(version, 10) + " " + fundingScope(ctx) + " " + string(page.User.Role) + " " + r.URL.RequestURI()
	return s.renderKept(w, page, "funding", key, func() (any, error) {
		return p, s.fillFunding(r, &p, q, version, fill)
	})
}

// fillFunding counts what a funding dashboard shows: the years to choose
// from, then what fill adds.
func (s *Server) fillFunding(r *http.Request, p *fundingPage, q fundingQuery, version int64, fill func(p *fundingPage, f *funding) error) error {
	p.Query, p.Filters = q, q.values()
	f := s.funding(r, q)
	f.version = version
	f.countAhead(p.By)
	years, _, err := f.by("year", true)
	if err != nil {
		return err
	}
	for _, y := range years {
		if n, err := strconv.Atoi(y.Key); err == nil {
			p.Years = append(p.Years, n)
		}
	}
	for _, y := range q.Years {
		if !slices.Contains(p.Years, y) {
			p.Years = append(p.Years, y)
		}
	}
	slices.Sort(p.Years)
	return fill(p, f)
}

// fundingTableRows is how many rows a funding table shows, the largest
// first: thousands of plans or appeals make a page too long to read and
// slow to send; the CSV and XLSX files hold every row.
const fundingTableRows = 100

// setLines fills the page's table from rows (largest first) with their links.
func (p *fundingPage) setLines(by string, rows []accord.FundingRow, total accord.FundingRow) {
	p.TableBy, p.Total = by, total
	if len(rows) > fundingTableRows {
		p.AllLines, rows = len(rows), rows[:fundingTableRows]
	}
	p.Lines = make([]fundingLine, len(rows))
	for i, r := range rows {
		p.Lines[i] = fundingLine{FundingRow: r, Link: link(by, r.Key, p.Query)}
	}
}

// fundingOverview is the leadership dashboard: totals, the table by
// country, and every chart, with the map.
func (s *Server) fundingOverview(w http.ResponseWriter, r *http.Request) error {
	return s.fundingDashboard(w, r, "", func(p *fundingPage, f *funding) error {
		rows, total, err := f.by("country", false)
		if err != nil {
			return err
		}
		p.setLines("country", rows, total)
		for _, name := range []string{"bars", "map", "stages", "trend", "donors", "recipients"} {
			c, err := f.chart(name, "country")
			if err != nil {
				return err
			}
			p.Charts = append(p.Charts, c)
		}
		p.Groups = groupRows(rows)
		return nil
	})
}

// fundingBy is the table by one breakdown (country, partner, sector, plan,
// appeal, year) with its bar chart, as a page or a file (?format=csv, xlsx).
func (s *Server) fundingBy(w http.ResponseWriter, r *http.Request) error {
	by := r.PathValue("by")
	if !slices.Contains(accord.FundingBy, by) {
		return accord.Errorf(accord.ENOTFOUND, "There is no funding table by %q.", by)
	}
	if isExport(r) {
		return s.fundingExport(w, r, by)
	}
	return s.fundingDashboard(w, r, by, func(p *fundingPage, f *funding) error {
		rows, total, err := f.by(by, false)
		if err != nil {
			return err
		}
		p.setLines(by, rows, total)
		names := []string{"bars"}
		if by == "country" {
			names = append(names, "map")
			p.Groups = groupRows(rows)
		}
		for _, name := range names {
			c, err := f.chart(name, by)
			if err != nil {
				return err
			}
			p.Charts = append(p.Charts, c)
		}
		return nil
	})
}

// fundingExport is the table by one breakdown as a CSV or XLSX file, every row.
func (s *Server) fundingExport(w http.ResponseWriter, r *http.Request, by string) error {
	q, err := fundingQueryFrom(r)
	if err != nil {
		return err
	}
	rows, total, err := s.funding(r, q).by(by, false)
	if err != nil {
		return err
	}
	out := make([][]string, 0, len(rows)+1)
	for _, row := range append(slices.Clone(rows), total) {
		out = append(out, []string{row.Key, row.Label, money(row.Requirement), money(row.Firm), money(row.Paid), money(row.Pledged),
			money(row.Gap), strconv.FormatFloat(row.Covered, 'f', 1, 64)})
	}
	return writeTable(w, r, "funding-by-"+by, []string{by, "label", "requirement_usd", "firm_usd", "paid_usd", "pledged_usd", "gap_usd", "percent_covered"}, out)
}

// groupRows are the rows of country groups: counted once on the group, so not on the map.
func groupRows(rows []accord.FundingRow) []accord.FundingRow {
	var out []accord.FundingRow
	for _, r := range rows {
		if r.Key != "" && isGroup(r.Key) {
			out = append(out, r)
		}
	}
	return out
}

// fundingChart sends one chart as a picture (NAME.svg) or its figures (NAME.csv).
func (s *Server) fundingChart(w http.ResponseWriter, r *http.Request) error {
	name, ext, _ := strings.Cut(r.PathValue("file"), ".")
	if !slices.Contains(chartNames, name) || (ext != "svg" && ext != "csv") {
		return accord.Errorf(accord.ENOTFOUND, "There is no chart %q.", r.PathValue("file"))
	}
	q, err := fundingQueryFrom(r)
	if err != nil {
		return err
	}
	by := r.URL.Query().Get("by")
	if by == "" {
		by = "country"
	}
	if !slices.Contains(accord.FundingBy, by) {
		return accord.Errorf(accord.EINVALID, "There is no funding table by %q.", by)
	}
	c, err := s.funding(r, q).chart(name, by)
	if err != nil {
		return err
	}
	if ext == "csv" {
		header := append([]string{"key", "label"}, c.Columns...)
		rows := make([][]string, len(c.Rows))
		for i, row := range c.Rows {
			rows[i] = []string{row.Key, row.Label}
			for _, v := range row.Values {
				rows[i] = append(rows[i], strconv.FormatFloat(v, 'f', 2, 64))
			}
		}
		return writeTable(w, r, "funding-"+name, header, rows)
	}
	w.Header().Set("Content-Type", "image/svg+xml; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="funding-`+name+`.svg"`)
	_, err = w.Write([]byte(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" + string(c.SVG)))
	return err
}

// money writes US dollars for a file: 1234.5 → "1234.50".
func money(v float64) string { return strconv.FormatFloat(v, 'f', 2, 64) }

// percent formats a share such as 42.5 in the locale.
func percent(l *i18n.Locale, v float64) string {
	return l.T("money.percent", l.Number(math.Round(v*10)/10))
}

// usdText formats an amount in US dollars in the locale: "5,000,000 USD".
func usdText(l *i18n.Locale, v float64) string {
	return l.T("money.usd", l.Number(math.Round(v*100)/100))
}
