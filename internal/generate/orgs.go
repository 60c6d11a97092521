package generate

import (
	"fmt"
	"strings"
	"time"

	"github.com/accordhq/accord/internal/accord"
)

// org is a generated organization as later records see it.
type org struct {
	id        int64
	name      string // English
	label     string // how titles name it: the acronym, else the name
	typ       string
	country   string
	portfolio string // a ministry's field
	domain    string // for e-mail addresses
	staff     []staff
	staffing  float64 // how many people it has, relatively
}

// staff is a person in their current position at an organization.
type staff struct {
	id          int64
	name, title string
}

var since = time.Date(2010, 1, 1, 0, 0, 0, 0, time.UTC)

// organizations writes the real intergovernmental organizations, then
// generated ones: country offices, ministries, agencies, NGOs, foundations,
// universities and companies.
func (g *gen) organizations() error {
	names := map[string]bool{}
	var first []*accord.Organization
	for _, r := range intergovernmental {
		if len(first) == g.want.Organizations {
			break
		}
		o := &accord.Organization{NameEN: r.en, NameFR: r.fr, NameAR: r.ar, Acronym: r.acronym, Type: r.typ, IATIID: r.iati, HQCountry: r.hq, Website: r.web}
		if _, ok := g.countries[r.hq]; !ok {
			o.HQCountry = ""
		}
		if r.parent != "" {
			o.ParentID = &g.orgs[0].id // the home organization's subsidiary organs; written once its ID is known
		}
		names[o.NameEN] = true
		first = append(first, o)
		g.orgs = append(g.orgs, &org{name: r.en, label: r.acronym, typ: r.typ, country: o.HQCountry, domain: slug(r.acronym) + ".example.org", staffing: 12})
	}
	g.orgs[0].staffing = 60
	// The home organization goes first, alone, so that its ID is known to its subsidiary organs.
	if err := g.writeOrgs(first[:1], 0); err != nil {
		return err
	}
	if err := g.writeOrgs(first[1:], 1); err != nil {
		return err
	}
	for i, o := range g.orgs {
		weight := 4.0
		switch {
		case i == 0:
			weight = 0 // drawn apart: it is in most engagements anyway
		case i < 12:
			weight = 40
		case o.typ == "40" || o.typ == "21" || o.typ == "30":
			weight = 12
		}
		g.partner.add(i, weight)
	}
	kinds := weighted[func(int) (*accord.Organization, *org)]{}
	kinds.add(g.countryOffice, 8)
	kinds.add(g.ministry, 18)
	kinds.add(g.agency, 6)
	kinds.add(g.nationalNGO, 30)
	kinds.add(g.regionalNGO, 5)
	kinds.add(g.internationalNGO, 8)
	kinds.add(g.foundation, 7)
	kinds.add(g.academic, 11)
	kinds.add(g.company, 7)
	var list []*accord.Organization
	for len(g.orgs) < g.want.Organizations {
		n := len(g.orgs)
		var o *accord.Organization
		var meta *org
		for try := 0; try < 40; try++ {
			if o, meta = kinds.draw(g.rng)(n); !names[o.NameEN] {
				break
			}
			if try == 39 {
				o.NameEN, meta.name = fmt.Sprintf("%s (%d)", o.NameEN, n), fmt.Sprintf("%s (%d)", meta.name, n)
			}
		}
		names[o.NameEN] = true
		if meta.label == "" {
			meta.label = meta.name
		}
		if meta.domain == "" {
			meta.domain = clip(slug(meta.label), 40) + ".example.org"
		}
		if o.Website == "" && g.chance(0.5) {
			o.Website = "https://www." + meta.domain
		}
		list = append(list, o)
		g.orgs = append(g.orgs, meta)
		g.partner.add(n, partnerWeight(meta)*(0.3+1.4*g.rng.Float64()))
		if len(list) == batch || len(g.orgs) == g.want.Organizations {
			if err := g.writeOrgs(list, len(g.orgs)-len(list)); err != nil {
				return err
			}
			list = list[:0]
		}
	}
	return nil
}

func (g *gen) writeOrgs(list []*accord.Organization, at int) error {
	for _, o := range list {
		created := g.dayIn(since, g.today.AddDate(0, 0, -30))
		o.CreatedAt = g.timeOn(created)
		o.UpdatedAt = g.timeOn(g.dayIn(created, g.today))
	}
	if err := g.w.Organizations(list); err != nil {
		return err
	}
	for i, o := range list {
		g.orgs[at+i].id = o.ID
	}
	g.progress(len(list))
	return nil
}

func partnerWeight(o *org) float64 {
	switch o.typ {
	case "40", "30":
		return 3
	case "10":
		if o.portfolio == "Health" || o.portfolio == "Foreign Affairs" {
			return 5
		}
		return 2.5
	case "21":
		return 3
	case "60":
		return 2
	case "70", "71", "72":
		return 0.6
	}
	return 1
}

// somewhere draws a country that hosts meetings.
func (g *gen) somewhere() *country { return g.countries[g.hubs.draw(g.rng)] }

// aFocusCountry draws a country that activities are for.
func (g *gen) aFocusCountry() *country { return g.countries[g.pick(g.focus)] }

func (g *gen) countryOffice(n int) (*accord.Organization, *org) {
	var parents []int
	for i, o := range g.orgs[:min(len(g.orgs), len(intergovernmental))] {
		for _, p := range officeParents {
			if o.label == p {
				parents = append(parents, i)
			}
		}
	}
	if len(parents) == 0 {
		return g.nationalNGO(n)
	}
	p := g.orgs[parents[g.rng.IntN(len(parents))]]
	c := g.aFocusCountry()
	if g.chance(0.4) {
		c = g.somewhere()
	}
	en, fr, ar := p.label+" Country Office in "+c.in, "Bureau de pays "+p.label+" — "+c.fr, "مكتب "+p.label+" في "+c.ar
	if p.label == "OIC" {
		en, fr, ar = "OIC Office in "+c.in, "Bureau de l'OCI — "+c.fr, "مكتب منظمة التعاون الإسلامي في "+c.ar
	}
	id := p.id
	return &accord.Organization{NameEN: en, NameFR: fr, NameAR: ar, Type: p.typ, HQCountry: c.code, ParentID: &id},
		&org{name: en, typ: p.typ, country: c.code, domain: p.domain, staffing: 2}
}

func (g *gen) ministry(n int) (*accord.Organization, *org) {
	c := g.somewhere()
	if g.chance(0.5) {
		c = g.aFocusCountry()
	}
	p := portfolios[g.rng.IntN(len(portfolios))]
	if g.chance(0.4) {
		p = portfolios[g.rng.IntN(2)] // health and foreign affairs meet most
	}
	en := "Ministry of " + p.en + ", " + c.name
	o := &accord.Organization{NameEN: en, NameFR: "Ministère " + p.fr + " (" + c.fr + ")", NameAR: p.ar + " (" + c.ar + ")", Type: "10", HQCountry: c.code}
	if g.chance(0.4) {
		o.IATIID = fmt.Sprintf("%s-GOV-%d", c.code, 1000+n)
	}
	return o, &org{name: en, typ: "10", country: c.code, portfolio: p.en, domain: "gov-" + strings.ToLower(c.code) + ".example.org", staffing: 2}
}

func (g *gen) agency(n int) (*accord.Organization, *org) {
	c := g.somewhere()
	if g.chance(0.5) {
		c = g.aFocusCountry()
	}
	var en, typ string
	switch g.rng.IntN(4) {
	case 0:
		society := "Red Cross"
		switch countryRegion[c.code] {
		case "arab", "westafrica", "southasia", "centralasia":
			society = "Red Crescent"
		}
		en, typ = c.name+" "+society+" Society", "22"
	case 1:
		en, typ = c.name+" Agency for International Cooperation", "10"
	case 2:
		en, typ = "National Institute of Public Health of "+c.in, "15"
	default:
		en, typ = c.name+" Disaster Management Authority", "10"
	}
	return &accord.Organization{NameEN: en, Type: typ, HQCountry: c.code}, &org{name: en, typ: typ, country: c.code, staffing: 1.5}
}

func (g *gen) nationalNGO(n int) (*accord.Organization, *org) {
	c := g.aFocusCountry()
	if g.chance(0.5) {
		c = g.somewhere()
	}
	field, kind := g.pick(fields), g.pick(ngoKinds)
	var en string
	switch g.rng.IntN(4) {
	case 0:
		en = c.name + " " + kind + " for " + field
	case 1:
		en = g.pick(c.cities) + " " + field + " " + kind
	case 2:
		en = field + " Action " + c.name
	default:
		en = kind + " for " + field + " in " + c.in
	}
	o := &accord.Organization{NameEN: en, Type: "22", HQCountry: c.code}
	meta := &org{name: en, typ: "22", country: c.code, staffing: 1}
	if g.chance(0.4) {
		o.Acronym, meta.label = initials(en), initials(en)
	}
	if g.chance(0.3) {
		o.IATIID = fmt.Sprintf("%s-NGO-%05d", c.code, n)
	}
	return o, meta
}

func (g *gen) regionalNGO(n int) (*accord.Organization, *org) {
	c := g.somewhere()
	en := g.pick(regionAdjectives) + " Network for " + g.pick(fields)
	if g.chance(0.5) {
		en = g.pick(regionAdjectives) + " " + g.pick(fields) + " " + g.pick(ngoKinds)
	}
	return &accord.Organization{NameEN: en, Acronym: initials(en), Type: "23", HQCountry: c.code},
		&org{name: en, label: initials(en), typ: "23", country: c.code, staffing: 1}
}

func (g *gen) internationalNGO(n int) (*accord.Organization, *org) {
	c := g.somewhere()
	field := g.pick(fields)
	var en string
	switch g.rng.IntN(6) {
	case 0:
		en = field + " Without Borders"
	case 1:
		en = "International " + field + " Alliance"
	case 2:
		en = "Global " + field + " Network"
	case 3:
		en = g.lastName(c.code) + " International"
	case 4:
		en = "World Federation for " + field
	default:
		en = field + " International"
	}
	o := &accord.Organization{NameEN: en, Acronym: initials(en), Type: "21", HQCountry: c.code}
	if g.chance(0.4) {
		o.IATIID = fmt.Sprintf("XI-IATI-%05d", n)
	}
	return o, &org{name: en, label: initials(en), typ: "21", country: c.code, staffing: 2}
}

func (g *gen) foundation(n int) (*accord.Organization, *org) {
	c := g.somewhere()
	var en string
	switch g.rng.IntN(4) {
	case 0:
		en = g.lastName(c.code) + " Foundation"
	case 1:
		en = g.firstName(c.code) + " " + g.lastName(c.code) + " Foundation for " + g.pick(fields)
	case 2:
		en = g.pick(c.cities) + " Community Foundation"
	default:
		en = g.lastName(c.code) + " Family Foundation"
	}
	return &accord.Organization{NameEN: en, Type: "60", HQCountry: c.code}, &org{name: en, typ: "60", country: c.code, staffing: 1}
}

func (g *gen) academic(n int) (*accord.Organization, *org) {
	c := g.somewhere()
	city := g.pick(c.cities)
	var en string
	switch g.rng.IntN(5) {
	case 0:
		en = "University of " + city
	case 1:
		en = city + " University"
	case 2:
		en = c.name + " Institute of Public Health"
	case 3:
		en = city + " Centre for " + g.pick(fields) + " Studies"
	default:
		en = city + " School of Public Health"
	}
	return &accord.Organization{NameEN: en, Type: "80", HQCountry: c.code}, &org{name: en, typ: "80", country: c.code, staffing: 1}
}

func (g *gen) company(n int) (*accord.Organization, *org) {
	c := g.somewhere()
	var en string
	switch g.rng.IntN(5) {
	case 0:
		en = g.lastName(c.code) + " & Partners"
	case 1:
		en = g.pick(c.cities) + " Pharmaceuticals"
	case 2:
		en = c.name + " Logistics"
	case 3:
		en = g.lastName(c.code) + " Medical Supplies"
	default:
		en = "Global " + g.pick(fields) + " Solutions"
	}
	en += g.pick([]string{" Ltd", " S.A.", " LLC", ""})
	typ := g.pick([]string{"70", "71", "72"})
	return &accord.Organization{NameEN: en, Type: typ, HQCountry: c.code}, &org{name: en, typ: typ, country: c.code, staffing: 0.5}
}

// initials makes an acronym of a name's significant words: "MSAH".
func initials(name string) string {
	var b strings.Builder
	for _, w := range strings.Fields(name) {
		switch w {
		case "for", "in", "of", "and", "the", "&":
			continue
		}
		r := []rune(w)[0]
		if r >= 'A' && r <= 'Z' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// names draws a region for a country's people, and names from it.
func (g *gen) region(code string) nameSet {
	r, ok := countryRegion[code]
	if !ok || g.chance(0.15) {
		r = regionNames[g.rng.IntN(len(regionNames))]
	}
	return regions[r]
}

func (g *gen) firstName(code string) string { return g.pick(g.region(code).first) }
func (g *gen) lastName(code string) string  { return g.pick(g.region(code).last) }
