package chart

import (
	"html/template"
	"slices"
)

// Group is one group of columns, e.g. one year's requirement, firm funding
// and pledges: one value per series.
type Group struct {
	Label, Title string
	Values       []float64
}

// Columns draws groups of vertical columns along a value axis, the series
// in the legend's order; the first is outlined (a requirement, against
// which the others are read).
func Columns(w Words, title string, series []Item, groups []Group) template.HTML {
	const width, height, axisW, top, bottom = 720.0, 280.0, 70.0, 44.0, 250.0
	p := newPicture(width, height, w.RTL, title)
	p.legend(axisW, 10, series)
	if len(groups) == 0 {
		p.text(width/2, (top+bottom)/2, "middle", w.NoFigures, `fill="`+mutedColour+`"`)
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
		p.text(axisW-6, y+4, "end", w.Number(v), `fill="`+mutedColour+`"`)
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
