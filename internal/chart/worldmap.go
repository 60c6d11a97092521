package chart

import (
	_ "embed"
	"html"
	"html/template"
	"math"
	"strings"
	"sync"
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

// Scales of five classes, light to dark, for WorldMap.Colours (after
// ColorBrewer Blues and Oranges, the lightest darkened to stand apart from
// land with no figure).
var (
	Blues   = []string{"#bdd7ee", "#8fbde0", "#5a9bd0", "#2c6fb0", "#08457e"}
	Oranges = []string{"#fdd0a2", "#fdae6b", "#fd8d3c", "#e6550d", "#a63603"}
)

// Region is what the map says of one country.
type Region struct {
	Title string  // shown on pointing at the country
	Value float64 // above zero, colours the country by its class
}

// WorldMap is a map of the world coloured by one figure per country, in
// classes of equal width up to a round maximum, each labelled by its upper
// bound.
type WorldMap struct {
	Title    string
	Colours  []string             // of the classes, lightest first
	Regions  map[string]Region    // by ISO 3166-1 alpha-2 code; a country with none is drawn without a title
	Legend   string               // the legend's heading
	NoFigure string               // what the legend calls land with no figure
	UpTo     func(float64) string // the label of a class, by its upper bound
}

// Map draws m. The world is never mirrored; in a right-to-left language
// (w.RTL) only its legend is.
func Map(w Words, m WorldMap) template.HTML {
	most := 0.0
	for _, r := range m.Regions {
		most = max(most, r.Value)
	}
	step := niceCeil(most / float64(len(m.Colours)))
	legendH := 230.0
	p := newPicture(mapW, mapH+legendH, w.RTL, m.Title)
	p.b.WriteString(`<rect width="3600" height="1440" fill="#f3f6fa"/><g stroke="#fff" stroke-width="2" stroke-linejoin="round">`)
	for _, s := range countryShapes() {
		r, named := m.Regions[s.Code]
		fill := NoFigure
		if named && r.Value > 0 {
			class := min(len(m.Colours)-1, int(math.Ceil(r.Value/step))-1)
			fill = m.Colours[max(0, class)]
		}
		p.b.WriteString(`<path d="` + s.Path + `" fill="` + fill + `"`)
		if s.Code != "-" {
			p.b.WriteString(` data-country="` + s.Code + `"`)
		}
		if named && r.Title != "" {
			p.b.WriteString(`><title>` + html.EscapeString(r.Title) + `</title></path>`)
		} else {
			p.b.WriteString(`/>`)
		}
	}
	p.b.WriteString(`</g>`)
	// The legend: no figure, then the classes.
	y := mapH + 50
	p.text(40, y, "start", m.Legend, `font-weight="600"`)
	x, sw := 40.0, 380.0
	p.rect(x, y+30, sw-20, 50, `fill="`+NoFigure+`" stroke="`+mutedColour+`"`)
	p.text(x, y+140, "start", m.NoFigure, "")
	for i, colour := range m.Colours {
		x += sw
		p.rect(x, y+30, sw-20, 50, `fill="`+colour+`" stroke="`+mutedColour+`"`)
		p.text(x, y+140, "start", m.UpTo(step*float64(i+1)), "")
	}
	return p.done()
}
