// Package chart draws charts as SVG on the server: horizontal bars,
// groups of columns along an axis, and a world map coloured by country.
// It is given labels, values and the words to write, already translated
// and formatted by the caller, so that it knows no language: only which way
// a language writes, to mirror a picture for Arabic.
package chart

import (
	"html"
	"html/template"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Words are what a chart writes besides the labels and titles it is given,
// in the reader's language.
type Words struct {
	RTL       bool                 // a right-to-left language: the picture is mirrored
	NoFigures string               // written when there is nothing to draw
	Number    func(float64) string // writes a value of an axis, short
}

// Item is one entry of a legend: a swatch of a colour and what it stands for.
type Item struct{ Label, Fill string }

// Colours the pictures share.
const (
	Back        = "#e6eaf0" // what a bar is measured against (a requirement), and the first series of columns
	NoFigure    = "#e6e8eb" // land with no figure on the map
	inkColour   = "#1d2430"
	mutedColour = "#5b6575"
	lineColour  = "#d7dce3"
)

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

// legend draws swatches and their labels in a line from the start side.
func (p *svgPicture) legend(x, y float64, items []Item) {
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
