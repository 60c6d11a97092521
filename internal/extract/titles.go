package extract

import "strings"

// titleAt reads a title phrase starting at token i of sentence s.
func (d *doc) titleAt(i int, s span) (titlePhrase, bool) {
	s.end = min(s.end, i+maxTitleTokens)
	tp := titlePhrase{start: i, qualOrg: -1}
	j := i
	if j < s.end && d.toks[j].norm == "the" {
		j++
	}
	// Qualifier: an organization, a country or a nationality, possibly
	// possessive ("WFP's", "Pakistan's", "Saudi").
	if j < s.end && d.ment[j] >= 0 && !d.officeMention(d.ment[j]) {
		m := d.ms[d.ment[j]]
		switch m.ref.kind {
		case refOrg:
			tp.qualOrg = d.ment[j]
		case refCountry, refDemonym:
			tp.qualISO = m.ref.iso
		default:
			return tp, false
		}
		j = m.end
		for j < s.end && d.toks[j].norm == "(" && j+2 < s.end && d.toks[j+2].norm == ")" {
			j += 3 // "(UNHCR)"
		}
		if j < s.end && d.toks[j].norm == "'s" {
			j++
		}
		if j < s.end && d.toks[j].norm == "country" && j+1 < s.end && d.toks[j+1].norm == "'s" {
			j += 2
		}
	} else if j+1 < s.end && d.toks[j].norm == "country" && d.toks[j+1].norm == "'s" {
		j += 2
	}
	tp.core = j
	lowerTitle := false
	hasHead := false
	for {
		// The core: modifiers and heads, or an office named like one.
		start := j
		for j < s.end {
			d.work++
			if d.ment[j] >= 0 && d.officeMention(d.ment[j]) && j == start {
				mi := d.ment[j]
				tp.orgs = append(tp.orgs, titleOrg{ment: mi})
				j = d.ms[mi].end
				for j < s.end && d.toks[j].norm == "(" && j+2 < s.end && d.toks[j+2].norm == ")" {
					j += 3 // "(UNHCR)"
				}
				hasHead = true
				continue
			}
			if d.toks[j].norm == "-" && j > start && !d.toks[j].space && j+1 < s.end && !d.toks[j+1].space && d.isTitleWord(j+1, false) {
				j++
				continue
			}
			if !d.isTitleWord(j, false) {
				break
			}
			if titleHeads[d.toks[j].norm] {
				hasHead = true
			}
			if !d.toks[j].upper && d.toks[j].kind == tWord {
				lowerTitle = true
			}
			j++
		}
		if j == start || !hasHead {
			if j == start && start > tp.core {
				j = start
				break
			}
			return tp, false
		}
		// Complements: of/for/to/in/at + organization, place or phrase.
		for j < s.end {
			prep := d.toks[j].norm
			if prep != "of" && prep != "for" && prep != "to" && prep != "in" && prep != "at" {
				break
			}
			k := j + 1
			if k < s.end && d.toks[k].norm == "the" {
				k++
			}
			if k >= s.end {
				break
			}
			if mi := d.ment[k]; mi >= 0 {
				m := d.ms[mi]
				switch m.ref.kind {
				case refOrg:
					tp.orgs = append(tp.orgs, titleOrg{ment: mi, prep: prep})
				case refCountry:
					if prep == "of" {
						tp.countries = append(tp.countries, m.ref.iso)
					}
				case refDemonym, refPerson:
					return tp, tp.finish(j, d)
				}
				k = m.end
				for k < s.end && d.toks[k].norm == "(" && k+2 < s.end && d.toks[k+2].norm == ")" {
					k += 3
				}
				if k < s.end && d.toks[k].norm == "group" && d.toks[k].upper {
					k++ // "Islamic Development Bank (IsDB) Group"
				}
				j = k
				continue
			}
			// A phrase: capitalised words (or lower-case ones in a
			// lower-case title), with "and", "&" and commas between.
			n := 0
			for k < s.end && n < 12 {
				d.work++
				t := &d.toks[k]
				if d.ment[k] >= 0 {
					break
				}
				if n > 0 && (t.norm == "of" || t.norm == "for" || t.norm == "to" || t.norm == "in" || t.norm == "at") {
					break
				}
				// A name or an honorific ends the title: "Minister of
				// Health Grace Wanjiru", "Regional Director Dr. Ahmed".
				if t.upper && (honorifics[t.norm] || (n > 0 && !notNames[t.norm])) {
					if _, _, ok := d.nameAt(k, s); ok {
						break
					}
				}
				if t.kind == tWord && (t.upper || lowerTitle || t.norm == "and" || t.norm == "the") && !titleHeads[t.norm] {
					if lowerTitle && !t.upper && isVerbish(t.norm) {
						break
					}
					k++
					n++
					continue
				}
				if t.norm == "&" || (t.norm == "-" && !t.space) {
					k++
					continue
				}
				if t.norm == "," && k+1 < s.end {
					nx := &d.toks[k+1]
					if (lowerTitle && !nx.upper && nx.kind == tWord) || (nx.upper && d.ment[k+1] < 0 && k+2 < s.end && (d.toks[k+2].norm == "and" || d.toks[k+2].norm == ",")) {
						k++
						continue
					}
				}
				break
			}
			// Trailing "and" or "the" belong to what follows.
			for k > j+1 && (d.toks[k-1].norm == "and" || d.toks[k-1].norm == "the") {
				k--
			}
			if n == 0 {
				break
			}
			j = k
		}
		// A coordinated second title: "... and Special Envoy of ...".
		if j+1 < s.end && d.toks[j].norm == "and" && d.isTitleWord(j+1, false) {
			j++
			continue
		}
		break
	}
	return tp, tp.finish(j, d)
}

func (tp *titlePhrase) finish(j int, d *doc) bool {
	tp.end = j
	if tp.end <= tp.core {
		return false
	}
	for k := tp.core; k < tp.end; k++ {
		if d.ment[k] < 0 && nationalHeads[d.toks[k].norm] {
			tp.national = true
		}
	}
	// "Secretary of State" is a national office too.
	if strings.Contains(strings.ToLower(d.spanText(span{tp.core, tp.end})), "secretary of state") {
		tp.national = true
	}
	return true
}

// isVerbish marks lower-case words that end a lower-case title.
func isVerbish(w string) bool {
	switch w {
	case "recently", "met", "said", "who", "which", "has", "have", "had", "was", "were", "is", "are", "will",
		"also", "held", "signed", "received", "visited", "told", "stated", "added", "during", "on", "with", "by":
		return true
	}
	return strings.HasSuffix(w, "ed") && len(w) > 5
}
