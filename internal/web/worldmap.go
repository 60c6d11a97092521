package web

import (
	_ "embed"
	"html"
	"math"
	"slices"
	"strings"
	"sync"

	"github.com/accordhq/accord/internal/accord"
)

// countryShapesFile holds the Natural Earth country shapes (public domain,
// via the npm package world-atlas) as SVG paths, made by ./mapgen:
//
//go:generate go run ./mapgen -topo /tmp/package/countries-110m.json -out mapdata/countries.tsv
//go:embed mapdata/countries.tsv
var countryShapesFile string

// Size of the map in the file's units, tenths of a degree.
const mapW, mapH = 3600.0, 1440.0

type countryShape struct{ Code, Path string }

// countryShapes are the shapes, read once. A code of "-" is a shape with no
// ISO 3166-1 code, drawn without figures.
var countryShapes = sync.OnceValue(func() []countryShape {
	var out []countryShape
	for _, line := range strings.Split(countryShapesFile, "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		parts := strings.SplitN(line, "\t", 3)
		if len(parts) == 3 {
			out = append(out, countryShape{Code: parts[0], Path: parts[2]})
		}
	}
	return out
})

// mapScales are the colours of the five classes of each figure, light to dark
// (after ColorBrewer Blues and Oranges, the lightest darkened to stand apart
// from land with no figure).
var mapScales = map[string][]string{
	"firm": {"#bdd7ee", "#8fbde0", "#5a9bd0", "#2c6fb0", "#08457e"},
	"gap":  {"#fdd0a2", "#fdae6b", "#fd8d3c", "#e6550d", "#a63603"},
}

const fillNoFigure = "#e6e8eb"

// worldMap colours each country by its firm funding or its gap, in five
// equal classes up to a round maximum, each labelled by its upper bound.
// Funding to a country group counts once on the group, so it is not on the
// map: the page lists it beside. The map is never mirrored; in Arabic only
// its legend is.
func (f *funding) worldMap(rows []accord.FundingRow) (*chart, error) {
	l, metric := f.l, f.q.Metric
	c := &chart{Name: "map", Title: l.T("money.map." + metric), Hint: l.T("money.map.hint"), Columns: []string{metric}}
	values := map[string]float64{}
	var countries []accord.FundingRow
	for _, r := range rows {
		if r.Key == "" || isGroup(r.Key) {
			continue
		}
		countries = append(countries, r)
		values[r.Key] = r.Firm
		if metric == "gap" {
			values[r.Key] = r.Gap
		}
	}
	slices.SortStableFunc(countries, func(a, b accord.FundingRow) int { return cmpDesc(values[a.Key], values[b.Key]) })
	most := 0.0
	for _, r := range countries {
		c.add(l, r.Key, r.Label, values[r.Key])
		most = max(most, values[r.Key])
	}
	step := niceCeil(most / 5)
	colours := mapScales[metric]
	legendH := 230.0
	p := newPicture(mapW, mapH+legendH, l.Dir == "rtl", c.Title)
	p.b.WriteString(`<rect width="3600" height="1440" fill="#f3f6fa"/><g stroke="#fff" stroke-width="2" stroke-linejoin="round">`)
	for _, s := range countryShapes() {
		fill, title := fillNoFigure, ""
		if name := f.names[s.Code]; name != "" {
			title = l.T("money.map.none", name)
			if v, ok := values[s.Code]; ok && v > 0 {
				class := min(len(colours)-1, int(math.Ceil(v/step))-1)
				fill, title = colours[max(0, class)], l.T("money.map.title."+metric, name, usdText(l, v))
			}
		}
		p.b.WriteString(`<path d="` + s.Path + `" fill="` + fill + `"`)
		if s.Code != "-" {
			p.b.WriteString(` data-country="` + s.Code + `"`)
		}
		if title != "" {
			p.b.WriteString(`><title>` + html.EscapeString(title) + `</title></path>`)
		} else {
			p.b.WriteString(`/>`)
		}
	}
	p.b.WriteString(`</g>`)
	// The legend: no figure, then the five classes.
	y := mapH + 50
	p.text(40, y, "start", l.T("money.map.legend"), `font-weight="600"`)
	x, sw := 40.0, 380.0
	p.rect(x, y+30, sw-20, 50, `fill="`+fillNoFigure+`" stroke="`+mutedColour+`"`)
	p.text(x, y+140, "start", l.T("money.map.no_figure"), "")
	for i, colour := range colours {
		x += sw
		p.rect(x, y+30, sw-20, 50, `fill="`+colour+`" stroke="`+mutedColour+`"`)
		p.text(x, y+140, "start", l.T("money.map.range", compact(l, step*float64(i+1))), "")
	}
	c.SVG = p.done()
	return c, nil
}
