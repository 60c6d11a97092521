package generate

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/accordhq/accord/internal/accord"
)

// planRef is a written plan as its activities see it.
type planRef struct {
	id         int64
	title      string
	start, end time.Time
	objectives []accord.Objective
	orgs       []int
	topic      int
	about      string
}

// plans writes plans of action, each under one signed agreement (a few
// under two), with two to four objectives.
func (g *gen) plans() error {
	var signed []int
	for i, a := range g.agrs {
		if accord.SignedStatus(a.status) { // plans and activities follow a signed agreement
			signed = append(signed, i)
		}
	}
	if len(signed) == 0 {
		return fmt.Errorf("no signed agreement to make plans of action for")
	}
	var list []*accord.Plan
	var refs []planRef
	for i := range g.want.Plans {
		a := g.agrs[signed[g.rng.IntN(len(signed))]]
		ref := planRef{start: a.start, end: a.end, orgs: slices.Clone(a.orgs), topic: a.topic, about: a.about}
		p := &accord.Plan{Agreements: []accord.PlanAgreement{{AgreementID: a.id}}}
		if g.chance(0.1) {
			if b := g.agrs[signed[g.rng.IntN(len(signed))]]; b.id != a.id {
				p.Agreements = append(p.Agreements, accord.PlanAgreement{AgreementID: b.id})
				for _, o := range b.orgs {
					if !slices.Contains(ref.orgs, o) {
						ref.orgs = append(ref.orgs, o)
					}
				}
			}
		}
		t, about := topics[ref.topic].name, g.countries[ref.about]
		y1, y2 := ref.start.Year(), ref.end.Year()
		var labels []string
		for _, o := range ref.orgs[:min(3, len(ref.orgs))] {
			labels = append(labels, g.orgs[o].label)
		}
		if g.chance(0.5) {
			p.Title = fmt.Sprintf("Plan of Action %s on %s, %d–%d", strings.Join(labels, "–"), t, y1, y2)
		} else {
			p.Title = fmt.Sprintf("Joint Plan of Action for %s in %s (%d–%d)", t, about.in, y1, y2)
		}
		p.Title = clip(p.Title, 300)
		p.StartDate, p.EndDate = date(ref.start), date(ref.end)
		texts := slices.Clone(objectiveTexts)
		g.rng.Shuffle(len(texts), func(i, j int) { texts[i], texts[j] = texts[j], texts[i] })
		for _, text := range texts[:g.between(2, 4)] {
			p.Objectives = append(p.Objectives, accord.Objective{Title: fmt.Sprintf(text, t, about.in)})
		}
		p.Summary = fmt.Sprintf("Puts the agreement into practice: %d objectives on %s, with activities in %s and the wider region, reviewed every year.",
			len(p.Objectives), t, about.in)
		created := earliest(latest(ref.start.AddDate(0, 0, -g.between(0, 60)), since), g.today)
		p.CreatedAt, p.UpdatedAt = g.timeOn(created), g.timeOn(g.dayIn(created, g.today))
		ref.title = p.Title
		list, refs = append(list, p), append(refs, ref)
		if len(list) < batch && i < g.want.Plans-1 {
			continue
		}
		if err := g.w.Plans(list); err != nil {
			return err
		}
		for j, p := range list {
			refs[j].id, refs[j].objectives = p.ID, p.Objectives
		}
		g.planRefs = append(g.planRefs, refs...)
		g.progress(len(list))
		list, refs = list[:0], refs[:0]
	}
	return nil
}

var (
	sectorSplits = [][][]float64{nil, {{100}}, {{60, 40}, {70, 30}, {50, 50}, {80, 20}}, {{50, 30, 20}, {40, 40, 20}, {60, 20, 20}, {34, 33, 33}}}
	kindTitles   = map[string]string{
		"technical_assistance": "Technical assistance to %[1]s on %[2]s",
		"medical_supplies":     "Provision of %[4]s to %[1]s",
		"training":             "Training of %[5]s on %[2]s in %[1]s",
		"capacity_building":    "Capacity building on %[2]s for national institutions in %[1]s",
		"seminar":              "Seminar on %[2]s (%[3]s, %[9]d)",
		"workshop":             "Workshop on %[2]s for %[6]s in %[3]s",
		"vaccine_access":       "Access to %[7]s vaccines for %[1]s",
		"emergency_assistance": "Emergency assistance to people affected by %[8]s in %[1]s",
		"research":             "Study on %[2]s in %[1]s",
		"other":                "Advocacy on %[2]s in %[1]s",
	}
)

// activities writes about ten activities per plan, led and implemented by
// its parties, for its country (and some for a group such as the Sahel),
// classed under DAC sectors that sum to 100%, with budgets.
func (g *gen) activities() error {
	quota := g.spread(g.want.Activities, len(g.planRefs))
	var list []*accord.Activity
	done := 0
	for k, p := range g.planRefs {
		for range quota[k] {
			list = append(list, g.activity(p))
			done++
			if len(list) < batch && done < g.want.Activities {
				continue
			}
			if err := g.w.Activities(list); err != nil {
				return err
			}
			g.progress(len(list))
			list = list[:0]
		}
	}
	return nil
}

func (g *gen) activity(p planRef) *accord.Activity {
	t := topics[p.topic]
	kind := g.pick(t.kinds)
	if g.chance(0.25) {
		kind = g.pick(accord.ActivityKinds)
	}
	lead := p.orgs[g.rng.IntN(len(p.orgs))]
	a := &accord.Activity{PlanID: p.id, Kind: kind, LeadOrgID: g.orgs[lead].id, Countries: []string{p.about}}
	var with []string
	for _, o := range p.orgs {
		if o != lead && g.chance(0.5) {
			a.Implementing = append(a.Implementing, accord.EngagementOrg{OrgID: g.orgs[o].id})
			with = append(with, g.orgs[o].label)
		}
	}
	if g.chance(0.25) {
		if o := g.partner.draw(g.rng); o != lead {
			a.Implementing = append(a.Implementing, accord.EngagementOrg{OrgID: g.orgs[o].id})
			with = append(with, g.orgs[o].label)
		}
	}
	for range g.between(0, 2) {
		a.Countries = append(a.Countries, g.aFocusCountry().code)
	}
	for _, code := range g.groups {
		if code == "SAHEL" && g.chance(0.1) || code == "OIC" && g.chance(0.05) {
			a.Groups = append(a.Groups, code)
		}
	}
	a.Sectors = g.sectorsFor(t)
	about := g.countries[p.about]
	city := g.pick(g.somewhere().cities)
	if len(about.cities) > 0 {
		city = g.pick(about.cities)
	}
	// Dates within the plan's period; the status follows them.
	start := g.dayIn(p.start, latest(p.start, p.end.AddDate(0, 0, -60)))
	end := start.AddDate(0, 0, g.between(60, 540))
	if p.end.After(start) && end.After(p.end) {
		end = p.end
	}
	a.PlannedStart, a.PlannedEnd = date(start), date(end)
	r := g.rng.Float64()
	switch {
	case start.After(g.today):
		a.Status = 1
		if r < 0.05 {
			a.Status = 5
		}
	case end.Before(g.today):
		a.Status = 4
		if r < 0.15 {
			a.Status = 3
		} else if r < 0.25 {
			a.Status = 5
		}
	default:
		a.Status = 2
		if r < 0.1 {
			a.Status = 6
		}
	}
	if a.Status != 1 && a.Status != 5 {
		actual := earliest(start.AddDate(0, 0, g.between(0, 30)), g.today)
		a.ActualStart = date(actual)
		if a.Status == 3 || a.Status == 4 {
			a.ActualEnd = date(latest(actual, earliest(end.AddDate(0, 0, g.between(0, 60)), g.today)))
		}
	}
	if g.chance(0.9) {
		amount := math.Exp(math.Log(20_000) + g.rng.Float64()*(math.Log(5_000_000)-math.Log(20_000)))
		a.Budget, a.Currency = fmt.Sprintf("%d", int64(amount/1000)*1000), g.currencies.draw(g.rng)
	}
	a.Title = clip(fmt.Sprintf(kindTitles[kind], about.in, t.name, city, g.pick(supplies), g.pick(trainees), g.pick(audiences),
		g.pick(vaccines), g.pick(crises), start.Year()), 300)
	a.Description = "Led by " + g.orgs[lead].label
	if len(with) > 0 {
		a.Description += " with " + strings.Join(with, ", ")
	}
	a.Description += ", under the " + p.title + "."
	if len(p.objectives) > 0 && g.chance(0.8) {
		o := p.objectives[g.rng.IntN(len(p.objectives))]
		a.ObjectiveID = &o.ID
		a.Description += " Objective: " + o.Title + "."
	}
	created := earliest(latest(start.AddDate(0, 0, -g.between(0, 60)), since), g.today)
	a.CreatedAt, a.UpdatedAt = g.timeOn(created), g.timeOn(g.dayIn(created, g.today))
	return a
}

// sectorsFor draws one to three purpose codes of the topic's fields (codes
// of the same category stand in for any the database lacks) and splits 100%
// among them.
func (g *gen) sectorsFor(t topic) []accord.ActivitySector {
	var codes []string
	for _, c := range t.sectors {
		if g.sectors[c] {
			codes = append(codes, c)
		}
	}
	for _, c := range t.sectors {
		for _, more := range g.byCategory[c[:3]] {
			if len(codes) >= 3 {
				break
			}
			if !slices.Contains(codes, more) {
				codes = append(codes, more)
			}
		}
	}
	if len(codes) == 0 {
		return nil
	}
	n := min(len(codes), choose(g, []int{1, 1, 1, 1, 2, 2, 2, 3, 3, 3}))
	g.rng.Shuffle(len(codes), func(i, j int) { codes[i], codes[j] = codes[j], codes[i] })
	split := sectorSplits[n][g.rng.IntN(len(sectorSplits[n]))]
	out := make([]accord.ActivitySector, n)
	for i := range out {
		out[i] = accord.ActivitySector{Code: codes[i], Percent: split[i]}
	}
	return out
}
