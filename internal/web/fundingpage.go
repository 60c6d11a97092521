package web

import (
	"net/url"
	"slices"
	"strconv"

	"github.com/accordhq/accord/internal/accord"
)

type fundingPage struct {
	Page
	Query         fundingQuery
	Filters       url.Values // the filters, for links that keep them
	By            string     // the breakdown chosen; empty on the overview
	TableBy       string     // the breakdown of the table: By, or country on the overview
	Breakdowns    []string
	Lines         []fundingLine
	AllLines      int // rows of the whole table, when Lines holds only the largest
	Total         accord.FundingLine
	Charts        []*chartSection
	Groups        []accord.FundingLine // funding to country groups, not drawn on the map
	Years         []int
	Statuses      []string
	Contributions []string
	Errors        map[string]string
}

// fundingLine is a row of the funding table with where its label leads.
type fundingLine struct {
	accord.FundingLine
	Link string
}

// fundingTableRows is how many rows a funding table shows, the largest
// first: thousands of plans or appeals make a page too long to read and
// slow to send; the CSV and XLSX files hold every row.
const fundingTableRows = 100

// overviewCharts are the charts of the leadership dashboard.
var overviewCharts = []string{"bars", "map", "stages", "trend", "donors", "recipients"}

// dashboardCharts are the charts of a dashboard by one breakdown, or of the overview (by "").
func dashboardCharts(by string) []string {
	switch by {
	case "":
		return overviewCharts
	case "country":
		return []string{"bars", "map"}
	}
	return []string{"bars"}
}

// dashboardViews are the breakdowns a dashboard draws: its table, the
// years to choose from, and those of its charts.
func dashboardViews(tableBy string, charts []string) []fundingView {
	views := []fundingView{{by: tableBy}, {by: "year", allYears: true}}
	for _, name := range charts {
		if v := chartView(name, tableBy); !slices.Contains(views, v) {
			views = append(views, v)
		}
	}
	return views
}

// newFundingPage lays out a dashboard by one breakdown, or the overview (by
// ""), from what was counted for its views (dashboardViews).
func newFundingPage(page Page, by string, q fundingQuery, counted countedFunding) fundingPage {
	p := fundingPage{Page: page, Query: q, Filters: q.values(), By: by, TableBy: by, Breakdowns: accord.FundingBy,
		Statuses: accord.FlowStatuses, Contributions: accord.Contributions}
	if by == "" {
		p.TableBy = "country"
	}
	table := counted.tables[fundingView{by: p.TableBy}]
	p.Total = table.Total
	rows := table.Lines
	if len(rows) > fundingTableRows {
		p.AllLines, rows = len(rows), rows[:fundingTableRows]
	}
	p.Lines = make([]fundingLine, len(rows))
	for i, r := range rows {
		p.Lines[i] = fundingLine{FundingLine: r, Link: link(p.TableBy, r.Key, q)}
	}
	if p.TableBy == "country" {
		_, p.Groups = accord.SplitCountryGroups(table.Lines)
	}
	for _, name := range dashboardCharts(by) {
		t := counted.tables[chartView(name, p.TableBy)]
		p.Charts = append(p.Charts, drawChart(p.Locale, name, q.Metric, t, counted.names["country"]))
	}
	for _, y := range counted.tables[fundingView{by: "year", allYears: true}].Lines {
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
	return p
}

// link is where a row's label leads.
func link(by, key string, q fundingQuery) string {
	if key == "" {
		return ""
	}
	switch by {
	case "country":
		if !accord.IsCountryGroup(key) {
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

// Download is the address of a chart's file (svg or csv) with the page's filters.
func (p fundingPage) Download(c *chartSection, ext string) string {
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

// Needs reports whether the table has requirements: partners give, they have no needs.
func (p fundingPage) Needs() bool { return p.TableBy != "partner" }

// Amount formats an amount in US dollars, as a figure of the table.
func (p fundingPage) Amount(c accord.Cents) string { return amountText(p.Locale, c) }

// USD formats an amount in US dollars, with the currency.
func (p fundingPage) USD(c accord.Cents) string { return usdText(p.Locale, c) }

// Compact formats a large amount short.
func (p fundingPage) Compact(c accord.Cents) string { return compact(p.Locale, c.Dollars()) }

// Percent formats a share covered.
func (p fundingPage) Percent(v float64) string { return percent(p.Locale, v) }

// Here is the address of this page, without its filters.
func (p fundingPage) Here() string {
	if p.By == "" {
		return "/app/funding"
	}
	return "/app/funding/" + p.By
}
