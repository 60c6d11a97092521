package generate

import (
	"fmt"
	"math"

	"github.com/accordhq/accord/internal/accord"
)

// users writes the staff of the home organization's office who sign in to
// Accord: an administrator, officers, a few editors and viewers.
func (g *gen) users() error {
	var list []*accord.User
	for i := range g.want.Users {
		ns := g.region("SA")
		if g.chance(0.5) {
			ns = regions[regionNames[g.rng.IntN(len(regionNames))]]
		}
		first, last := g.pick(ns.first), g.pick(ns.last)
		email := slug(first) + "." + slug(last) + "@accord.example"
		for n := 2; g.emails[email]; n++ {
			email = fmt.Sprintf("%s.%s%d@accord.example", slug(first), slug(last), n)
		}
		g.emails[email] = true
		role := accord.RoleOfficer
		switch {
		case i == 0:
			role = accord.RoleAdmin
		case i%9 == 4:
			role = accord.RoleEditor
		case i%10 == 7:
			role = accord.RoleViewer
		}
		lang := g.pick([]string{"", "", "", "", "", "", "", "", "fr", "ar"})
		created := g.timeOn(g.dayIn(since, g.today.AddDate(0, -1, 0)))
		list = append(list, &accord.User{Email: email, Name: first + " " + last, Role: role, Language: lang, CreatedAt: created, UpdatedAt: created})
	}
	if err := g.w.Users(list); err != nil {
		return err
	}
	for i, u := range list {
		g.accounts = append(g.accounts, u)
		if u.Role == accord.RoleOfficer || u.Role == accord.RoleEditor {
			// Some officers follow up far more points than others.
			g.owner.add(i, math.Pow(0.3+g.rng.Float64(), 2))
		}
	}
	g.progress(len(list))
	return nil
}
