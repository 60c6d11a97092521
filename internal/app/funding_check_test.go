package app

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/i18n"
)

// fundingCheck compares what one page shows one user with the API's answer
// for that user, reporting each figure that differs by name.
type fundingCheck struct {
	t         *testing.T
	who, page string
	api       map[string]apiFunding
}

var fundingEN = i18n.Get("en")

func (c *fundingCheck) errorf(format string, args ...any) {
	c.t.Helper()
	c.t.Errorf("%s, %s: %s", c.who, c.page, fmt.Sprintf(format, args...))
}

// number parses 1,234.56; its rounding is to the digits shown, at most cents.
func shownNumber(s string) (v, half float64, ok bool) {
	if !reNumber.MatchString(s) {
		return 0, 0, false
	}
	v, err := strconv.ParseFloat(strings.ReplaceAll(s, ",", ""), 64)
	if err != nil {
		return 0, 0, false
	}
	decimals := 0
	if _, frac, found := strings.Cut(s, "."); found {
		decimals = len(frac)
	}
	if decimals == 0 || decimals == 1 {
		// Whole or one-decimal figures are what cents rounding leaves of 12.00 or 12.50.
		decimals = 2
	}
	return v, 0.5 * math.Pow(10, -float64(decimals)), true
}

func shownUSD(s string) (float64, float64, bool) {
	m := reUSD.FindStringSubmatch(s)
	if m == nil {
		return 0, 0, false
	}
	return shownNumber(m[1])
}

func shownPercent(s string) (float64, float64, bool) {
	m := rePercent.FindStringSubmatch(s)
	if m == nil {
		return 0, 0, false
	}
	v, err := strconv.ParseFloat(strings.ReplaceAll(m[1], ",", ""), 64)
	return v, 0.05, err == nil
}

func shownCompact(s string) (float64, float64, bool) {
	m := reCompact.FindStringSubmatch(s)
	if m == nil {
		return 0, 0, false
	}
	v, err := strconv.ParseFloat(strings.ReplaceAll(m[1], ",", ""), 64)
	unit := map[string]float64{"": 1, "k": 1e3, "M": 1e6, "bn": 1e9}[m[2]]
	return v * unit, 0.05 * unit, err == nil
}

// same checks one displayed figure against the API's value.
func (c *fundingCheck) same(figure, text string, parse func(string) (float64, float64, bool), want float64) {
	c.t.Helper()
	v, half, ok := parse(text)
	switch {
	case !ok:
		c.errorf("%s shows %q, which does not read as a figure", figure, text)
	case math.Abs(v-want) > half+1e-9*math.Max(1, math.Abs(want)):
		c.errorf("%s shows %q; the API says %.2f", figure, text, want)
	}
}

// value is a figure of a row by its column name.
func fundingValue(r accord.FundingRow, column string) float64 {
	switch column {
	case "requirement":
		return r.Requirement
	case "firm":
		return r.Firm
	case "paid":
		return r.Paid
	case "pledged":
		return r.Pledged
	case "gap":
		return r.Gap
	case "covered":
		return r.Covered
	}
	panic("no column " + column)
}

// kpis checks the headline figures of the overview against the API's totals.
func (c *fundingCheck) kpis(p fundingShown) {
	c.t.Helper()
	total := c.api["country"].Totals
	kpi := func(key string) (string, string, bool) {
		for _, k := range p.KPIs {
			if k.Label == fundingEN.T(key) {
				return k.Big, k.Small, true
			}
		}
		c.errorf("no headline figure %q", fundingEN.T(key))
		return "", "", false
	}
	for _, f := range []struct {
		key, column string
	}{{"money.requirement", "requirement"}, {"money.firm", "firm"}, {"money.pledged", "pledged"}, {"money.gap", "gap"}} {
		big, small, ok := kpi(f.key)
		if !ok {
			continue
		}
		name := "headline " + fundingEN.T(f.key)
		c.same(name, big, shownCompact, fundingValue(total, f.column))
		if f.column == "firm" {
			// Beside firm funding: "of which paid: … USD".
			if !strings.HasPrefix(small, strings.TrimSuffix(fundingEN.T("money.of_which_paid", ""), " ")) {
				c.errorf("%s: %q is not the share paid", name, small)
			}
			c.same(name+", of which paid", small, shownUSD, total.Paid)
		} else {
			c.same(name+" in full", small, shownUSD, fundingValue(total, f.column))
		}
	}
	if big, _, ok := kpi("money.covered"); ok {
		c.same("headline "+fundingEN.T("money.covered"), big, shownPercent, total.Covered)
	}
}

// table checks the table by country and its total row against the API's rows and totals.
func (c *fundingCheck) table(p fundingShown) {
	c.t.Helper()
	api := c.api["country"]
	if p.TableHead != fundingEN.T("money.col.by.country") {
		c.errorf("the table is headed %q; want the table by country", p.TableHead)
	}
	want := api.shown()
	if len(want) == 0 {
		c.errorf("the API has no funding by country; the demo should give some")
	}
	seen := map[string]bool{}
	for _, line := range p.Lines {
		seen[line.Key] = true
		r, ok := api.row(line.Key)
		if !ok {
			c.errorf("table row %q (%s) is not in the API's answer", line.Key, line.Label)
			continue
		}
		c.line("table row "+line.Label, line, r)
	}
	for _, r := range want {
		if !seen[r.Key] {
			c.errorf("table: no row for %s (%s), which the API counts: requirement %.2f, firm %.2f, pledged %.2f", r.Key, r.Label, r.Requirement, r.Firm, r.Pledged)
		}
	}
	if p.Total == nil {
		c.errorf("the table has no total row")
		return
	}
	c.line("table total", *p.Total, api.Totals)
}

// line checks one row of the funding table.
func (c *fundingCheck) line(name string, line fundingShownLine, r accord.FundingRow) {
	c.t.Helper()
	if r.Key != "" && r.Key != "total" && line.Label != r.Label {
		c.errorf("%s: labelled %q; the API names %s %q", name, line.Label, r.Key, r.Label)
	}
	for _, col := range []string{"requirement", "firm", "paid", "pledged", "gap"} {
		text, ok := line.Cells[col]
		if !ok {
			c.errorf("%s: no %s", name, col)
			continue
		}
		c.same(name+", "+col, text, shownNumber, fundingValue(r, col))
	}
	switch covered := line.Cells["covered"]; {
	case r.Requirement == 0 && covered != "—":
		c.errorf("%s: covered %q with no requirement; want —", name, covered)
	case r.Requirement != 0:
		c.same(name+", covered", covered, shownPercent, r.Covered)
	}
}

// charts checks the tables behind the charts a page shows, and the map.
func (c *fundingCheck) charts(p fundingShown, metric string, names []string) {
	c.t.Helper()
	var got []string
	for _, ch := range p.Charts {
		got = append(got, ch.Name)
	}
	if !slices.Equal(got, names) {
		c.errorf("charts %v; want %v", got, names)
	}
	country, partner, year := c.api["country"], c.api["partner"], c.api["year"]
	totals := country.Totals
	stages := map[string]accord.FundingRow{ // each stage's amount as the "firm" of a row
		accord.FlowPledge:     {Key: accord.FlowPledge, Firm: totals.Pledged},
		accord.FlowCommitment: {Key: accord.FlowCommitment, Firm: totals.Firm - totals.Paid},
		accord.FlowPaid:       {Key: accord.FlowPaid, Firm: totals.Paid},
	}
	given := func(rows []accord.FundingRow) []accord.FundingRow {
		return slices.DeleteFunc(slices.Clone(rows), func(r accord.FundingRow) bool { return r.Firm+r.Pledged == 0 })
	}
	countries := slices.DeleteFunc(country.shown(), func(r accord.FundingRow) bool { return r.Key == "" || len(r.Key) != 2 })
	for _, ch := range p.Charts {
		var columns []string
		var rows []accord.FundingRow // what the chart may show
		limit := 0                   // how many it shows at most; 0 for all
		switch ch.Name {
		case "bars":
			columns, rows, limit = []string{"requirement", "firm", "paid", "pledged", "gap", "covered"}, country.shown(), 12
		case "map":
			columns, rows = []string{metric}, countries
			if want := fundingEN.T("money.map." + metric); ch.Title != want {
				c.errorf("the map is titled %q; want %q", ch.Title, want)
			}
			c.worldMap(ch.Paths, ch.LegendFills, ch.LegendTexts, metric)
			c.groups(p.Groups, metric)
		case "stages":
			columns = []string{"amount"}
			rows = []accord.FundingRow{stages[accord.FlowPledge], stages[accord.FlowCommitment], stages[accord.FlowPaid]}
		case "trend":
			columns, rows = []string{"requirement", "firm", "pledged"}, year.shown()
		case "donors":
			columns, rows, limit = []string{"firm", "paid", "pledged"}, given(partner.shown()), 10
		case "recipients":
			columns, rows, limit = []string{"firm", "paid", "pledged"}, given(country.shown()), 10
		}
		var heads []string
		for _, col := range columns {
			heads = append(heads, fundingEN.T("money.col."+col))
		}
		if !slices.Equal(ch.Columns, heads) {
			c.errorf("the table behind chart %s has columns %q; want %q", ch.Name, ch.Columns, heads)
			continue
		}
		if want := len(rows); limit == 0 && len(ch.Rows) != want || limit > 0 && len(ch.Rows) != min(limit, want) {
			c.errorf("the table behind chart %s has %d rows; the API gives %d to show", ch.Name, len(ch.Rows), want)
		}
		for _, shown := range ch.Rows {
			i := slices.IndexFunc(rows, func(r accord.FundingRow) bool { return r.Key == shown.Key })
			if i < 0 {
				c.errorf("chart %s shows %q (%s), which the API does not give it", ch.Name, shown.Key, shown.Label)
				continue
			}
			r := rows[i]
			if ch.Name != "stages" && r.Key != "" && shown.Label != r.Label {
				c.errorf("chart %s: row %s labelled %q; the API names it %q", ch.Name, r.Key, shown.Label, r.Label)
			}
			for k, col := range columns {
				name := fmt.Sprintf("chart %s, %s, %s", ch.Name, shown.Label, col)
				switch col {
				case "covered":
					c.same(name, shown.Cells[k], shownPercent, r.Covered)
				case "amount":
					c.same(name, shown.Cells[k], shownNumber, r.Firm)
				default:
					c.same(name, shown.Cells[k], shownNumber, fundingValue(r, col))
				}
			}
		}
	}
}

// worldMap checks each country shape: a country the API gives a figure is
// titled with it and coloured in the class of the legend that holds it; any
// other shape carries no figure and has the colour of none.
func (c *fundingCheck) worldMap(paths []fundingShownPath, fills, texts []string, metric string) {
	c.t.Helper()
	if len(paths) < 150 {
		c.errorf("the map has %d country shapes; want the world's", len(paths))
	}
	// The legend: "no figure", then five classes "up to 5 M", … .
	if len(fills) != 6 || len(texts) != 7 {
		c.errorf("the map's legend has %d swatches and %d texts; want 6 and 7", len(fills), len(texts))
		return
	}
	noFigure := fills[0]
	var upper, slack []float64
	for _, s := range texts[2:] {
		v, half, ok := shownCompact(strings.TrimPrefix(s, strings.TrimSuffix(fundingEN.T("money.map.range", ""), " ")+" "))
		if !ok {
			c.errorf("map legend %q does not read as an upper bound", s)
			return
		}
		upper, slack = append(upper, v), append(slack, half)
	}
	figures := map[string]accord.FundingRow{}
	for _, r := range c.api["country"].shown() {
		if len(r.Key) == 2 {
			figures[r.Key] = r
		}
	}
	drawn := map[string]bool{}
	for _, p := range paths {
		r, ok := figures[p.Code]
		if !ok || fundingValue(r, metric) <= 0 {
			if reUSD.MatchString(p.Title) || p.Fill != noFigure {
				c.errorf("map: %s shows %q in %s; the API gives it no %s", p.Code, p.Title, p.Fill, metric)
			}
			continue
		}
		drawn[p.Code] = true
		v := fundingValue(r, metric)
		prefix := fundingEN.T("money.map.title."+metric, r.Label, "")
		if !strings.HasPrefix(p.Title, prefix) {
			c.errorf("map: %s is titled %q; want %q and its figure", p.Code, p.Title, prefix)
		}
		c.same("map, "+r.Label+", "+metric, p.Title, shownUSD, v)
		class := slices.Index(fills, p.Fill)
		switch {
		case class < 1:
			c.errorf("map: %s (%s %.2f) is coloured %s, not a colour of the legend's classes", p.Code, metric, v, p.Fill)
		case v > upper[class-1]+slack[class-1] || class > 1 && v <= upper[class-2]-slack[class-2]:
			c.errorf("map: %s (%s %.2f) is coloured as %q", p.Code, metric, v, texts[class+1])
		}
	}
	for code, r := range figures {
		if fundingValue(r, metric) > 0 && !drawn[code] {
			c.errorf("map: %s (%s) has %s %.2f in the API and no shape showing it", code, r.Label, metric, fundingValue(r, metric))
		}
	}
}

// groups checks the note beside the map on funding to country groups, which is not drawn on it.
func (c *fundingCheck) groups(items []string, metric string) {
	c.t.Helper()
	var want []accord.FundingRow
	for _, r := range c.api["country"].shown() {
		if r.Key != "" && len(r.Key) != 2 {
			want = append(want, r)
		}
	}
	if len(items) != len(want) {
		c.errorf("beside the map, %d country groups %q; the API has %d", len(items), items, len(want))
		return
	}
	for i, r := range want {
		prefix := r.Label + ": " + fundingEN.T("money."+metric) + " "
		if !strings.HasPrefix(items[i], prefix) {
			c.errorf("beside the map: %q; want %q and its figure", items[i], prefix)
			continue
		}
		c.same("beside the map, "+r.Label+", "+metric, items[i], shownUSD, fundingValue(r, metric))
	}
}

// Parsers of figures as English writes them: 1,234,567.5 · 1,234,567.5 USD ·
// 42.5% · 5.2 M. Each returns the value and half the unit of its last digit:
// how far the figure may be from the true one by rounding alone.
var (
	reNumber  = regexp.MustCompile(`^-?[0-9][0-9,]*(\.[0-9]+)?$`)
	reUSD     = regexp.MustCompile(`(-?[0-9][0-9,]*(?:\.[0-9]+)?) USD$`)
	rePercent = regexp.MustCompile(`^([0-9][0-9,]*(?:\.[0-9]+)?)%$`)
	reCompact = regexp.MustCompile(`^([0-9][0-9,]*(?:\.[0-9]+)?)(?: (k|M|bn))?$`)
)
