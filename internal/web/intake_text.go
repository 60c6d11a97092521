package web

import (
	"sort"
	"strconv"

	"github.com/accordhq/accord/internal/extract"
)

// textRun is a run of the release as the review shows it: plain text, or
// a highlighted item (a mark) that may hold other marks (a commitment's
// sentence holds the names in it).
type textRun struct {
	Text  string
	Kind  string // "", organization, person, commitment, location
	ID    string // the mark's id, for the item's "see in text" link
	Label string // what the mark stands for
	Inner []textRun
}

// markID names the first mark of an item: "mark-organization-2".
func markID(item string, index int) string { return "mark-" + item + "-" + strconv.Itoa(index) }

// segments cuts text at the spans. Spans that cross another (neither inside
// nor outside it) are left out; the first mark of each item gets its id.
// The text is only ever written through html/template, so markup in a
// release is shown as text, never run.
func segments(text string, spans []extract.Span, label func(extract.Span) string) []textRun {
	sorted := make([]extract.Span, 0, len(spans))
	for _, s := range spans {
		if s.Start >= 0 && s.Start < s.End && s.End <= len(text) {
			sorted = append(sorted, s)
		}
	}
	sort.SliceStable(sorted, func(i, j int) bool {
		if sorted[i].Start != sorted[j].Start {
			return sorted[i].Start < sorted[j].Start
		}
		return sorted[i].End > sorted[j].End
	})
	seen := map[string]bool{}
	var build func(from, to int, spans []extract.Span) []textRun
	build = func(from, to int, spans []extract.Span) []textRun {
		var out []textRun
		at := from
		for len(spans) > 0 {
			s := spans[0]
			spans = spans[1:]
			if s.Start < at || s.End > to {
				continue // crosses a mark already placed
			}
			// The spans inside s are nested in it.
			var inner []extract.Span
			for len(spans) > 0 && spans[0].Start < s.End {
				inner = append(inner, spans[0])
				spans = spans[1:]
			}
			if s.Start > at {
				out = append(out, textRun{Text: text[at:s.Start]})
			}
			seg := textRun{Kind: s.Item, Label: label(s)}
			if id := markID(s.Item, s.Index); !seen[id] {
				seen[id], seg.ID = true, id
			}
			if len(inner) > 0 {
				seg.Inner = build(s.Start, s.End, inner)
			} else {
				seg.Text = text[s.Start:s.End]
			}
			out = append(out, seg)
			at = s.End
		}
		if at < to {
			out = append(out, textRun{Text: text[at:to]})
		}
		return out
	}
	return build(0, len(text), sorted)
}
