package generate

import (
	"fmt"
	"strings"

	"github.com/accordhq/accord/internal/accord"
)

var (
	homeTitles = []string{"Secretary-General", "Assistant Secretary-General for Humanitarian, Cultural and Social Affairs",
		"Assistant Secretary-General for Economic Affairs", "Assistant Secretary-General for Science and Technology",
		"Assistant Secretary-General for Political Affairs", "Director of Humanitarian Affairs", "Director of International Cooperation",
		"Director of Health", "Permanent Observer to the United Nations Office at Geneva", "Head of Protocol", "Senior Programme Officer",
		"Programme Officer", "Partnerships Officer", "Humanitarian Affairs Officer", "Legal Adviser"}
	whoRegions = []string{"Africa", "the Eastern Mediterranean", "Europe", "South-East Asia", "the Americas", "the Western Pacific"}
	adgAreas   = []string{"Emergency Preparedness", "Health Systems", "External Relations", "Programmes", "Operations", "Partnerships"}
)

// people writes the people: the head of every organization first, then
// staff where organizations are big; some hold two positions at once
// (an Assistant Secretary-General and Special Envoy), some held one before.
func (g *gen) people() error {
	var staffing weighted[int]
	for i, o := range g.orgs {
		staffing.add(i, o.staffing)
	}
	var list []*accord.Person
	var at []int // list[i] works at g.orgs[at[i]]
	for n := range g.want.People {
		i := n
		if n >= len(g.orgs) {
			i = staffing.draw(g.rng)
		}
		list = append(list, g.person(i, n < len(g.orgs)))
		at = append(at, i)
		if len(list) == batch || n == g.want.People-1 {
			if err := g.w.People(list); err != nil {
				return err
			}
			for j, p := range list {
				o := g.orgs[at[j]]
				o.staff = append(o.staff, staff{id: p.ID, name: p.Name, title: p.Positions[0].Title})
			}
			g.progress(len(list))
			list, at = list[:0], at[:0]
		}
	}
	return nil
}

func (g *gen) person(i int, head bool) *accord.Person {
	o := g.orgs[i]
	code := o.country
	if o.typ == "40" || o.typ == "21" || o.typ == "30" {
		code = "" // international staff come from everywhere
	}
	ns := g.region(code)
	first, last := g.pick(ns.first), g.pick(ns.last)
	name := first + " " + last
	if g.chance(0.08) {
		name = first + " " + g.pick(ns.first) + " " + last
	}
	title := g.title(i, head)
	p := &accord.Person{Name: name}
	switch {
	case strings.HasPrefix(title, "Minister") || strings.HasPrefix(title, "Ambassador") || head && o.typ == "40" && g.chance(0.4):
		p.Honorific = g.pick([]string{"H.E.", "H.E.", "Ambassador"})
	case strings.HasPrefix(title, "Professor"):
		p.Honorific = "Prof."
	case g.chance(0.2):
		p.Honorific = "Dr."
	}
	from := accord.Date("")
	if g.chance(0.6) {
		from = date(g.dayIn(since.AddDate(-2, 0, 0), g.today.AddDate(0, -2, 0)))
	}
	p.Positions = []accord.Position{{Title: title, OrgID: o.id, From: from}}
	if (o.typ == "40" || o.typ == "10") && g.chance(0.1) {
		p.Positions = append(p.Positions, accord.Position{Title: "Special Envoy to " + g.aFocusCountry().in, OrgID: o.id, From: from})
	}
	if g.chance(0.15) {
		before := g.orgs[g.partner.draw(g.rng)]
		end := g.dayIn(since, g.today.AddDate(-1, 0, 0))
		if from != "" {
			end = from.Time().AddDate(0, 0, -1)
		}
		p.Positions = append(p.Positions, accord.Position{Title: g.pick(typeTitles(before.typ)[1:]), OrgID: before.id,
			From: date(end.AddDate(-g.between(1, 6), 0, 0)), To: date(end)})
	}
	if g.chance(0.6) {
		p.Email = slug(first) + "." + slug(last) + "@" + o.domain
	}
	if g.chance(0.25) {
		p.Phone = fmt.Sprintf("+%d %d %03d %04d", g.between(20, 99), g.between(10, 99), g.rng.IntN(1000), g.rng.IntN(10000))
	}
	if g.chance(0.05) {
		p.Notes = fmt.Sprintf("Met at the conference on %s in %s.", choose(g, topics[:12]).name, g.pick(g.somewhere().cities))
	}
	created := g.dayIn(since, g.today.AddDate(0, 0, -7))
	p.CreatedAt = g.timeOn(created)
	p.UpdatedAt = g.timeOn(g.dayIn(created, g.today))
	return p
}

// title is a position at organization i: its head's, or another.
func (g *gen) title(i int, head bool) string {
	o := g.orgs[i]
	list := typeTitles(o.typ)
	if i == 0 {
		list = homeTitles
	}
	t := list[0]
	if !head {
		t = list[1+g.rng.IntN(len(list)-1)]
	}
	switch {
	case o.portfolio != "" && (t == "Minister" || t == "Deputy Minister"):
		t += " of " + o.portfolio
	case t == "Ambassador and Permanent Representative" && g.countries[o.country] != nil:
		t += " of " + g.countries[o.country].name + " to the United Nations Office at Geneva"
	case t == "Country Representative":
		t += " in " + g.aFocusCountry().in
	case t == "Regional Director":
		t += " for " + g.pick(whoRegions)
	case t == "Assistant Director-General":
		t += " for " + g.pick(adgAreas)
	}
	return t
}
