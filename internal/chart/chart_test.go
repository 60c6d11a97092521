package chart

import (
	"encoding/xml"
	"fmt"
	"html/template"
	"io"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

var english = Words{NoFigures: "No figures", Number: func(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }}

// parse checks that svg is well-formed XML and reads it for selectors.
func parse(t *testing.T, svg template.HTML) *goquery.Document {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(string(svg)))
	for {
		if _, err := d.Token(); err == io.EOF {
			break
		} else if err != nil {
			t.Fatalf("not well-formed: %v\n%.300s", err, svg)
		}
	}
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(string(svg)))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func attr(s *goquery.Selection, name string) string { v, _ := s.Attr(name); return v }

// TestBarsMirrorInArabic: labels sit at the start side, which is the right
// in a right-to-left language, and bars grow from there.
func TestBarsMirrorInArabic(t *testing.T) {
	bars := []Bar{{Label: "Afghanistan", Title: "Afghanistan: 3", Value: "3", Back: 10, Segments: []Segment{{1, "#000"}, {2, "#111"}}}}
	rtl := english
	rtl.RTL = true
	for _, c := range []struct {
		w               Words
		x, anchor, rect string
	}{{english, "190", "end", "200"}, {rtl, "530", "start", "520"}} {
		doc := parse(t, Bars(c.w, "Funding", nil, bars))
		label := doc.Find("g text").First()
		if attr(label, "x") != c.x || attr(label, "text-anchor") != c.anchor {
			t.Errorf("rtl %v: label at x=%s anchor %s, want %s %s", c.w.RTL, attr(label, "x"), attr(label, "text-anchor"), c.x, c.anchor)
		}
		back := doc.Find("g rect").First() // the requirement, the whole span
		start := attr(back, "x")
		if c.w.RTL {
			x, _ := strconv.ParseFloat(start, 64)
			w, _ := strconv.ParseFloat(attr(back, "width"), 64)
			start = strconv.FormatFloat(x+w, 'f', -1, 64)
		}
		if start != c.rect {
			t.Errorf("rtl %v: the bar starts at %s, want %s", c.w.RTL, start, c.rect)
		}
	}
}

// TestBarsScale: the largest bar, background or stacked segments, spans
// the width; segments are drawn in order, and empty ones not at all.
func TestBarsScale(t *testing.T) {
	doc := parse(t, Bars(english, "Funding", []Item{{"Paid", "#0b4f8a"}}, []Bar{
		{Label: "A", Back: 50, Segments: []Segment{{100, "#a00"}, {0, "#b00"}}},
		{Label: "B", Back: 100, Segments: []Segment{{25, "#a00"}, {25, "#c00"}}},
	}))
	rows := doc.Find("g")
	if rows.Length() != 2 {
		t.Fatalf("%d bars", rows.Length())
	}
	widths := func(g *goquery.Selection) []string {
		var out []string
		g.Find("rect").Each(func(_ int, r *goquery.Selection) { out = append(out, attr(r, "fill")+" "+attr(r, "width")) })
		return out
	}
	if got, want := widths(rows.Eq(0)), []string{Back + " 215", "#a00 430"}; !slices.Equal(got, want) {
		t.Errorf("bar A: %v, want %v", got, want)
	}
	if got, want := widths(rows.Eq(1)), []string{Back + " 430", "#a00 107.5", "#c00 107.5"}; !slices.Equal(got, want) {
		t.Errorf("bar B: %v, want %v", got, want)
	}
	if doc.Find("svg > text").Text() != "Paid" {
		t.Errorf("legend: %q", doc.Find("svg > text").Text())
	}
}

// TestChartsEscapeText: labels and titles are text, never markup.
func TestChartsEscapeText(t *testing.T) {
	evil := `<script>alert("x")</script> & co`
	for name, svg := range map[string]template.HTML{
		"bars":    Bars(english, evil, []Item{{evil, "#000"}}, []Bar{{Label: evil, Title: evil, Value: evil, Segments: []Segment{{1, "#000"}}}}),
		"columns": Columns(english, evil, []Item{{evil, "#000"}}, []Group{{Label: evil, Title: evil, Values: []float64{1}}}),
		"map": Map(english, WorldMap{Title: evil, Colours: Blues, Regions: map[string]Region{"AF": {Title: evil, Value: 1}},
			Legend: evil, NoFigure: evil, UpTo: func(float64) string { return evil }}),
	} {
		doc := parse(t, svg)
		if doc.Find("script").Length() != 0 || !strings.Contains(doc.Find("title").First().Text(), `alert("x")`) {
			t.Errorf("%s: %.300s", name, svg)
		}
	}
}

// TestNothingToDraw says so instead of drawing an empty frame.
func TestNothingToDraw(t *testing.T) {
	for name, svg := range map[string]template.HTML{
		"bars":    Bars(english, "Funding", nil, nil),
		"columns": Columns(english, "Trend", []Item{{"Firm", "#000"}}, nil),
	} {
		if got := parse(t, svg).Find("text").Last().Text(); got != "No figures" {
			t.Errorf("%s: %q", name, got)
		}
	}
}

// TestColumnsAxis: the axis runs to a round figure above the largest
// value, in four steps written by Words.Number.
func TestColumnsAxis(t *testing.T) {
	doc := parse(t, Columns(english, "Trend", []Item{{"Requirement", Back}, {"Firm", "#4f8fd0"}},
		[]Group{{Label: "2022", Values: []float64{7, 3}}, {Label: "2023", Values: []float64{2, 6}}}))
	var axis []string
	doc.Find("svg > text").Each(func(_ int, s *goquery.Selection) { axis = append(axis, s.Text()) })
	if want := []string{"Requirement", "Firm", "0", "2.5", "5", "7.5", "10"}; !slices.Equal(axis, want) {
		t.Errorf("legend and axis %v, want %v", axis, want)
	}
	cols := doc.Find("g").First().Find("rect")
	if cols.Length() != 2 || attr(cols.Eq(0), "height") != "144.2" || attr(cols.Eq(0), "stroke") == "" || attr(cols.Eq(1), "stroke") != "" {
		t.Errorf("columns of 2022: %d, height %s", cols.Length(), attr(cols.Eq(0), "height"))
	}
}

func TestNiceCeil(t *testing.T) {
	for v, want := range map[float64]float64{0: 1, -3: 1, 1: 1, 1.2: 2, 2: 2, 2.4: 2.5, 3: 5, 7: 10, 10: 10, 4100: 5000, 0.03: 0.05} {
		if got := niceCeil(v); fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("niceCeil(%v) = %v, want %v", v, got, want)
		}
	}
}

// TestMapClasses colours each country by the class of its value, leaves
// land with no figure grey, titles only the countries given, and mirrors
// only the legend in a right-to-left language.
func TestMapClasses(t *testing.T) {
	m := WorldMap{Title: "Firm funding", Colours: Blues, Legend: "Firm funding, USD", NoFigure: "No figure",
		UpTo: func(v float64) string { return "up to " + strconv.FormatFloat(v, 'f', -1, 64) },
		Regions: map[string]Region{
			"AF": {Title: "Afghanistan: 100", Value: 100}, "YE": {Title: "Yemen: 41", Value: 41},
			"ML": {Title: "Mali: 1", Value: 1}, "FR": {Title: "France: no figure"},
		}}
	doc := parse(t, Map(english, m))
	shape := func(code string) *goquery.Selection { return doc.Find(`path[data-country="` + code + `"]`) }
	for code, want := range map[string]string{"AF": Blues[4], "YE": Blues[2], "ML": Blues[0], "FR": NoFigure, "DE": NoFigure} {
		if got := attr(shape(code), "fill"); got != want {
			t.Errorf("%s filled %s, want %s", code, got, want)
		}
	}
	if shape("FR").Find("title").Text() != "France: no figure" || shape("DE").Find("title").Length() != 0 {
		t.Errorf("titles: France %q, Germany %q", shape("FR").Find("title").Text(), shape("DE").Find("title").Text())
	}
	if doc.Find("path").Length() < 150 || doc.Find("path:not([data-country])").Length() == 0 {
		t.Errorf("%d shapes, %d without a code", doc.Find("path").Length(), doc.Find("path:not([data-country])").Length())
	}
	var legend []string
	doc.Find("svg > text").Each(func(_ int, s *goquery.Selection) { legend = append(legend, s.Text()) })
	if want := []string{"Firm funding, USD", "No figure", "up to 20", "up to 40", "up to 60", "up to 80", "up to 100"}; !slices.Equal(legend, want) {
		t.Errorf("legend %v, want %v", legend, want)
	}
	rtl := english
	rtl.RTL = true
	mirrored := parse(t, Map(rtl, m))
	if attr(mirrored.Find(`path[data-country="AF"]`), "d") != attr(shape("AF"), "d") {
		t.Error("the world is mirrored in a right-to-left language")
	}
	if x := attr(mirrored.Find("svg > text").First(), "x"); x != "3560" {
		t.Errorf("the legend's heading at x=%s in a right-to-left language, want 3560", x)
	}
}
