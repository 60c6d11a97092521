package chart

import "html/template"

// Bar is one line of a horizontal bar chart: stacked segments over an
// optional background (a requirement), and a figure after it.
type Bar struct {
	Label, Title, Value string // Title is shown on pointing at the bar; Value is written after it
	Back                float64
	Segments            []Segment
}

// Segment is one stacked part of a bar.
type Segment struct {
	V    float64
	Fill string
}

// Bars draws horizontal bars, one per line, on one scale.
func Bars(w Words, title string, legend []Item, bars []Bar) template.HTML {
	const width, labelW, valueW, rowH, barH = 720.0, 190.0, 80.0, 26.0, 16.0
	top := 10.0
	if len(legend) > 0 {
		top = 36
	}
	height := top + rowH*float64(max(1, len(bars))) + 6
	p := newPicture(width, height, w.RTL, title)
	if len(legend) > 0 {
		p.legend(labelW+10, 10, legend)
	}
	if len(bars) == 0 {
		p.text(width/2, top+rowH/2+4, "middle", w.NoFigures, `fill="`+mutedColour+`"`)
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
			p.rect(x0, y, span*b.Back/scale, barH, `fill="`+Back+`" stroke="`+mutedColour+`" stroke-width="0.75" stroke-dasharray="3 2"`)
		}
		x := x0
		for _, s := range b.Segments {
			if s.V <= 0 {
				continue
			}
			length := span * s.V / scale
			p.rect(x, y+3, length, barH-6, `fill="`+s.Fill+`"`)
			x += length
		}
		end := max(x, x0+span*b.Back/scale)
		p.text(end+6, y+barH-3, "start", b.Value, `fill="`+mutedColour+`"`)
		p.end()
	}
	return p.done()
}
