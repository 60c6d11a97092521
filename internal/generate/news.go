package generate

import (
	"fmt"
	"strings"
	"time"

	"github.com/accordhq/accord/internal/accord"
)

// news writes the public site's news items: most published, since 2015,
// each reporting an engagement of its day or near it; a few drafts and a
// few scheduled for the coming weeks; a third also in French and Arabic.
// The public pages are measured at scale on them.
func (g *gen) news() error {
	// Published items are dated up to today, and never after the moment of
	// writing, which the store holds them to.
	last := earliest(g.today, time.Now().UTC())
	var list []*accord.NewsItem
	for i := range g.want.News {
		list = append(list, g.newsItem(i, last))
		if len(list) < batch && i < g.want.News-1 {
			continue
		}
		if err := g.w.News(list); err != nil {
			return err
		}
		for _, n := range list {
			if n.Status == accord.NewsPublished {
				g.published = append(g.published, n)
			}
		}
		g.progress(len(list))
		list = list[:0]
	}
	return nil
}

func (g *gen) newsItem(i int, last time.Time) *accord.NewsItem {
	e := g.engs[g.rng.IntN(len(g.engs))]
	t, about := topics[e.topic], g.countries[e.about]
	org := g.orgs[e.orgs[len(e.orgs)-1]]
	title := fmt.Sprintf("%s and partners advance %s in %s", org.name, t.name, about.in)
	n := &accord.NewsItem{
		Slug:   fmt.Sprintf("%s-%s-%d", slugWords(t.name), strings.ToLower(about.code), i+1),
		Status: accord.NewsPublished,
		Tags:   []string{t.name, about.name},
		Links:  []accord.NewsLink{{Entity: "engagement", EntityID: e.id}},
		Translations: []accord.NewsTranslation{{Lang: "en", Title: title,
			Summary: fmt.Sprintf("A %s on %s with %s.", strings.ReplaceAll(e.kind, "_", " "), t.name, org.name),
			Body:    fmt.Sprintf("Officials met to take stock of %s in %s and agreed on next steps.\n\nThe partners will report on progress.", t.name, about.in)}},
	}
	publish := g.timeOn(latest(g.dayIn(e.day, e.day.AddDate(0, 0, 7)), newsSince))
	switch {
	case g.chance(0.03):
		n.Status = accord.NewsDraft
	case g.chance(0.02):
		n.Status = accord.NewsScheduled
		at := g.timeOn(g.today.AddDate(0, 0, g.between(1, 30)))
		n.PublishAt = &at
	default:
		publish = earliest(publish, last)
		n.PublishAt = &publish
	}
	if g.chance(0.3) {
		n.Translations = append(n.Translations,
			accord.NewsTranslation{Lang: "fr", Title: fmt.Sprintf("%s et ses partenaires : %s", org.name, t.name), Summary: "Réunion de travail.", Body: "Les partenaires ont fait le point."},
			accord.NewsTranslation{Lang: "ar", Title: fmt.Sprintf("%s وشركاؤها", org.name), Summary: "اجتماع عمل.", Body: "استعرض الشركاء التقدم المحرز."})
	}
	return n
}

// newsSince is the day of the oldest news.
var newsSince = time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC)

// slugWords is words as a slug: lower case a-z and digits, single hyphens.
func slugWords(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
		case b.Len() > 0 && !strings.HasSuffix(b.String(), "-"):
			b.WriteByte('-')
		}
	}
	return strings.Trim(b.String(), "-")
}
