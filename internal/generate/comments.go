package generate

import (
	"fmt"
	"time"

	"github.com/accordhq/accord/internal/accord"
)

var commentStatuses = newWeighted([]string{accord.CommentApproved, accord.CommentPending, accord.CommentSpam, accord.CommentTrash}, []float64{80, 8, 9, 3})

// comments writes readers' comments on published news items, most on a
// few busy items: mostly approved, some waiting in the moderation queue,
// some spam, and now and then the organization's reply to an approved one.
func (g *gen) comments() error {
	if len(g.published) == 0 {
		return nil
	}
	var busy weighted[int] // index into g.published
	for i := range g.published {
		busy.add(i, 1/float64(1+i%50)) // a long tail: few items draw most comments
	}
	var list []*accord.CommentRecord
	approved := map[int64][]*accord.CommentRecord{} // by news item, for replies
	for i := range g.want.Comments {
		n := g.published[busy.draw(g.rng)]
		lang := n.Translations[g.rng.IntN(len(n.Translations))].Lang
		at := latest(*n.PublishAt, g.timeOn(g.dayIn(*n.PublishAt, n.PublishAt.AddDate(0, 0, 20))))
		c := &accord.CommentRecord{NewsID: n.ID, Lang: lang, Status: commentStatuses.draw(g.rng), CreatedAt: at}
		if to := approved[n.ID]; len(to) > 0 && g.chance(0.15) {
			parent := to[g.rng.IntN(len(to))]
			c.ParentID, c.Status, c.ByOrganization = &parent.ID, accord.CommentApproved, true
			c.Name, c.Email, c.Text = "Communication team", "communication@accord.example", "Thank you: the partners will report on progress here."
			c.CreatedAt = latest(c.CreatedAt, parent.CreatedAt.Add(time.Hour))
		} else {
			home := n.Tags[len(n.Tags)-1] // the country the item is about
			code := g.aFocusCountry().code
			c.Name, c.Email = g.firstName(code)+" "+g.lastName(code), fmt.Sprintf("reader%d@example.org", i+1)
			c.Text = fmt.Sprintf("Good to see progress on this in %s. When will the next report be published?", home)
		}
		c.CreatedAt = earliest(c.CreatedAt, g.today)
		list = append(list, c)
		if len(list) < batch && i < g.want.Comments-1 {
			continue
		}
		if err := g.w.Comments(list); err != nil {
			return err
		}
		for _, c := range list {
			if c.Status == accord.CommentApproved && c.ParentID == nil {
				approved[c.NewsID] = append(approved[c.NewsID], c)
			}
		}
		g.progress(len(list))
		list = list[:0]
	}
	return nil
}
