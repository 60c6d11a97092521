package extract

import (
	"bufio"
	"embed"
	"strings"
	"sync"
	"unicode"

	"github.com/accordhq/accord/internal/refdata"
)

//go:embed data/*.txt
var dataFS embed.FS

// OrgEntry is an organization the extractor recognises.
type OrgEntry struct {
	Name     string   // canonical English name, e.g. "World Health Organization"
	Kind     string   // igo, fund, bank, ngo, agency, organ, forum, media, or "" for Accord's own
	Parent   string   // canonical name of the organization an office or organ belongs to
	Acronyms []string // matched with their case: "WHO", "IsDB"
	Names    []string // other names in any language, matched without case
}

// PersonEntry is a person the extractor recognises by name even when the
// text gives no title.
type PersonEntry struct {
	Name         string
	Title        string
	Organization string // canonical organization name
}

// Gazetteer supplies entries beyond the shipped lists: Accord's own
// organizations and people, including the names and acronyms officers
// confirmed in earlier extractions. Its entries win over the shipped ones
// when both name the same thing.
type Gazetteer interface {
	Organizations() []OrgEntry
	People() []PersonEntry
}

// StaticGazetteer is a Gazetteer held in memory.
type StaticGazetteer struct {
	Orgs    []OrgEntry
	Persons []PersonEntry
}

// Organizations returns g.Orgs.
func (g StaticGazetteer) Organizations() []OrgEntry { return g.Orgs }

// People returns g.Persons.
func (g StaticGazetteer) People() []PersonEntry { return g.Persons }

type refKind uint8

const (
	refOrg refKind = iota + 1
	refCity
	refCountry
	refDemonym
	refPerson
)

// ref is what a run of tokens names.
type ref struct {
	kind refKind
	idx  int    // into orgs, cities or people
	iso  string // country code for countries, demonyms and cities
}

type pattern struct {
	exact []string // original spelling, for case-sensitive entries
	ref   ref
}

// node is a point of the names' trie: the patterns whose tokens lead to it.
type node struct{ ends []pattern }

// step is an edge of the trie: from a node, by one folded token.
type step struct {
	from *node
	tok  string
}

type city struct {
	Name string
	ISO  string
}

// index finds gazetteer names in token streams: the names form a trie of
// folded tokens, so that finding the longest name at a token costs the
// length of that name, not the number of names that start alike (with
// Accord's people, thousands may start with "Mohammed").
type index struct {
	root    *node
	steps   map[step]*node
	orgs    []OrgEntry
	orgByID map[string]int // folded canonical name or alias → org
	cities  []city
	people  []PersonEntry
	country map[string]string // ISO → short English name
}

func loadLines(name string, fields int, fn func([]string)) {
	f, err := dataFS.Open("data/" + name)
	if err != nil {
		panic("extract: " + err.Error())
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		parts := strings.Split(line, "|")
		for len(parts) < fields {
			parts = append(parts, "")
		}
		fn(parts)
	}
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ";") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// shippedOrgs reads data/orgs.txt.
var shippedOrgs = sync.OnceValue(func() []OrgEntry {
	var out []OrgEntry
	loadLines("orgs.txt", 5, func(p []string) {
		out = append(out, OrgEntry{Name: p[0], Kind: p[1], Parent: p[2], Acronyms: splitList(p[3]), Names: splitList(p[4])})
	})
	return out
})

// shortCountryName turns the ISO list's "Korea (the Republic of)" and
// "United States of America (the)" into names used in running text.
func shortCountryName(en string) string {
	if i := strings.Index(en, " ("); i >= 0 {
		inner := strings.TrimSuffix(en[i+2:], ")")
		base := en[:i]
		switch {
		case inner == "the":
			return base
		case strings.HasPrefix(inner, "the ") && strings.HasSuffix(inner, " of"):
			return strings.TrimPrefix(inner, "the ") + " " + base
		}
		return base
	}
	if i := strings.Index(en, ", "); i >= 0 {
		return strings.TrimPrefix(en[i+2:], "the ") + " " + en[:i]
	}
	return en
}

func newIndex(extra Gazetteer) *index {
	ix := &index{root: &node{}, steps: map[step]*node{}, orgByID: map[string]int{}, country: map[string]string{}}
	orgs := shippedOrgs()
	if extra != nil {
		// Accord's own entries first: on the same name they win.
		orgs = append(append([]OrgEntry(nil), extra.Organizations()...), orgs...)
		ix.people = extra.People()
	}
	for _, o := range orgs {
		id := foldName(o.Name)
		if i, ok := ix.orgByID[id]; ok {
			// A second entry for a known organization adds names to it.
			ix.orgs[i].Acronyms = append(ix.orgs[i].Acronyms, o.Acronyms...)
			ix.orgs[i].Names = append(ix.orgs[i].Names, o.Names...)
			continue
		}
		ix.orgs = append(ix.orgs, o)
		ix.orgByID[id] = len(ix.orgs) - 1
	}
	for i, o := range ix.orgs {
		r := ref{kind: refOrg, idx: i}
		for _, n := range append([]string{o.Name}, o.Names...) {
			ix.add(n, false, r)
			ix.orgByID[foldName(n)] = i
			switch {
			case strings.Contains(n, "Cooperation"):
				ix.add(strings.ReplaceAll(n, "Cooperation", "Co-operation"), false, r)
			case strings.Contains(n, "Co-operation"):
				ix.add(strings.ReplaceAll(n, "Co-operation", "Cooperation"), false, r)
			}
			if strings.HasPrefix(n, "United Nations ") {
				ix.add("UN "+strings.TrimPrefix(n, "United Nations "), false, r)
			}
		}
		for _, a := range o.Acronyms {
			ix.add(a, true, r)
			if _, ok := ix.orgByID[foldName(a)]; !ok {
				ix.orgByID[foldName(a)] = i
			}
		}
	}
	for i, p := range ix.people {
		ix.add(p.Name, false, ref{kind: refPerson, idx: i})
	}
	loadLines("cities.txt", 3, func(p []string) {
		ix.cities = append(ix.cities, city{Name: p[0], ISO: p[1]})
		r := ref{kind: refCity, idx: len(ix.cities) - 1, iso: p[1]}
		for _, n := range append([]string{p[0]}, splitList(p[2])...) {
			ix.add(n, false, r)
		}
	})
	for _, c := range refdata.Countries() {
		r := ref{kind: refCountry, iso: c.Code}
		short := shortCountryName(c.EN)
		ix.country[c.Code] = short
		for _, n := range []string{c.EN, short, c.FR, c.AR} {
			ix.add(n, false, r)
		}
	}
	loadLines("countries.txt", 3, func(p []string) {
		r := ref{kind: refCountry, iso: p[0]}
		for _, n := range splitList(p[1]) {
			// All-capital short forms (UK, USA, UAE) keep their case.
			ix.add(n, isAcronym(n), r)
		}
		for _, n := range splitList(p[2]) {
			ix.add(n, false, ref{kind: refDemonym, iso: p[0]})
		}
	})
	ix.country["TW"] = "Taiwan"
	ix.country["PS"] = "Palestine"
	return ix
}

func isAcronym(s string) bool {
	letters := 0
	for _, r := range s {
		if r >= 'a' && r <= 'z' {
			return false
		}
		if r >= 'A' && r <= 'Z' {
			letters++
		}
	}
	return letters > 0 && len(s) <= 6
}

func (ix *index) add(name string, exact bool, r ref) {
	toks := tokenize(name)
	if len(toks) == 0 {
		return
	}
	p := pattern{ref: r}
	n := ix.root
	for _, t := range toks {
		if exact {
			p.exact = append(p.exact, t.text)
		}
		next := ix.steps[step{n, t.norm}]
		if next == nil {
			next = &node{}
			ix.steps[step{n, t.norm}] = next
		}
		n = next
	}
	n.ends = append(n.ends, p)
}

// mention is a run of tokens [start, end) that names something.
type mention struct {
	start, end int
	ref        ref
}

// match returns the longest gazetteer name starting at token i, the first
// listed among names of that length. Words of names that ignore case must
// still start with a capital in the text (or be written in a script
// without case), so that "the world bank of knowledge" or "male" do not
// match. Names do not run across a line break. work, when not nil, counts
// the tokens walked.
func (ix *index) match(toks []token, i int, work *int) (mention, bool) {
	best := mention{}
	found := false
	lowerFirst := toks[i].kind == tWord && !toks[i].upper && hasCase(toks[i].text)
	n := ix.root
	for k := i; k < len(toks) && (k == i || !toks[k].newline); k++ {
		if n = ix.steps[step{n, toks[k].norm}]; n == nil {
			break
		}
		if work != nil {
			*work++
		}
		for _, p := range n.ends {
			if (p.exact == nil && lowerFirst) || (p.exact != nil && !spelledAs(toks[i:k+1], p.exact)) {
				continue
			}
			best, found = mention{start: i, end: k + 1, ref: p.ref}, true
			break
		}
	}
	return best, found
}

// spelledAs reports whether the tokens are written exactly as spelling.
func spelledAs(toks []token, spelling []string) bool {
	for k, s := range spelling {
		if toks[k].text != s {
			return false
		}
	}
	return true
}

func hasCase(s string) bool {
	r := firstRune(s)
	return r != unicode.ToUpper(r) || r != unicode.ToLower(r)
}
