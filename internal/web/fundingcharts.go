package web

import (
	"cmp"
	"html/template"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/chart"
	"github.com/accordhq/accord/internal/i18n"
)

// chartNames are the charts of the dashboards, each also a file under /app/funding/chart/.
var chartNames = []string{"bars", "stages", "trend", "donors", "recipients", "map"}

// chartSection is a chart as a dashboard shows it: the picture, and the
// figures it draws, as a table for readers who do not see it and as its CSV.
type chartSection struct {
	Name, Title, Hint string
	SVG               template.HTML
	Columns           []string   // value columns: requirement, firm, paid, pledged, gap, covered, amount
	Rows              []chartRow // the figures drawn, in the order drawn
	Params            url.Values // what the chart adds to the page's filters (by=…)
}

type chartRow struct {
	Key, Label string
	File       []string // the figures as the CSV writes them: dollars and cents, or a percentage
	Cells      []string // as the reader's language writes them
}

// figure is one value of a chart's table: an amount, or a share covered.
type figure struct {
	amount  accord.Cents
	share   float64
	isShare bool
}

func usd(c accord.Cents) figure { return figure{amount: c} }
func share(v float64) figure    { return figure{share: v, isShare: true} }

// add appends a row of figures to the table behind a chart.
func (c *chartSection) add(l *i18n.Locale, key, label string, figures ...figure) {
	row := chartRow{Key: key, Label: label}
	for _, f := range figures {
		if f.isShare {
			row.File, row.Cells = append(row.File, strconv.FormatFloat(f.share, 'f', 2, 64)), append(row.Cells, percent(l, f.share))
		} else {
			row.File, row.Cells = append(row.File, f.amount.String()), append(row.Cells, amountText(l, f.amount))
		}
	}
	c.Rows = append(c.Rows, row)
}

// Colours of the stages of money, darkest when paid; a requirement is
// what a bar is measured against.
const (
	fillRequirement = chart.Back
	fillPaid        = "#0b4f8a"
	fillCommitted   = "#4f8fd0"
	fillPledged     = "#b7d3ef"
)

// chartView is the breakdown a chart draws: bars and stages draw the
// page's own (by), the others always the same.
func chartView(name, by string) fundingView {
	switch name {
	case "trend":
		return fundingView{by: "year", allYears: true}
	case "donors":
		return fundingView{by: "partner"}
	case "recipients", "map":
		return fundingView{by: "country"}
	}
	return fundingView{by: by}
}

// drawChart draws chart name from the table of its view (chartView);
// countries names every country, for the map.
func drawChart(l *i18n.Locale, name, metric string, t fundingTable, countries map[string]string) *chartSection {
	switch name {
	case "bars":
		return barsChart(l, t)
	case "stages":
		return stagesChart(l, t.Total)
	case "trend":
		return trendChart(l, t.Lines)
	case "donors", "recipients":
		return giversChart(l, name, t.Lines)
	}
	return mapChart(l, metric, t.Lines, countries)
}

// words are what the charts write in the reader's language.
func words(l *i18n.Locale) chart.Words {
	return chart.Words{RTL: l.Dir == "rtl", NoFigures: l.T("money.no_figures"), Number: func(v float64) string { return compact(l, v) }}
}

// barsChart draws the largest lines of a table, each against its requirement.
func barsChart(l *i18n.Locale, t fundingTable) *chartSection {
	top := t.Lines[:min(len(t.Lines), 12)]
	needs := t.By != "partner" // partners give; they have no requirement
	c := &chartSection{Name: "bars", Title: l.T("money.chart.bars." + t.By), Params: url.Values{"by": {t.By}},
		Columns: []string{"requirement", "firm", "paid", "pledged", "gap", "covered"}}
	if !needs {
		c.Columns = []string{"firm", "paid", "pledged"}
	}
	if len(t.Lines) > len(top) {
		c.Hint = l.T("money.chart.top", len(top), len(t.Lines))
	}
	bars := make([]chart.Bar, len(top))
	for i, r := range top {
		if !needs {
			bars[i] = giverBar(l, c, r)
			continue
		}
		c.add(l, r.Key, r.Label, usd(r.Requirement), usd(r.Firm), usd(r.Paid), usd(r.Pledged), usd(r.Gap()), share(r.Covered()))
		value := compact(l, r.Firm.Dollars())
		if r.Requirement > 0 {
			value = percent(l, r.Covered())
		}
		bars[i] = chart.Bar{Label: r.Label, Back: r.Requirement.Dollars(), Value: value, Segments: moneySegments(r),
			Title: l.T("money.chart.bar_title", r.Label, usdText(l, r.Requirement), usdText(l, r.Firm), usdText(l, r.Paid),
				usdText(l, r.Pledged), usdText(l, r.Gap()), percent(l, r.Covered()))}
	}
	c.SVG = chart.Bars(words(l), c.Title, moneyLegend(l, needs), bars)
	return c
}

// giverBar adds what a line gives to a chart's table, and draws it as a bar
// with no requirement.
func giverBar(l *i18n.Locale, c *chartSection, r accord.FundingLine) chart.Bar {
	c.add(l, r.Key, r.Label, usd(r.Firm), usd(r.Paid), usd(r.Pledged))
	return chart.Bar{Label: r.Label, Value: compact(l, r.Firm.Dollars()), Segments: moneySegments(r),
		Title: l.T("money.chart.giver_title", r.Label, usdText(l, r.Firm), usdText(l, r.Paid), usdText(l, r.Pledged))}
}

// stagesChart draws a total by the stages of money: pledged, committed, paid.
func stagesChart(l *i18n.Locale, total accord.FundingLine) *chartSection {
	c := &chartSection{Name: "stages", Title: l.T("money.chart.stages"), Hint: l.T("money.chart.stages_hint"), Columns: []string{"amount"}}
	stages := []struct {
		key  string
		v    accord.Cents
		fill string
	}{{accord.FlowPledge, total.Pledged, fillPledged}, {accord.FlowCommitment, total.Committed(), fillCommitted}, {accord.FlowPaid, total.Paid, fillPaid}}
	bars := make([]chart.Bar, len(stages))
	for i, st := range stages {
		label := l.T("money.status." + st.key)
		c.add(l, st.key, label, usd(st.v))
		bars[i] = chart.Bar{Label: label, Value: compact(l, st.v.Dollars()), Segments: []chart.Segment{{V: st.v.Dollars(), Fill: st.fill}},
			Title: l.T("money.chart.amount_title", label, usdText(l, st.v))}
	}
	c.SVG = chart.Bars(words(l), c.Title, nil, bars)
	return c
}

// trendChart draws each year's requirement, firm funding and pledges.
func trendChart(l *i18n.Locale, years []accord.FundingLine) *chartSection {
	years = slices.Clone(years)
	slices.SortFunc(years, func(a, b accord.FundingLine) int { return strings.Compare(a.Key, b.Key) })
	c := &chartSection{Name: "trend", Title: l.T("money.chart.trend"), Hint: l.T("money.chart.trend_hint"), Columns: []string{"requirement", "firm", "pledged"}}
	groups := make([]chart.Group, len(years))
	for i, r := range years {
		c.add(l, r.Key, r.Label, usd(r.Requirement), usd(r.Firm), usd(r.Pledged))
		groups[i] = chart.Group{Label: r.Label, Values: []float64{r.Requirement.Dollars(), r.Firm.Dollars(), r.Pledged.Dollars()},
			Title: l.T("money.chart.year_title", r.Label, usdText(l, r.Requirement), usdText(l, r.Firm), usdText(l, r.Pledged))}
	}
	series := []chart.Item{{Label: l.T("money.requirement"), Fill: fillRequirement}, {Label: l.T("money.firm"), Fill: fillCommitted},
		{Label: l.T("money.pledged"), Fill: fillPledged}}
	c.SVG = chart.Columns(words(l), c.Title, series, groups)
	return c
}

// giversChart draws the ten lines (donors or recipients) that give or get
// the most, firm and pledged.
func giversChart(l *i18n.Locale, name string, lines []accord.FundingLine) *chartSection {
	lines = slices.Clone(lines)
	slices.SortStableFunc(lines, func(a, b accord.FundingLine) int { return cmp.Compare(b.Firm+b.Pledged, a.Firm+a.Pledged) })
	lines = slices.DeleteFunc(lines, func(r accord.FundingLine) bool { return r.Firm+r.Pledged == 0 })
	top := lines[:min(len(lines), 10)]
	c := &chartSection{Name: name, Title: l.T("money.chart." + name), Columns: []string{"firm", "paid", "pledged"}}
	if len(lines) > len(top) {
		c.Hint = l.T("money.chart.top", len(top), len(lines))
	}
	bars := make([]chart.Bar, len(top))
	for i, r := range top {
		bars[i] = giverBar(l, c, r)
	}
	c.SVG = chart.Bars(words(l), c.Title, moneyLegend(l, false), bars)
	return c
}

// moneySegments splits a line's money by stage: paid, committed, pledged.
func moneySegments(r accord.FundingLine) []chart.Segment {
	return []chart.Segment{{V: r.Paid.Dollars(), Fill: fillPaid}, {V: r.Committed().Dollars(), Fill: fillCommitted}, {V: r.Pledged.Dollars(), Fill: fillPledged}}
}

func moneyLegend(l *i18n.Locale, requirement bool) []chart.Item {
	items := []chart.Item{{Label: l.T("money.status.paid"), Fill: fillPaid}, {Label: l.T("money.status.commitment"), Fill: fillCommitted},
		{Label: l.T("money.status.pledge"), Fill: fillPledged}}
	if requirement {
		items = append(items, chart.Item{Label: l.T("money.requirement"), Fill: fillRequirement})
	}
	return items
}
