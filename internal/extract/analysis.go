package extract

import (
	"fmt"
	"sort"
	"strings"
)

// orgCues mark sentences that report the engagement itself: taking part,
// signing, giving. An organization named in such a sentence (outside
// quotes) is a participant; one named elsewhere is only mentioned.
var orgCues = union(personCues, setOf("agreement", "agreements", "memorandum", "mou", "pledge", "pledges",
	"donation", "donations", "contribution", "grant", "deal", "funding", "allocated", "granted", "agree",
	"handed", "presented", "delivered", "donates", "donate", "contributed", "contributes", "provided",
	"partnership", "framework", "signatory", "signatories", "ink", "inks", "welcomed", "welcomes"))

func union(a, b map[string]bool) map[string]bool {
	m := make(map[string]bool, len(a)+len(b))
	for k := range a {
		m[k] = true
	}
	for k := range b {
		m[k] = true
	}
	return m
}

// eventNouns after an organization's name make the name a modifier of an
// event ("UNHCR's Pledging Conference", "OIC Donor Conference").
var eventNouns = setOf("conference", "summit", "forum", "session", "assembly", "congress", "day", "award",
	"prize", "charter", "convention", "report", "week", "festival", "games", "pledging", "meeting", "meetings",
	"headquarters", "website", "portal", "strategy", "plan", "program", "facility")

type participant struct {
	name  string
	iso   string // for governments
	first int    // token of first mention, for ordering
}

type analysis struct {
	*doc
	parts     map[string]*participant // by canonical name
	govByISO  map[string]bool         // governments named explicitly
	people    []Person
	personPos []int
	titleSpan []bool // tokens inside a person's title
	// withPeople holds organizations whose officials took part.
	withPeople map[string]bool
	// surnameCued memoizes tookPart's search by surname, and
	// byText indexes the tokens by their text for it.
	surnameCued map[string]bool
	byText      map[string][]int
	// mostNamed is the country named most often, once counted.
	mostNamed *string
	// notes say what the analysis left out (past maxPeople...).
	notes []string
}

// maxPeople and maxCommitments bound what one text yields: a release
// names a handful; past these a text is a list, and reading on would
// cost more than an officer could review.
const (
	maxPeople      = 100
	maxCommitments = 100
)

func (d *doc) run() *Result {
	a := &analysis{doc: d, parts: map[string]*participant{}, govByISO: map[string]bool{}, titleSpan: make([]bool, len(d.toks)), withPeople: map[string]bool{}, surnameCued: map[string]bool{}}
	r := Empty()
	if !d.dateline.empty() {
		r.Dateline = strings.TrimRight(strings.TrimSpace(d.spanText(d.dateline)), "-:—– ")
	}
	a.findGovernments()
	a.resolvePeople()
	a.findOrgParticipants()
	commitments := a.findCommitments()
	if d.stopped() {
		return r
	}
	r.Notes = append(r.Notes, a.notes...)
	names := a.participantNames()
	parties := len(names)
	for _, p := range a.people {
		if p.Organization == "" {
			parties++ // a person whose organization is unknown is a party still
		}
	}
	if !(parties >= 2 || (parties >= 1 && len(commitments) > 0)) || len(names) == 0 {
		r.Notes = append(r.Notes, "no engagement between two or more organizations found")
		return r
	}
	r.IsEngagement = true
	r.Orgs = names
	r.People = a.people
	if r.People == nil {
		r.People = []Person{}
	}
	for i := range commitments {
		a.fillParties(&commitments[i], names)
	}
	r.Commitments = commitments
	r.Location = a.findLocation()
	r.Date, r.DateEstimate = a.findDate()
	r.Countries = a.findCountries(r.Location)
	r.Topics = a.findTopics()
	r.Spans = a.spans(r)
	return r
}

func (a *analysis) addParticipant(name, iso string, pos int) {
	if p, ok := a.parts[name]; ok {
		if pos < p.first {
			p.first = pos
		}
		return
	}
	a.parts[name] = &participant{name: name, iso: iso, first: pos}
}

func (a *analysis) participantNames() []string {
	ps := make([]*participant, 0, len(a.parts))
	for _, p := range a.parts {
		ps = append(ps, p)
	}
	// The parents of organs whose officials took part, for the rule below.
	actingOrgans := map[string]bool{}
	for _, q := range ps {
		if a.withPeople[q.name] {
			if j, ok := a.ix.orgByID[foldName(q.name)]; ok && a.ix.orgs[j].Kind == "organ" {
				actingOrgans[a.ix.orgs[j].Parent] = true
			}
		}
	}
	// An organ named beside its parent is the parent acting.
	var keep []*participant
	for _, p := range ps {
		if i, ok := a.ix.orgByID[foldName(p.name)]; ok {
			if parent := a.ix.orgs[i].Parent; parent != "" && a.ix.orgs[i].Kind == "organ" {
				if _, ok := a.parts[parent]; ok && !a.withPeople[p.name] {
					continue
				}
			}
		}
		// A parent named beside its organ whose official took part is
		// the organ acting ("the African Union Commission Chairperson").
		if !a.withPeople[p.name] && actingOrgans[p.name] {
			continue
		}
		keep = append(keep, p)
	}
	sort.Slice(keep, func(i, j int) bool { return keep[i].first < keep[j].first })
	out := make([]string, len(keep))
	for i, p := range keep {
		out[i] = p.name
	}
	return out
}

// canonical returns the name an organization is reported under: offices
// (regional offices, secretariats) report as their organization.
func (a *analysis) canonical(orgIdx int) string {
	o := a.ix.orgs[orgIdx]
	if o.Kind == "office" && o.Parent != "" {
		return o.Parent
	}
	return o.Name
}

// resolvePeople turns pattern matches into participants: it keeps people
// named in a sentence of taking part, and gives each an organization.
func (a *analysis) resolvePeople() {
	d := a.doc
	raws := d.findPeople()
	seen := map[string]int{}
	// bySurname maps each ending of a known person's folded name ("smith",
	// "john smith") to the last person with it, for the rule below.
	bySurname := map[string]int{}
	for _, rp := range raws {
		if d.stopped() {
			return
		}
		key := foldName(rp.name)
		for k := rp.title.start; k < rp.title.end; k++ {
			a.titleSpan[k] = true
		}
		if !a.tookPart(rp) {
			continue
		}
		org, orgMent, iso := a.personOrg(rp)
		title := d.titleText(rp.title, orgMent)
		if orgMent >= 0 && d.officeMention(orgMent) && title == "" {
			title = d.spanText(span{d.ms[orgMent].start, d.ms[orgMent].end})
		}
		// A surname alone repeats a person already found.
		if k, ok := bySurname[key]; ok {
			seen[key] = k
		}
		if i, ok := seen[key]; ok {
			if a.people[i].Organization == "" && org != "" {
				a.people[i].Organization = org
			}
			continue
		}
		if len(a.people) == maxPeople {
			a.notes = append(a.notes, fmt.Sprintf("only the first %d people were read", maxPeople))
			return
		}
		words := strings.Split(foldPersonName(rp.name), " ")
		for w := 1; w < len(words); w++ {
			d.work++
			bySurname[strings.Join(words[w:], " ")] = len(a.people)
		}
		if org != "" {
			a.addParticipant(org, iso, rp.nameStart)
			a.withPeople[org] = true
		}
		seen[key] = len(a.people)
		a.people = append(a.people, Person{Name: rp.name, Title: title, Organization: org})
		a.personPos = append(a.personPos, rp.nameStart)
	}
}

// tookPart reports whether the person appears, by full name or surname,
// in a sentence with a cue of taking part.
func (a *analysis) tookPart(rp rawPerson) bool {
	d := a.doc
	if d.hasWord(rp.sentence, personCues) && !d.quote[rp.nameStart] {
		return true
	}
	last := rp.lastTokens
	if len(last) == 0 {
		return false
	}
	key := strings.Join(last, " ")
	if cued, ok := a.surnameCued[key]; ok {
		return cued
	}
	if a.byText == nil {
		a.byText = map[string][]int{}
		for i := range d.toks {
			a.byText[d.toks[i].text] = append(a.byText[d.toks[i].text], i)
		}
	}
	cued := false
	for _, i := range a.byText[last[0]] {
		d.work++
		if i+len(last) > len(d.toks) || d.quote[i] {
			continue
		}
		okSeq := true
		for k := 1; k < len(last); k++ {
			if d.toks[i+k].text != last[k] {
				okSeq = false
				break
			}
		}
		if okSeq && d.hasWord(d.sentenceOf(i), personCues) {
			cued = true
			break
		}
	}
	a.surnameCued[key] = cued
	return cued
}

// personOrg chooses the organization a title belongs to: the one after
// "of" or "at" ("director general of WHO"), else the qualifier before the
// title ("WFP's Executive Director"), else one inside it; for national
// offices without one, the government of the resolved state.
func (a *analysis) personOrg(rp rawPerson) (name string, ment int, iso string) {
	d := a.doc
	tp := rp.title
	for _, o := range tp.orgs {
		if o.prep == "of" || o.prep == "at" || o.prep == "" {
			if k := a.ix.orgs[d.ms[o.ment].ref.idx].Kind; k == "forum" || k == "media" {
				continue
			}
			return a.canonical(d.ms[o.ment].ref.idx), o.ment, ""
		}
	}
	if tp.qualOrg >= 0 {
		return a.canonical(d.ms[tp.qualOrg].ref.idx), tp.qualOrg, ""
	}
	for _, o := range tp.orgs {
		if o.prep == "in" {
			return a.canonical(d.ms[o.ment].ref.idx), o.ment, ""
		}
	}
	if tp.national || tp.qualISO != "" || len(tp.countries) > 0 {
		if c := a.countryFor(tp, rp.sentence); c != "" {
			return a.govName(c), -1, c
		}
	}
	return "", -1, ""
}

// findOrgParticipants adds organizations named in sentences that report
// the engagement, except news agencies, forums, and names used as
// modifiers of an event or inside a person's title.
func (a *analysis) findOrgParticipants() {
	d := a.doc
	for mi, m := range d.ms {
		if mi%maxSentenceTokens == 0 && d.stopped() {
			return
		}
		if m.ref.kind != refOrg || d.quote[m.start] || d.inDateline(m.start) || a.titleSpan[m.start] {
			continue
		}
		o := a.ix.orgs[m.ref.idx]
		if o.Kind == "media" || o.Kind == "forum" {
			continue
		}
		if a.modifiesEvent(m) {
			continue
		}
		if m.start > 0 && (d.toks[m.start-1].norm == "according" || (m.start > 1 && d.toks[m.start-2].norm == "according")) {
			continue
		}
		s := d.sentenceOf(m.start)
		if !d.hasWord(s, orgCues) {
			continue
		}
		a.addParticipant(a.canonical(m.ref.idx), "", m.start)
	}
}

// modifiesEvent reports whether the organization's name is followed,
// within a few capitalised words, by an event noun.
func (a *analysis) modifiesEvent(m mention) bool {
	d := a.doc
	k := m.end
	if k < len(d.toks) && d.toks[k].norm == "'s" {
		k++
	}
	for n := 0; k < len(d.toks) && n < 5; k, n = k+1, n+1 {
		t := &d.toks[k]
		if t.kind == tNum || (t.kind == tWord && (t.upper || t.norm == "of")) {
			if t.upper && eventNouns[t.norm] {
				return true
			}
			continue
		}
		if t.norm == "-" && !t.space {
			continue
		}
		break
	}
	return false
}

// fillParties sets a commitment's parties: the participants named in its
// sentence, completed with the first participants of the text.
func (a *analysis) fillParties(c *Commitment, names []string) {
	lower := strings.ToLower(c.Text)
	seen := map[string]bool{}
	for _, n := range names {
		a.work++
		p := a.parts[n]
		hit := strings.Contains(lower, strings.ToLower(n))
		if !hit && p != nil && p.iso != "" {
			hit = strings.Contains(lower, strings.ToLower(a.ix.country[p.iso]))
		}
		if !hit {
			if i, ok := a.ix.orgByID[foldName(n)]; ok {
				for _, ac := range a.ix.orgs[i].Acronyms {
					if strings.Contains(c.Text, ac) {
						hit = true
						break
					}
				}
			}
		}
		if hit && !seen[n] {
			seen[n] = true
			c.Parties = append(c.Parties, n)
		}
	}
	for _, n := range names {
		if len(c.Parties) >= 2 {
			break
		}
		if !seen[n] {
			seen[n] = true
			c.Parties = append(c.Parties, n)
		}
	}
	if c.Parties == nil {
		c.Parties = []string{}
	}
}
