package generate

import (
	"fmt"

	"github.com/accordhq/accord/internal/accord"
)

var (
	contactStatuses   = newWeighted(accord.ContactStatuses, []float64{10, 10, 45, 35})
	contactCategories = newWeighted(accord.ContactCategories, []float64{20, 10, 40, 30})
)

// contacts writes messages sent through the public contact form since
// 2015: most answered or closed, the newest still new or in progress,
// many given to a staff member; each was acknowledged.
func (g *gen) contacts() error {
	var list []*accord.ContactMessage
	for i := range g.want.Contacts {
		code := g.aFocusCountry().code
		at := g.timeOn(g.dayIn(newsSince, g.today))
		sent := at.Add(2 * 60e9)
		m := &accord.ContactMessage{Name: g.firstName(code) + " " + g.lastName(code), Email: fmt.Sprintf("sender%d@example.org", i+1),
			Category: contactCategories.draw(g.rng), Lang: g.pick([]string{"en", "en", "fr", "ar"}),
			Message: fmt.Sprintf("Hello, I would like to know more about your work on %s in %s.", topics[g.drawTopic()].name, g.countries[code].in),
			Status:  contactStatuses.draw(g.rng), AckState: accord.AckSent, AckAttempts: 1, AckSentAt: &sent, CreatedAt: at, UpdatedAt: at}
		if m.Status != accord.ContactNew && len(g.accounts) > 0 {
			m.AssigneeID = &g.accounts[g.rng.IntN(len(g.accounts))].ID
		}
		list = append(list, m)
		if len(list) < batch && i < g.want.Contacts-1 {
			continue
		}
		if err := g.w.ContactMessages(list); err != nil {
			return err
		}
		g.progress(len(list))
		list = list[:0]
	}
	return nil
}
