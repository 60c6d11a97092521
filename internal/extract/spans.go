package extract

import (
	"sort"
	"strings"
)

// Span says where in the text an item of the result was read, so that a
// reviewer can see it in place. Start and End are byte offsets into
// Result.Text (the text after HTML was removed), End exclusive.
type Span struct {
	Item  string `json:"item"`  // organization, person, commitment or location
	Index int    `json:"index"` // position in the result's list of that item (0 for location)
	Start int    `json:"start"`
	End   int    `json:"end"`
}

// spans finds, for each organization, person and commitment of r and for
// its city, where the text names it: every mention of an organization by
// any of its names (a government by its country), every occurrence of a
// person's name, the sentence of a commitment. The dateline is left out:
// it names where the item was filed, not who took part.
func (a *analysis) spans(r *Result) []Span {
	d := a.doc
	out := []Span{}
	orgIndex := map[string]int{}
	for i, n := range r.Orgs {
		orgIndex[n] = i
	}
	govIndex := map[string]int{}
	for name, p := range a.parts {
		if i, ok := orgIndex[name]; ok && p.iso != "" {
			govIndex[p.iso] = i
		}
	}
	for _, m := range d.ms {
		if d.inDateline(m.start) {
			continue
		}
		idx, ok := -1, false
		switch m.ref.kind {
		case refOrg:
			idx, ok = orgIndex[a.canonical(m.ref.idx)]
		case refCountry, refDemonym:
			idx, ok = govIndex[m.ref.iso]
		}
		if ok {
			out = append(out, Span{Item: "organization", Index: idx, Start: d.toks[m.start].start, End: d.toks[m.end-1].end})
		}
	}
	for i, p := range r.People {
		found := addAll(&out, d.text, p.Name, "person", i)
		if !found && i < len(a.personPos) {
			t := d.toks[a.personPos[i]]
			out = append(out, Span{Item: "person", Index: i, Start: t.start, End: t.end})
		}
	}
	for i, c := range r.Commitments {
		if k := strings.Index(d.text, c.Text); k >= 0 && c.Text != "" {
			out = append(out, Span{Item: "commitment", Index: i, Start: k, End: k + len(c.Text)})
		}
	}
	if r.Location.City != nil {
		for _, m := range d.ms {
			if m.ref.kind == refCity && !d.inDateline(m.start) && d.ix.cities[m.ref.idx].Name == *r.Location.City {
				out = append(out, Span{Item: "location", Start: d.toks[m.start].start, End: d.toks[m.end-1].end})
				break
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Start != out[j].Start {
			return out[i].Start < out[j].Start
		}
		return out[i].End > out[j].End
	})
	return out
}

// addAll adds a span for every occurrence of s in text and reports
// whether there was one.
func addAll(out *[]Span, text, s, item string, index int) bool {
	if s == "" {
		return false
	}
	found := false
	for from := 0; ; {
		k := strings.Index(text[from:], s)
		if k < 0 {
			return found
		}
		start := from + k
		*out = append(*out, Span{Item: item, Index: index, Start: start, End: start + len(s)})
		found = true
		from = start + len(s)
	}
}
