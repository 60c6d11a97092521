package extract

import "strings"

// govName names the government of the country iso, as releases do
// ("Government of the United Kingdom").
func (a *analysis) govName(iso string) string {
	n := a.ix.country[iso]
	if n == "" {
		n = iso
	}
	switch {
	case strings.HasPrefix(n, "United "), strings.HasPrefix(n, "Republic "), strings.HasPrefix(n, "Netherlands"),
		strings.HasPrefix(n, "Philippines"), strings.HasPrefix(n, "Democratic "), strings.HasPrefix(n, "Russian "),
		strings.HasPrefix(n, "Gambia"), strings.HasPrefix(n, "Bahamas"):
		n = "the " + n
	}
	return "Government of " + n
}

// findGovernments records governments named as such: "Government of X",
// "X's government", "the Vietnamese Government", "Embassy of X", and
// states named formally as actors ("the State of Kuwait").
func (a *analysis) findGovernments() {
	d := a.doc
	for i := range d.toks {
		if i%maxSentenceTokens == 0 && d.stopped() {
			return
		}
		t := &d.toks[i]
		if d.quote[i] || d.inDateline(i) {
			continue
		}
		iso := ""
		switch {
		case t.norm == "government" || t.norm == "embassy":
			k := i + 1
			if k < len(d.toks) && d.toks[k].norm == "of" {
				k++
				if k < len(d.toks) && d.toks[k].norm == "the" {
					k++
				}
				if k < len(d.toks) && d.ment[k] >= 0 && d.ms[d.ment[k]].ref.kind == refCountry {
					iso = d.ms[d.ment[k]].ref.iso
				}
			}
			if iso == "" && t.norm == "government" && i > 0 {
				k := i - 1
				if d.toks[k].norm == "'s" && k > 0 {
					k--
				}
				if d.ment[k] >= 0 && (d.ms[d.ment[k]].ref.kind == refCountry || d.ms[d.ment[k]].ref.kind == refDemonym) {
					iso = d.ms[d.ment[k]].ref.iso
				}
			}
		case d.ment[i] >= 0 && d.ms[d.ment[i]].start == i && d.ms[d.ment[i]].ref.kind == refCountry:
			if t.norm == "state" || t.norm == "kingdom" || t.norm == "sultanate" {
				iso = d.ms[d.ment[i]].ref.iso
			}
		}
		if iso == "" {
			continue
		}
		a.govByISO[iso] = true
		if d.hasWord(d.sentenceOf(i), orgCues) {
			a.addParticipant(a.govName(iso), iso, i)
		}
	}
}

// countryFor resolves the state a national official serves when the title
// does not name it: the nearest country named before the title in the
// same sentence, else the one government the text names, else the
// dateline's country, else the country named most often.
func (a *analysis) countryFor(tp titlePhrase, s span) string {
	d := a.doc
	if len(tp.countries) > 0 {
		return tp.countries[0]
	}
	if tp.qualISO != "" {
		return tp.qualISO
	}
	for k := tp.start - 1; k >= s.start; k-- {
		d.work++
		if mi := d.ment[k]; mi >= 0 && d.ms[mi].ref.kind == refCountry && !d.inDateline(k) {
			return d.ms[mi].ref.iso
		}
	}
	if len(a.govByISO) == 1 {
		for iso := range a.govByISO {
			return iso
		}
	}
	if d.datelineISO != "" {
		return d.datelineISO
	}
	if a.mostNamed == nil {
		counts := map[string]int{}
		best, bestN := "", 0
		for _, m := range d.ms {
			d.work++
			if m.ref.kind == refCountry || m.ref.kind == refDemonym {
				counts[m.ref.iso]++
				if c := counts[m.ref.iso]; c > bestN || (c == bestN && m.ref.iso < best) {
					best, bestN = m.ref.iso, c
				}
			}
		}
		a.mostNamed = &best
	}
	return *a.mostNamed
}
