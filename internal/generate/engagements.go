package generate

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/accordhq/accord/internal/accord"
)

// engRef is a written engagement as agreements see it.
type engRef struct {
	id    int64
	day   time.Time
	kind  string
	orgs  []int // indices into g.orgs
	topic int
	about string // the country it was mostly about
}

var engagementKinds = newWeighted([]string{"meeting", "call", "visit", "conference", "signing"}, []float64{50, 20, 12, 10, 8})

// engagements writes the engagements, oldest first, each batch followed by
// the action points agreed at them. Dates run from 2010 to a month ahead
// (planned meetings), more of them in recent years as the office grew;
// only past engagements have action points.
func (g *gen) engagements() error {
	n := g.want.Engagements
	end := g.today.AddDate(0, 0, 30)
	span := end.Sub(since).Hours() / 24
	days := make([]time.Time, n)
	for i := range days {
		days[i] = since.AddDate(0, 0, int(span*math.Pow(g.rng.Float64(), 0.75)))
	}
	slices.SortFunc(days, func(a, b time.Time) int { return a.Compare(b) })
	past := 0
	for past < n && days[past].Before(g.today) {
		past++
	}
	if past == 0 {
		past = n
	}
	quota := g.spread(g.want.ActionPoints, past)
	var es []*accord.Engagement
	var refs []engRef
	for i, day := range days {
		e, ref := g.engagement(day)
		es, refs = append(es, e), append(refs, ref)
		if len(es) < batch && i < n-1 {
			continue
		}
		if err := g.w.Engagements(es); err != nil {
			return err
		}
		var aps []*accord.ActionPoint
		for j, e := range es {
			refs[j].id = e.ID
			k := i - len(es) + 1 + j
			if k < past {
				for range quota[k] {
					aps = append(aps, g.actionPoint(refs[j], e))
				}
			}
		}
		if err := g.w.ActionPoints(aps); err != nil {
			return err
		}
		g.engs = append(g.engs, refs...)
		g.progress(len(es) + len(aps))
		es, refs = es[:0], refs[:0]
	}
	return nil
}

// drawTopic favours health, the office's main field.
func (g *gen) drawTopic() int {
	if g.chance(0.4) {
		return g.rng.IntN(6)
	}
	return g.rng.IntN(len(topics))
}

// drawOrgs draws n distinct organizations; the home organization is among
// them with probability home.
func (g *gen) drawOrgs(n int, home float64) []int {
	var out []int
	if g.chance(home) {
		out = append(out, 0)
	}
	for try := 0; len(out) < n && try < 50; try++ {
		if i := g.partner.draw(g.rng); !slices.Contains(out, i) {
			out = append(out, i)
		}
	}
	return out
}

func (g *gen) engagement(day time.Time) (*accord.Engagement, engRef) {
	ref := engRef{day: day, kind: engagementKinds.draw(g.rng), topic: g.drawTopic(), about: g.aFocusCountry().code}
	ref.orgs = g.drawOrgs(choose(g, []int{2, 2, 2, 2, 2, 3, 3, 3, 4, 4}), 0.7)
	t, about := topics[ref.topic].name, g.countries[ref.about]
	other := topics[(ref.topic+1+g.rng.IntN(len(topics)-1))%len(topics)].name
	loc := g.somewhere()
	city := g.pick(loc.cities)
	a, b := g.orgs[ref.orgs[0]], g.orgs[ref.orgs[1]]
	e := &accord.Engagement{Kind: ref.kind, Date: date(day), DatePrecision: "day", City: city, Country: loc.code, Topics: []string{t}}
	if g.chance(0.5) {
		e.Topics = append(e.Topics, other)
	}
	switch r := g.rng.Float64(); {
	case r < 0.01:
		e.DatePrecision = "year"
	case r < 0.05:
		e.DatePrecision = "month"
	}
	// Participants: someone from each organization, then more from the first.
	want := g.between(2, 4)
	for round := 0; round < 2 && len(e.Participants) < want; round++ {
		for _, i := range ref.orgs {
			o := g.orgs[i]
			if len(o.staff) == 0 || len(e.Participants) == want || round > 0 && i != ref.orgs[0] {
				continue
			}
			s := o.staff[g.rng.IntN(len(o.staff))]
			if !slices.ContainsFunc(e.Participants, func(p accord.Participant) bool { return p.PersonID == s.id }) {
				e.Participants = append(e.Participants, accord.Participant{PersonID: s.id, OrgID: o.id, Title: s.title})
			}
		}
	}
	for _, i := range ref.orgs {
		e.Organizations = append(e.Organizations, accord.EngagementOrg{OrgID: g.orgs[i].id})
	}
	verb := g.pick(meetingVerbs) + " in " + city
	switch ref.kind {
	case "meeting":
		e.Title = g.pick([]string{"Meeting between %[1]s and %[2]s on %[3]s", "%[1]s–%[2]s consultations on %[3]s", "Senior officials' meeting of %[1]s and %[2]s on %[3]s"})
	case "call":
		e.Title, e.City, e.Country = g.pick([]string{"Call with %[2]s on %[3]s", "Videoconference of %[1]s and %[2]s: %[3]s", "Follow-up call on %[3]s with %[2]s"}), "", ""
		verb = "spoke by videoconference"
	case "visit":
		e.Title = g.pick([]string{"Visit of a %[2]s delegation to %[1]s on %[3]s", "Visit to %[4]s on %[3]s with %[2]s", "Field visit of %[1]s and %[2]s to %[4]s"})
	case "conference":
		e.Title = g.pick([]string{"High-level conference on %[3]s (%[4]s, %[5]d)", "Regional forum on %[3]s in %[4]s", "Side event on %[3]s at the %[6]s"})
		verb = "took part in the conference in " + city + ", where they discussed"
	case "signing":
		e.Title = g.pick([]string{"Signing of the memorandum of understanding between %[1]s and %[2]s on %[3]s", "Signing ceremony: %[1]s and %[2]s agreement on %[3]s"})
	}
	e.Title = clip(fmt.Sprintf(e.Title, a.label, b.label, t, city, day.Year(),
		g.pick([]string{"World Health Assembly", "United Nations General Assembly", "Human Rights Council", "OIC Council of Foreign Ministers"})), 300)
	var who []string
	for _, p := range e.Participants {
		for _, i := range ref.orgs {
			if g.orgs[i].id == p.OrgID {
				who = append(who, g.staffName(i, p.PersonID)+", "+p.Title+" of "+g.orgs[i].label)
			}
		}
	}
	if len(who) >= 2 {
		e.Summary = strings.Join(who[:len(who)-1], "; ") + " and " + who[len(who)-1] + " " + verb
	} else {
		e.Summary = a.label + " and " + b.label + " " + verb
	}
	if !strings.HasSuffix(verb, "discussed") {
		e.Summary += " to discuss"
	}
	e.Summary += " " + t + " and " + other + ". " + fmt.Sprintf(g.pick(discussions), about.in)
	if g.chance(0.7) {
		e.Outcomes = fill(g.pick(outcomes), t)
	}
	if g.chance(0.2) {
		e.Sources = []accord.Source{{Title: clip("Press release: "+e.Title, 300),
			URL: fmt.Sprintf("https://press.example.org/%s/%d/%02d/%s", slug(a.label), day.Year(), day.Month(), clip(slug(t), 60))}}
	}
	created := day.AddDate(0, 0, g.between(0, 5))
	if created.After(g.today) {
		created = g.today.AddDate(0, 0, -g.between(0, 30))
	}
	e.CreatedAt = g.timeOn(created)
	e.UpdatedAt = e.CreatedAt
	return e, ref
}

func (g *gen) staffName(org int, person int64) string {
	for _, s := range g.orgs[org].staff {
		if s.id == person {
			return s.name
		}
	}
	return ""
}

// fill formats a template that may or may not use its arguments.
func fill(template string, args ...any) string {
	if !strings.Contains(template, "%") {
		return template
	}
	return fmt.Sprintf(template, args...)
}

// actionPoint is a point agreed at engagement e. Its status follows its due
// date: most old points are done or dropped, recent ones are open, and some
// are left open past their due date: overdue.
func (g *gen) actionPoint(ref engRef, e *accord.Engagement) *accord.ActionPoint {
	a, b := g.orgs[ref.orgs[0]], g.orgs[ref.orgs[1]]
	about := g.countries[ref.about]
	city := g.pick(g.somewhere().cities)
	if len(about.cities) > 0 {
		city = g.pick(about.cities)
	}
	what := choose(g, actionTexts)
	ap := &accord.ActionPoint{EngagementID: e.ID, Text: fill(what.text, a.label, b.label, topics[ref.topic].name, about.in, city)}
	if len(g.owner.items) > 0 && g.chance(0.85) {
		id := g.accounts[g.owner.draw(g.rng)].ID
		ap.OwnerID = &id
	}
	ap.Parties = []accord.EngagementOrg{{OrgID: b.id}}
	if g.chance(0.4) {
		ap.Parties = append(ap.Parties, accord.EngagementOrg{OrgID: a.id})
	}
	due := ref.day.AddDate(0, 0, g.between(14, 240))
	ap.DueDate = date(due)
	ap.Priority = g.pick([]string{"low", "normal", "normal", "normal", "high"})
	created := earliest(ref.day.AddDate(0, 0, g.between(0, 5)), g.today)
	ap.CreatedAt, ap.UpdatedAt = g.timeOn(created), g.timeOn(created)
	// Chances of open, in progress and done; the rest is dropped.
	p := [3]float64{0.65, 0.30, 0.05}
	switch {
	case due.Before(g.today.AddDate(-1, 0, 0)):
		p = [3]float64{0.04, 0.02, 0.80}
	case due.Before(g.today):
		p = [3]float64{0.25, 0.15, 0.50}
	}
	switch r := g.rng.Float64(); {
	case r < p[0]:
		ap.Status = accord.APOpen
	case r < p[0]+p[1]:
		ap.Status = accord.APInProgress
	default:
		closed := g.dayIn(created, earliest(due.AddDate(0, 0, 30), g.today))
		ap.UpdatedAt = g.timeOn(closed)
		if r < p[0]+p[1]+p[2] {
			ap.Status, ap.StatusNote = accord.APDone, fmt.Sprintf(what.done, closed.Format(time.DateOnly))
		} else {
			ap.Status, ap.StatusNote = accord.APDropped, g.pick(dropReasons)
		}
	}
	return ap
}
