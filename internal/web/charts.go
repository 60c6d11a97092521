package web

import (
	"html"
	"html/template"
	"math"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/i18n"
)

// chartNames are the charts of the dashboards, each also a file under /app/funding/chart/.
var chartNames = []string{"bars", "stages", "trend", "donors", "recipients", "map"}

// chart is a picture drawn on the server as SVG, with the figures it
// shows: the table behind it for readers who do not see it, and its CSV.
type chart struct {
	Name, Title, Hint string
	SVG               template.HTML
	Columns           []string   // value columns: requirement, firm, paid, pledged, gap, covered, amount
	Rows              []chartRow // the figures drawn, in the order drawn
	Params            url.Values // what the chart adds to the page's filters (by=…)
}

type chartRow struct {
	Key, Label string
	Values     []float64 // in US dollars, or a percentage for "covered"
	Cells      []string  // Values as the reader's language writes them
}

// Colours of the stages of money, darkest when paid.
const (
	fillRequirement = "#e6eaf0"
	fillPaid        = "#0b4f8a"
	fillCommitted   = "#4f8fd0"
	fillPledged     = "#b7d3ef"
	inkColour       = "#1d2430"
	mutedColour     = "#5b6575"
	lineColour      = "#d7dce3"
)

// chart builds one chart from the funding counted for the reader.
func (f *funding) chart(name, by string) (*chart, error) {
	l := f.l
	rtl := l.Dir == "rtl"
	switch name {
	case "bars":
		rows, _, err := f.by(by, false)
		if err != nil {
			return nil, err
		}
		top := rows[:min(len(rows), 12)]
		needs := by != "partner" // partners give; they have no requirement
		c := &chart{Name: name, Title: l.T("money.chart.bars." + by), Params: url.Values{"by": {by}},
			Columns: []string{"requirement", "firm", "paid", "pledged", "gap", "covered"}}
		if !needs {
			c.Columns = []string{"firm", "paid", "pledged"}
		}
		if len(rows) > len(top) {
			c.Hint = l.T("money.chart.top", len(top), len(rows))
		}
		bars := make([]bar, len(top))
		for i, r := range top {
			if !needs {
				c.add(l, r.Key, r.Label, r.Firm, r.Paid, r.Pledged)
				bars[i] = bar{Label: r.Label, Value: compact(l, r.Firm), Segments: moneySegments(r),
					Title: l.T("money.chart.giver_title", r.Label, usdText(l, r.Firm), usdText(l, r.Paid), usdText(l, r.Pledged))}
				continue
			}
			c.add(l, r.Key, r.Label, r.Requirement, r.Firm, r.Paid, r.Pledged, r.Gap, r.Covered)
			value := compact(l, r.Firm)
			if r.Requirement > 0 {
				value = percent(l, r.Covered)
			}
			bars[i] = bar{Label: r.Label, Back: r.Requirement, Value: value, Segments: moneySegments(r),
				Title: l.T("money.chart.bar_title", r.Label, usdText(l, r.Requirement), usdText(l, r.Firm), usdText(l, r.Paid),
					usdText(l, r.Pledged), usdText(l, r.Gap), percent(l, r.Covered))}
		}
		c.SVG = barChart(l, rtl, c.Title, moneyLegend(l, needs), bars)
		return c, nil
	case "stages":
		_, total, err := f.by(by, false)
		if err != nil {
			return nil, err
		}
		c := &chart{Name: name, Title: l.T("money.chart.stages"), Hint: l.T("money.chart.stages_hint"), Columns: []string{"amount"}}
		stages := []struct {
			key  string
			v    float64
			fill string
		}{{accord.FlowPledge, total.Pledged, fillPledged}, {accord.FlowCommitment, total.Firm - total.Paid, fillCommitted}, {accord.FlowPaid, total.Paid, fillPaid}}
		bars := make([]bar, len(stages))
		for i, st := range stages {
			label := l.T("money.status." + st.key)
			c.add(l, st.key, label, st.v)
			bars[i] = bar{Label: label, Value: compact(l, st.v), Segments: []segment{{st.v, st.fill}},
				Title: l.T("money.chart.amount_title", label, usdText(l, st.v))}
		}
		c.SVG = barChart(l, rtl, c.Title, nil, bars)
		return c, nil
	case "trend":
		rows, _, err := f.by("year", true)
		if err != nil {
			return nil, err
		}
		rows = slices.Clone(rows)
		slices.SortFunc(rows, func(a, b accord.FundingRow) int { return strings.Compare(a.Key, b.Key) })
		c := &chart{Name: name, Title: l.T("money.chart.trend"), Hint: l.T("money.chart.trend_hint"), Columns: []string{"requirement", "firm", "pledged"}}
		groups := make([]columnGroup, len(rows))
		for i, r := range rows {
			c.add(l, r.Key, r.Label, r.Requirement, r.Firm, r.Pledged)
			groups[i] = columnGroup{Label: r.Label, Values: []float64{r.Requirement, r.Firm, r.Pledged},
				Title: l.T("money.chart.year_title", r.Label, usdText(l, r.Requirement), usdText(l, r.Firm), usdText(l, r.Pledged))}
		}
		series := []legendItem{{l.T("money.requirement"), fillRequirement}, {l.T("money.firm"), fillCommitted}, {l.T("money.pledged"), fillPledged}}
		c.SVG = columnChart(l, rtl, c.Title, series, groups)
		return c, nil
	case "donors", "recipients":
		breakdown := map[string]string{"donors": "partner", "recipients": "country"}[name]
		rows, _, err := f.by(breakdown, false)
		if err != nil {
			return nil, err
		}
		rows = slices.Clone(rows)
		slices.SortStableFunc(rows, func(a, b accord.FundingRow) int { return cmpDesc(a.Firm+a.Pledged, b.Firm+b.Pledged) })
		rows = slices.DeleteFunc(rows, func(r accord.FundingRow) bool { return r.Firm+r.Pledged == 0 })
		top := rows[:min(len(rows), 10)]
		c := &chart{Name: name, Title: l.T("money.chart." + name), Columns: []string{"firm", "paid", "pledged"}}
		if len(rows) > len(top) {
			c.Hint = l.T("money.chart.top", len(top), len(rows))
		}
		bars := make([]bar, len(top))
		for i, r := range top {
			c.add(l, r.Key, r.Label, r.Firm, r.Paid, r.Pledged)
			bars[i] = bar{Label: r.Label, Value: compact(l, r.Firm), Segments: moneySegments(r),
				Title: l.T("money.chart.giver_title", r.Label, usdText(l, r.Firm), usdText(l, r.Paid), usdText(l, r.Pledged))}
		}
		c.SVG = barChart(l, rtl, c.Title, moneyLegend(l, false), bars)
		return c, nil
	case "map":
		rows, _, err := f.by("country", false)
		if err != nil {
			return nil, err
		}
		return f.worldMap(rows)
	}
	return nil, accord.Errorf(accord.ENOTFOUND, "There is no chart %q.", name)
}

// add appends a row of figures to the table behind a chart.
func (c *chart) add(l *i18n.Locale, key, label string, values ...float64) {
	row := chartRow{Key: key, Label: label, Values: values}
	for i, v := range values {
		if c.Columns[i] == "covered" {
			row.Cells = append(row.Cells, percent(l, v))
		} else {
			row.Cells = append(row.Cells, l.Number(math.Round(v*100)/100))
		}
	}
	c.Rows = append(c.Rows, row)
}

func cmpDesc(a, b float64) int {
	switch {
	case a > b:
		return -1
	case a < b:
		return 1
	}
	return 0
}

// moneySegments splits a row's money by stage: paid, committed, pledged.
func moneySegments(r accord.FundingRow) []segment {
	return []segment{{r.Paid, fillPaid}, {r.Firm - r.Paid, fillCommitted}, {r.Pledged, fillPledged}}
}

func moneyLegend(l *i18n.Locale, requirement bool) []legendItem {
	items := []legendItem{{l.T("money.status.paid"), fillPaid}, {l.T("money.status.commitment"), fillCommitted}, {l.T("money.status.pledge"), fillPledged}}
	if requirement {
		items = append(items, legendItem{l.T("money.requirement"), fillRequirement})
	}
	return items
}

// compact writes a large amount short: 5.2 M, 750 k.
func compact(l *i18n.Locale, v float64) string {
	round := func(x float64) float64 { return math.Round(x*10) / 10 }
	switch {
	case v >= 1e9:
		return l.T("money.compact.billion", l.Number(round(v/1e9)))
	case v >= 1e6:
		return l.T("money.compact.million", l.Number(round(v/1e6)))
	case v >= 1e3:
		return l.T("money.compact.thousand", l.Number(round(v/1e3)))
	}
	return l.Number(round(v))
}

// niceCeil rounds v up to 1, 2, 2.5 or 5 times a power of ten, for axes and scales.
func niceCeil(v float64) float64 {
	if v <= 0 {
		return 1
	}
	p := math.Pow(10, math.Floor(math.Log10(v)))
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if v <= m*p*(1+1e-9) {
			return m * p
		}
	}
	return 10 * p
}

// svgPicture writes SVG with escaped text. In a right-to-left language the
// picture is mirrored: x coordinates run from the right, so that bars grow
// from the right and labels sit on the right.
type svgPicture struct {
	b   strings.Builder
	w   float64
	rtl bool
}

func num(v float64) string { return strconv.FormatFloat(math.Round(v*10)/10, 'f', -1, 64) }

func newPicture(w, h float64, rtl bool, title string) *svgPicture {
	p := &svgPicture{w: w, rtl: rtl}
	// The font grows with the picture (12 at 720 wide). The direction is
	// fixed: mirroring is done here, and text-anchor must not flip again in an rtl page.
	p.b.WriteString(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ` + num(w) + ` ` + num(h) + `" width="` + num(w) + `" height="` + num(h) +
		`" role="img" aria-label="` + html.EscapeString(title) + `" direction="ltr" font-family="system-ui, 'Segoe UI', 'Noto Sans', 'Noto Sans Arabic', sans-serif" font-size="` + num(w/60) + `" fill="` + inkColour + `">`)
	p.b.WriteString(`<title>` + html.EscapeString(title) + `</title>`)
	return p
}

func (p *svgPicture) x(x float64) float64 {
	if p.rtl {
		return p.w - x
	}
	return x
}

func (p *svgPicture) rect(x, y, w, h float64, attrs string) {
	if p.rtl {
		x = p.w - x - w
	}
	p.b.WriteString(`<rect x="` + num(x) + `" y="` + num(y) + `" width="` + num(max(0, w)) + `" height="` + num(h) + `" ` + attrs + `/>`)
}

func (p *svgPicture) line(x1, y1, x2, y2 float64, attrs string) {
	p.b.WriteString(`<line x1="` + num(p.x(x1)) + `" y1="` + num(y1) + `" x2="` + num(p.x(x2)) + `" y2="` + num(y2) + `" ` + attrs + `/>`)
}

// text writes s at x (from the start side) with anchor start, middle or end.
func (p *svgPicture) text(x, y float64, anchor, s, attrs string) {
	if p.rtl {
		anchor = map[string]string{"start": "end", "end": "start", "middle": "middle"}[anchor]
	}
	if attrs != "" {
		attrs = " " + attrs
	}
	p.b.WriteString(`<text x="` + num(p.x(x)) + `" y="` + num(y) + `" text-anchor="` + anchor + `"` + attrs + `>` + html.EscapeString(s) + `</text>`)
}

func (p *svgPicture) group(title string) {
	p.b.WriteString(`<g><title>` + html.EscapeString(title) + `</title>`)
}

func (p *svgPicture) end() { p.b.WriteString(`</g>`) }

func (p *svgPicture) done() template.HTML {
	p.b.WriteString(`</svg>`)
	return template.HTML(p.b.String()) // every text and attribute value above is escaped
}

type legendItem struct{ Label, Fill string }

// legend draws swatches and their labels in a line from the start side.
func (p *svgPicture) legend(x, y float64, items []legendItem) {
	for _, it := range items {
		p.rect(x, y, 12, 12, `fill="`+it.Fill+`" stroke="`+mutedColour+`" stroke-width="0.5"`)
		p.text(x+17, y+10, "start", it.Label, "")
		x += 17 + 7*float64(utf8.RuneCountInString(it.Label)) + 18
	}
}

func shorten(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

// bar is one line of a horizontal bar chart: stacked segments over an
// optional background (the requirement), and a figure after it.
type bar struct {
	Label, Title, Value string
	Back                float64
	Segments            []segment
}

type segment struct {
	V    float64
	Fill string
}

// barChart draws horizontal bars, one per line.
func barChart(l *i18n.Locale, rtl bool, title string, legend []legendItem, bars []bar) template.HTML {
	const width, labelW, valueW, rowH, barH = 720.0, 190.0, 80.0, 26.0, 16.0
	top := 10.0
	if len(legend) > 0 {
		top = 36
	}
	height := top + rowH*float64(max(1, len(bars))) + 6
	p := newPicture(width, height, rtl, title)
	if len(legend) > 0 {
		p.legend(labelW+10, 10, legend)
	}
	if len(bars) == 0 {
		p.text(width/2, top+rowH/2+4, "middle", l.T("money.no_figures"), `fill="`+mutedColour+`"`)
		return p.done()
	}
	scale := 0.0
	for _, b := range bars {
		sum := 0.0
		for _, s := range b.Segments {
			sum += s.V
		}
		scale = max(scale, b.Back, sum)
	}
	if scale <= 0 {
		scale = 1
	}
	x0 := labelW + 10
	span := width - x0 - valueW - 10
	for i, b := range bars {
		y := top + rowH*float64(i)
		p.group(b.Title)
		p.text(labelW, y+barH-3, "end", shorten(b.Label, 28), "")
		if b.Back > 0 {
			p.rect(x0, y, span*b.Back/scale, barH, `fill="`+fillRequirement+`" stroke="`+mutedColour+`" stroke-width="0.75" stroke-dasharray="3 2"`)
		}
		x := x0
		for _, s := range b.Segments {
			if s.V <= 0 {
				continue
			}
			w := span * s.V / scale
			p.rect(x, y+3, w, barH-6, `fill="`+s.Fill+`"`)
			x += w
		}
		end := max(x, x0+span*b.Back/scale)
		p.text(end+6, y+barH-3, "start", b.Value, `fill="`+mutedColour+`"`)
		p.end()
	}
	return p.done()
}

// columnGroup is one group of columns, e.g. one year's requirement, firm funding and pledges.
type columnGroup struct {
	Label, Title string
	Values       []float64
}

// columnChart draws groups of vertical columns along a value axis.
func columnChart(l *i18n.Locale, rtl bool, title string, series []legendItem, groups []columnGroup) template.HTML {
	const width, height, axisW, top, bottom = 720.0, 280.0, 70.0, 44.0, 250.0
	p := newPicture(width, height, rtl, title)
	p.legend(axisW, 10, series)
	if len(groups) == 0 {
		p.text(width/2, (top+bottom)/2, "middle", l.T("money.no_figures"), `fill="`+mutedColour+`"`)
		return p.done()
	}
	most := 0.0
	for _, g := range groups {
		most = max(most, slices.Max(g.Values))
	}
	most = niceCeil(most)
	for i := 0; i <= 4; i++ {
		v := most * float64(i) / 4
		y := bottom - (bottom-top)*float64(i)/4
		p.line(axisW, y, width-10, y, `stroke="`+lineColour+`"`)
		p.text(axisW-6, y+4, "end", compact(l, v), `fill="`+mutedColour+`"`)
	}
	gw := (width - 10 - axisW) / float64(len(groups))
	bw := min(22, gw*0.8/float64(len(series)))
	for i, g := range groups {
		gx := axisW + gw*float64(i)
		p.group(g.Title)
		x := gx + (gw-bw*float64(len(series)))/2
		for k, v := range g.Values {
			h := (bottom - top) * v / most
			attrs := `fill="` + series[k].Fill + `"`
			if k == 0 {
				attrs += ` stroke="` + mutedColour + `" stroke-width="0.75"`
			}
			p.rect(x, bottom-h, bw, h, attrs)
			x += bw
		}
		p.text(gx+gw/2, bottom+18, "middle", g.Label, "")
		p.end()
	}
	return p.done()
}
