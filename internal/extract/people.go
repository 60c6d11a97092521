package extract

import (
	"strings"
)

// Words of titles, folded. Heads make a title; modifiers only extend one.
var titleHeads = setOf("secretary", "director", "president", "chairperson", "chairman", "chairwoman", "chair",
	"minister", "ambassador", "representative", "envoy", "commissioner", "head", "chief", "ceo", "governor",
	"administrator", "coordinator", "supervisor", "advisor", "counsellor", "king", "queen", "emir", "sultan",
	"mayor", "consul", "spokesperson", "spokesman", "spokeswoman", "rapporteur", "manager", "officer",
	"founder", "chancellor", "rector", "dean", "commander", "premier", "delegate", "undersecretary",
	"vice-president", "secretary-general", "director-general", "chargé", "charge", "president-elect",
	"principal", "superintendent", "registrar", "treasurer")

var titleMods = setOf("deputy", "assistant", "acting", "senior", "special", "executive", "regional", "country",
	"permanent", "associate", "incoming", "outgoing", "interim", "first", "vice", "under", "high", "operating",
	"resident", "foreign", "prime", "general", "managing", "state", "co", "newly", "elected", "lead", "national",
	"crown", "chief", "affaires", "d'affaires", "programme", "program", "technical", "humanitarian", "health",
	"finance", "trade", "defense", "interior", "economy", "development", "planning", "education", "-")

// nationalHeads are offices that belong to a state, not to an
// organization: when a title has no organization, the person speaks for
// a government.
var nationalHeads = setOf("minister", "ambassador", "king", "queen", "emir", "sultan", "premier", "consul",
	"chargé", "charge", "undersecretary", "governor", "mayor", "ministry", "department")

var honorifics = setOf("dr", "mr", "mrs", "ms", "miss", "prof", "professor", "h.e", "he", "h.h", "hh", "amb",
	"hon", "honourable", "honorable", "sheikh", "shaikh", "sheikha", "dato", "dato'", "datuk", "tan", "sri",
	"eng", "sir", "dame", "rev", "his", "her", "excellency", "highness", "royal", "madam", "mme", "m", "engr",
	"justice", "capt", "gen", "col", "maj", "lt", "brig", "general", "ustaz", "haji", "hajj", "pehin")

// nameConnectors may sit inside a name in lower case.
var nameConnectors = setOf("bin", "bint", "ibn", "al", "el", "de", "da", "du", "van", "der", "von", "dos", "das",
	"la", "le", "y", "abu", "di", "del", "ben", "ould", "ag", "mac", "den")

// notNames are capitalised words that start sentences or name things,
// never people.
var notNames = setOf("the", "a", "an", "in", "on", "at", "by", "for", "with", "from", "during", "after", "before",
	"under", "his", "her", "their", "our", "this", "that", "these", "those", "it", "he", "she", "they", "we",
	"speaking", "according", "meanwhile", "also", "earlier", "later", "today", "yesterday", "tomorrow",
	"government", "ministry", "kingdom", "republic", "state", "states", "embassy", "office", "department",
	"council", "agency", "fund", "bank", "organization", "union", "nations", "united", "international",
	"islamic", "world", "affairs", "health", "development", "humanitarian", "national", "global", "cooperation",
	"memorandum", "understanding", "agreement", "programme", "program", "centre", "center", "relief", "aid",
	"group", "committee", "conference", "summit", "forum", "session", "assembly", "both", "two", "all", "and",
	"but", "as", "photo", "source", "short", "url", "related", "topics", "news", "press", "read", "more",
	"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
	"november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
	"covid", "unicef", "who", "secretary", "minister", "director", "president", "ambassador", "envoy", "head",
	"representative", "commissioner", "chairperson", "deputy", "executive", "general", "supervisor", "senior",
	"advisor", "assistant", "special", "regional", "chief", "foreign", "prime", "signed", "leave", "reply",
	"your", "contact", "sign", "meeting", "talks", "while", "when", "where", "if", "through", "among", "between",
	"over", "however", "thanks", "following", "including", "about", "address", "ceremony", "delegation", "people",
	"africa", "asia", "europe", "america", "middle", "east", "west", "north", "south", "gulf", "region", "sahel",
	"strip", "mission", "sustainable", "goals", "agenda", "plan", "action", "joint", "framework", "dear", "mrs",
	// words of ministries and departments, which follow titles
	"economic", "planning", "finance", "trade", "industry", "energy", "justice", "education", "culture",
	"environment", "agriculture", "interior", "defense", "transport", "tourism", "labor", "water",
	"information", "communications", "investment", "operations", "programs", "research", "relations",
	"security", "social", "medical", "wellness", "youth", "sports", "women", "family", "religious",
	"endowments", "public", "works", "housing", "commerce", "economy", "solidarity", "diaspora",
	"expatriates", "immigration", "refugees", "migration", "emergencies", "disaster", "management",
	"innovation", "technology", "science", "higher", "legal", "political", "strategic", "african", "arab",
	"asian", "european", "muslim", "cultural", "eastern", "western", "mediterranean", "pacific", "southern",
	"northern", "central", "department", "organisations", "organizations", "conferences", "protocol",
	"multilateral", "bilateral", "programmes", "projects", "services", "consular", "human", "rights")

func setOf(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// personCues are words of taking part: a person named in a sentence with
// one of them (outside quotes) took part; a person only quoted or
// mentioned did not.
var personCues = setOf("met", "meet", "meets", "meeting", "meetings", "talks", "held", "holds", "hold",
	"receive", "received", "receives", "receiving", "visit", "visited", "visits", "visiting", "call", "called",
	"sign", "signed", "signs", "signing", "signature", "signatures", "inked", "presented", "presents", "present",
	"handed", "attended", "attend", "attending", "discussed", "discuss", "discusses", "discussing", "hosted",
	"hosts", "accepted", "announced", "announces", "pledged", "donated", "reviewed", "explored", "exchanged",
	"remarks", "addressed", "participated", "conferred", "agreed", "audience", "part", "handover", "delivered")

// titlePhrase is a title found in a sentence.
type titlePhrase struct {
	start, end int // token range, including a leading qualifier
	core       int // first token after the qualifier
	qualOrg    int // org mention index of the qualifier, -1 if none
	qualISO    string
	orgs       []titleOrg // organizations inside the title
	countries  []string   // countries after "of" inside the title
	national   bool
}

type titleOrg struct {
	ment int
	prep string // the preposition before it: "of", "to", "at", ""
}

func (d *doc) isTitleWord(i int, heads bool) bool {
	t := &d.toks[i]
	if t.kind != tWord || d.ment[i] >= 0 {
		return false
	}
	if heads {
		return titleHeads[t.norm]
	}
	return titleHeads[t.norm] || titleMods[t.norm]
}

// officeMention reports whether mention m names an office held by a
// person ("United Nations High Commissioner for Refugees").
func (d *doc) officeMention(mi int) bool {
	m := d.ms[mi]
	if m.ref.kind != refOrg {
		return false
	}
	for k := m.start; k < m.end; k++ {
		if titleHeads[d.toks[k].norm] {
			return true
		}
	}
	return false
}

// maxTitleTokens and maxNameTokens bound how far titleAt and nameAt read:
// they are tried at every word, so a run of title words or of name parts
// ("Director and Director and ...") would be read again from each. The
// longest titles of news style ("Deputy Executive Director of the
// Regional Office for the Eastern Mediterranean of the World Health
// Organization") have about twenty tokens; names have at most six words.
const (
	maxTitleTokens = 40
	maxNameTokens  = 24
)

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

// nameAt reads a person's name at token i, after any honorifics. It
// returns the name's range and the start of the honorifics.
func (d *doc) nameAt(i int, s span) (ns, ne int, ok bool) {
	cut := s.end > i+maxNameTokens
	s.end = min(s.end, i+maxNameTokens)
	j := i
	for j < s.end {
		d.work++
		t := &d.toks[j]
		if t.kind == tWord && honorifics[t.norm] && t.upper {
			j++
			if j < s.end && d.toks[j].norm == "." && !d.toks[j].space {
				j++
			}
			continue
		}
		// "H.E." and "H.H." come as letter-period pairs.
		if t.kind == tWord && (t.text == "H" || t.text == "E") && j+1 < s.end && d.toks[j+1].norm == "." {
			j += 2
			continue
		}
		break
	}
	ns = j
	words := 0
	for j < s.end {
		d.work++
		t := &d.toks[j]
		if d.ment[j] >= 0 {
			if d.ms[d.ment[j]].ref.kind == refPerson && words == 0 {
				j = d.ms[d.ment[j]].end
				words += 2
			}
			break
		}
		if t.kind == tWord && t.upper && !notNames[t.norm] && !(words == 0 && titleHeads[t.norm]) {
			if words > 0 && (titleHeads[t.norm] || titleMods[t.norm]) && !(j+1 >= s.end || d.toks[j+1].kind == tPunct) {
				break
			}
			if !(j > ns && d.toks[j-1].norm == "-" && !t.space) {
				words++
			}
			j++
			// An initial or "St." keeps its period.
			if j < s.end && d.toks[j].norm == "." && !d.toks[j].space && (len([]rune(t.text)) == 1 || t.norm == "st") && j+1 < s.end && d.toks[j+1].upper {
				j++
			}
			continue
		}
		if t.kind == tWord && nameConnectors[t.norm] && words > 0 && j+1 < s.end && d.toks[j+1].upper && d.ment[j+1] < 0 {
			j++
			continue
		}
		if t.norm == "-" && !t.space && words > 0 && j+1 < s.end && !d.toks[j+1].space && d.toks[j+1].kind == tWord {
			j++
			continue
		}
		if t.kind == tWord && !t.upper && words > 0 && j > 0 && d.toks[j-1].norm == "-" && !t.space {
			j++ // al-Mandhari
			continue
		}
		break
	}
	ne = j
	if words < 2 || words > 6 || cut && ne == s.end {
		return 0, 0, false // a name cut at the bound is no name
	}
	// Names that the sentence continues with a capitalised noun are
	// organizations or places ("Visit Cornwall" is caught earlier).
	return ns, ne, true
}

// rawPerson is a person found by a pattern, before merging.
type rawPerson struct {
	name       string
	nameStart  int
	nameEnd    int
	title      titlePhrase
	sentence   span
	lastTokens []string
}

// findPeople applies the apposition patterns:
//
//	TITLE [of ORG], NAME        the director general of WHO, Dr. Tedros
//	[ORG|COUNTRY's] TITLE NAME  WFP Executive Director David Beasley
//	NAME, TITLE [of ORG]        Antonio Vitorino, director general of IOM
func (d *doc) findPeople() []rawPerson {
	var out []rawPerson
	for _, s := range d.sents {
		if d.stopped() {
			return out
		}
		// Titles ending at each token.
		ends := map[int]titlePhrase{}
		for i := s.start; i < s.end; i++ {
			d.work++
			if d.inDateline(i) {
				continue
			}
			t := &d.toks[i]
			if t.kind != tWord {
				continue
			}
			if i > s.start && (d.ment[i-1] == d.ment[i] && d.ment[i] >= 0) {
				continue
			}
			if tp, ok := d.titleAt(i, s); ok {
				if old, seen := ends[tp.end]; !seen || tp.start < old.start {
					ends[tp.end] = tp
				}
			}
		}
		if len(ends) == 0 {
			continue
		}
		for i := s.start; i < s.end; i++ {
			d.work++
			t := &d.toks[i]
			if t.kind != tWord || !t.upper {
				continue
			}
			if i > s.start && d.toks[i-1].kind == tWord && d.toks[i-1].upper && !honorifics[d.toks[i-1].norm] && d.ment[i-1] < 0 && !titleHeads[d.toks[i-1].norm] && !titleMods[d.toks[i-1].norm] {
				continue // inside a capitalised run
			}
			ns, ne, ok := d.nameAt(i, s)
			if !ok {
				continue
			}
			var tp titlePhrase
			found := false
			if p, ok := ends[i]; ok {
				tp, found = p, true
			} else if i > s.start && d.toks[i-1].norm == "," {
				if p, ok := ends[i-1]; ok {
					tp, found = p, true
				}
			}
			if !found && ne < s.end && d.toks[ne].norm == "(" {
				// "Dr. Kidong Park (left)"
				for k := ne; k < s.end && k < ne+4; k++ {
					if d.toks[k].norm == ")" {
						ne2 := k + 1
						if ne2 < s.end && d.toks[ne2].norm == "," {
							ne = k + 1
						}
						break
					}
				}
			}
			if !found && ne+1 < s.end && d.toks[ne].norm == "," {
				k := ne + 1
				if tp2, ok := d.titleAt(k, s); ok {
					tp, found = tp2, true
				}
			}
			if !found {
				continue
			}
			rp := rawPerson{name: d.spanText(span{ns, ne}), nameStart: ns, nameEnd: ne, title: tp, sentence: s}
			for k := ns; k < ne; k++ {
				if d.toks[k].kind == tWord && d.toks[k].upper {
					rp.lastTokens = []string{d.toks[k].text}
				}
			}
			// A hyphenated surname counts whole: "Al-Rabeeah".
			if ne-ns >= 3 && d.toks[ne-2].norm == "-" {
				rp.lastTokens = []string{d.toks[ne-3].text, "-", d.toks[ne-1].text}
			}
			out = append(out, rp)
			i = ne - 1
		}
	}
	return out
}

// titleText renders a title: the core without a leading qualifier and
// without a trailing "of <organization>".
func (d *doc) titleText(tp titlePhrase, personOrg int) string {
	end := tp.end
	for _, o := range tp.orgs {
		m := d.ms[o.ment]
		if o.ment == personOrg && o.prep == "of" && m.end >= end-3 {
			// cut "of [the] ORG [(ACR)]"
			k := m.start - 1
			if k >= tp.core && d.toks[k].norm == "the" {
				k--
			}
			if k > tp.core && d.toks[k].norm == "of" {
				end = k
			}
		}
	}
	if end <= tp.core {
		end = tp.end
	}
	return strings.TrimSpace(strings.TrimRight(d.spanText(span{tp.core, end}), ", "))
}
