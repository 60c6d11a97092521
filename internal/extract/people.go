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
