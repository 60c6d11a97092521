package extract

import (
	"strings"
	"unicode"
)

// placeCues mark sentences that say where the engagement happened.
var placeCues = setOf("met", "meet", "meets", "meeting", "held", "talks", "signed", "signing", "ceremony", "took",
	"visit", "visited", "visiting", "hosted", "concluded", "received", "attended", "inaugurated", "inauguration",
	"session", "sidelines", "margins", "conference", "summit", "forum", "event", "handed", "presented")

// findLocation takes the first "in <city>" of a sentence that reports the
// engagement, outside the dateline; "here" in such a sentence means the
// dateline's city. A country alone counts when the text says the event
// was "held in" or "took place in" it.
func (a *analysis) findLocation() Location {
	d := a.doc
	var loc Location
	for _, s := range d.sents {
		if !d.hasWord(s, placeCues) {
			continue
		}
		for i := s.start; i < s.end; i++ {
			if d.quote[i] || d.inDateline(i) {
				continue
			}
			t := &d.toks[i]
			if t.norm == "here" && !d.dateline.empty() && i > s.start && !t.upper {
				for k := d.dateline.start; k < d.dateline.end; k++ {
					if mi := d.ment[k]; mi >= 0 && d.ms[mi].ref.kind == refCity {
						c := d.ix.cities[d.ms[mi].ref.idx]
						return cityLocation(c)
					}
				}
			}
			if t.norm != "in" || i+1 >= s.end {
				continue
			}
			mi := d.ment[i+1]
			if mi < 0 {
				continue
			}
			m := d.ms[mi]
			switch m.ref.kind {
			case refCity:
				return cityLocation(d.ix.cities[m.ref.idx])
			case refCountry:
				if loc.Country == nil && i > s.start && (d.toks[i-1].norm == "held" || d.toks[i-1].norm == "place" || d.toks[i-1].norm == "hosted") {
					iso := m.ref.iso
					loc.Country = &iso
				}
			}
		}
	}
	return loc
}

func cityLocation(c city) Location {
	name, iso := c.Name, c.ISO
	return Location{City: &name, Country: &iso}
}

// beneficiaryCues mark sentences about who benefits.
var beneficiaryCues = setOf("aid", "assistance", "support", "help", "benefit", "refugees", "displaced", "food",
	"health", "vulnerable", "crisis", "humanitarian", "relief", "vaccines", "supplies", "needs", "families",
	"children", "people", "response", "donation", "grant", "contribution", "funding", "sector", "project",
	"projects", "programs", "operations", "idps", "households", "malnutrition", "famine", "shelter", "doses",
	"beneficiaries", "benefiting", "women", "populations", "population", "communities", "aggression", "war")

var beneficiaryNouns = setOf("refugees", "people", "children", "families", "idps", "households", "migrants",
	"population", "civilians", "women", "communities", "health", "most", "returnees")

// findCountries lists countries named as beneficiaries: "in/to/for X" in
// a sentence about aid or needs, "Afghan refugees", "Yemen's children".
// Venues and the dateline are left out, and so are countries named as
// givers ("from Japan").
func (a *analysis) findCountries(loc Location) []string {
	d := a.doc
	out := []string{}
	seen := map[string]bool{}
	if loc.Country != nil {
		seen[*loc.Country] = true
	}
	for _, m := range d.ms {
		if m.ref.kind != refCountry && m.ref.kind != refDemonym {
			continue
		}
		if d.inDateline(m.start) || d.quote[m.start] || seen[m.ref.iso] {
			continue
		}
		s := d.sentenceOf(m.start)
		if !d.hasWord(s, beneficiaryCues) {
			continue
		}
		ok := false
		k := m.start - 1
		if k >= 0 && d.toks[k].norm == "the" {
			k--
		}
		if k >= 0 {
			switch d.toks[k].norm {
			case "in", "to", "for", "across", "within", "throughout", "into", "inside", "on":
				ok = true
			}
		}
		if m.end < len(d.toks) {
			next := d.toks[m.end].norm
			if next == "'s" && m.end+1 < len(d.toks) {
				next = d.toks[m.end+1].norm
				if beneficiaryNouns[next] || next == "most" {
					ok = true
				}
			} else if m.ref.kind == refDemonym && beneficiaryNouns[next] {
				ok = true
			}
		}
		if !ok {
			continue
		}
		// "in Yemen" inside a title ("Representative in Yemen") names a
		// posting, not a beneficiary, unless repeated elsewhere.
		if a.titleSpan[m.start] {
			continue
		}
		seen[m.ref.iso] = true
		out = append(out, m.ref.iso)
	}
	return out
}

// topicPhrases are subjects of cooperation, as they are usually written.
var topicPhrases = []string{
	"health", "primary health care", "health systems", "COVID-19", "vaccines", "vaccine development",
	"medical supplies", "technical assistance", "capacity building", "training", "migration",
	"refugees", "internally displaced persons", "food security", "nutrition", "malnutrition", "famine",
	"humanitarian assistance", "emergency assistance", "emergency response", "international humanitarian law",
	"disaster risk reduction", "climate change", "education", "water", "sanitation", "agriculture",
	"rural development", "poverty", "cancer", "nuclear medicine", "non-communicable diseases",
	"cholera", "disease prevention", "health security", "universal health coverage", "gender",
	"social protection", "digitalisation", "digitalization", "private sector development", "trade",
	"investment", "infrastructure", "energy", "peace", "security", "human rights", "children",
	"women", "youth", "resilience", "shelter", "durable solutions", "resource mobilization",
	"seminars", "workshops",
}

// findTopics returns the known subjects the text speaks of, in order of
// first appearance.
func (a *analysis) findTopics() []string {
	lower := strings.ToLower(a.text)
	type hit struct {
		at    int
		topic string
	}
	var hits []hit
	for _, p := range topicPhrases {
		lp := strings.ToLower(p)
		at := 0
		for {
			k := strings.Index(lower[at:], lp)
			if k < 0 {
				break
			}
			k += at
			before := k == 0 || !isLetterByte(lower[k-1])
			end := k + len(lp)
			after := end >= len(lower) || !isLetterByte(lower[end])
			if before && after {
				hits = append(hits, hit{k, p})
				break
			}
			at = end
		}
	}
	// Order by position, and drop topics contained in a longer one found.
	for i := 1; i < len(hits); i++ {
		for j := i; j > 0 && hits[j].at < hits[j-1].at; j-- {
			hits[j], hits[j-1] = hits[j-1], hits[j]
		}
	}
	out := []string{}
	for _, h := range hits {
		dup := false
		for _, o := range hits {
			if o.topic != h.topic && strings.Contains(strings.ToLower(o.topic), strings.ToLower(h.topic)) {
				dup = true
				break
			}
		}
		if !dup {
			out = append(out, h.topic)
		}
	}
	return out
}

func isLetterByte(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= 0x80 || unicode.IsDigit(rune(b))
}
