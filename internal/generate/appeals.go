package generate

import (
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/accordhq/accord/internal/accord"
)

// firstMoneyYear is the first year of appeals and flows.
const firstMoneyYear = 2015

// appealRef is a written appeal as its flows see it.
type appealRef struct {
	id                     int64
	country, group, sector string
	plan                   *int64
	from, to               int // years of its period
	usd                    float64
	topic                  int
	quota                  int // flows tied to it
}

// place is where an appeal or a flow goes: a country or a group.
type place struct{ country, group string }

// places draws where needs are: Afghanistan and the Sahel above all, then
// the crises an OIC office works for, then the other member states; now and
// then a whole group.
func (g *gen) places() weighted[place] {
	var w weighted[place]
	sahel := []string{"ML", "NE", "BF", "TD", "MR"}
	for _, code := range g.focus {
		switch {
		case code == "AF":
			w.add(place{country: code}, 30)
		case slices.Contains(sahel, code):
			w.add(place{country: code}, 9)
		default:
			w.add(place{country: code}, 3)
		}
	}
	for _, code := range g.oic {
		if _, ok := g.countries[code]; ok && !slices.Contains(g.focus, code) {
			w.add(place{country: code}, 0.6)
		}
	}
	for _, code := range g.groups {
		weight := 6.0
		if code == "SAHEL" {
			weight = 16
		}
		w.add(place{group: code}, weight)
	}
	return w
}

// yearWeight: more appeals and flows in recent years, and a bump for COVID-19.
func yearWeight(y int) float64 {
	w := 1 + 0.12*float64(y-firstMoneyYear)
	if y == 2020 || y == 2021 {
		w *= 1.4
	}
	return w
}

// moneyYears draws the years of appeals, up to this one.
func (g *gen) moneyYears() weighted[int] {
	var w weighted[int]
	for y := firstMoneyYear; y <= g.today.Year(); y++ {
		w.add(y, yearWeight(y))
	}
	return w
}

var (
	appealTitles = []string{
		"%[1]s: %[2]s requirements, %[3]s",
		"%[2]s response in %[4]s, %[3]s",
		"Humanitarian needs in %[4]s: %[2]s (%[3]s)",
		"Joint appeal for %[2]s in %[4]s, %[3]s",
	}
	revisionReasons = []string{"Mid-year review of needs.", "Revised after a new needs assessment.", "Scaled up after the floods.",
		"Reduced: part of the response moved to the development plan.", "Updated to the new population figures."}
)

// appeals writes appeals, oldest first: for a country or a group, a sector
// of their topic, often a plan of action for the same country, over one
// year (a few over two or three), some revised during their period.
func (g *gen) appeals() error {
	places, years := g.places(), g.moneyYears()
	plansFor := map[string][]int{}
	for i, p := range g.planRefs {
		plansFor[p.about] = append(plansFor[p.about], i)
	}
	refs := make([]appealRef, g.want.Appeals)
	list := make([]*accord.Appeal, g.want.Appeals)
	for i := range list {
		list[i], refs[i] = g.appeal(places.draw(g.rng), years.draw(g.rng), plansFor)
	}
	// Oldest first, so that the flows, written appeal by appeal, come year by year.
	order := make([]int, len(list))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return refs[a].from - refs[b].from })
	for start := 0; start < len(order); start += batch {
		var chunk []*accord.Appeal
		for _, i := range order[start:min(len(order), start+batch)] {
			chunk = append(chunk, list[i])
		}
		if err := g.w.Appeals(chunk); err != nil {
			return err
		}
		for _, i := range order[start:min(len(order), start+batch)] {
			refs[i].id = list[i].ID
			g.appealRefs = append(g.appealRefs, refs[i])
		}
		g.progress(len(chunk))
	}
	return nil
}

func (g *gen) appeal(p place, year int, plansFor map[string][]int) (*accord.Appeal, appealRef) {
	ref := appealRef{country: p.country, group: p.group, from: year, to: year, topic: g.drawTopic()}
	if g.chance(0.25) {
		ref.to = min(g.today.Year(), year+g.between(1, 2))
	}
	t := topics[ref.topic]
	for _, code := range t.sectors {
		if g.sectors[code] {
			ref.sector = code
			break
		}
	}
	if ps := plansFor[p.country]; len(ps) > 0 && g.chance(0.5) {
		id := g.planRefs[ps[g.rng.IntN(len(ps))]].id
		ref.plan = &id
	}
	// Requirements spread over four orders of magnitude, larger for
	// Afghanistan and for whole groups.
	usd := math.Exp(math.Log(8e6) + 1.2*g.rng.NormFloat64())
	if p.country == "AF" {
		usd *= 3
	}
	if p.group != "" {
		usd *= 4
	}
	usd = min(max(usd, 1e5), 2e9)
	ref.usd = usd
	start := time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC)
	end := time.Date(ref.to, 12, 31, 0, 0, 0, 0, time.UTC)
	flash := g.chance(0.15) && ref.to == year
	if flash { // a flash appeal, for six months from the day of the crisis
		start = g.dayIn(start, earliest(time.Date(year, 12, 1, 0, 0, 0, 0, time.UTC), g.today))
		end = start.AddDate(0, 6, 0)
	}
	currency := accord.ReportingCurrency
	if r := g.rng.Float64(); r < 0.15 {
		currency = choose(g, []string{"EUR", "CHF", "GBP", "SAR"})
		if g.series[currency] == nil {
			currency = accord.ReportingCurrency
		}
	}
	v, rate, _ := g.rateOn(currency, start)
	amount := wholeThousands(usd * v)
	a := &accord.Appeal{Country: p.country, Group: p.group, Sector: ref.sector, PlanID: ref.plan, Start: date(start), End: date(end),
		Amount: amount, Currency: currency, Rate: rate}
	name, in := g.placeNames(p)
	period := fmt.Sprint(year)
	if ref.to > year {
		period = fmt.Sprintf("%d–%d", year, ref.to)
	}
	if flash {
		a.Title = clip(fmt.Sprintf("Flash appeal: %s in %s (%d)", g.pick(crises), in, year), 300)
	} else {
		a.Title = clip(fmt.Sprintf(g.pick(appealTitles), name, capitalize(t.name), period, in), 300)
	}
	a.Description = fmt.Sprintf("What is needed for %s in %s over %s, as agreed with the national authorities and partners (illustrative).", t.name, in, period)
	created := earliest(start.AddDate(0, 0, -g.between(0, 45)), g.today)
	a.CreatedAt, a.UpdatedAt = g.timeOn(created), g.timeOn(created)
	if g.chance(0.2) {
		// Revised once or twice: each revision keeps the requirement before it.
		before := usd * (0.7 + 0.6*g.rng.Float64())
		day := created
		for range g.between(1, 2) {
			day = earliest(day.AddDate(0, g.between(1, 5), 0), g.today)
			a.Revisions = append(a.Revisions, accord.Revision{Date: date(day), AmountUSD: fmt.Sprintf("%.2f", math.Round(before)),
				Reason: g.pick(revisionReasons), By: g.someone()})
			before = usd * (0.8 + 0.4*g.rng.Float64())
		}
		a.UpdatedAt = g.timeOn(day)
	}
	return a, ref
}

// placeNames names a place as a title starts with it and as after "in".
func (g *gen) placeNames(p place) (name, in string) {
	if p.group != "" {
		switch p.group {
		case "SAHEL":
			return "Sahel", "the Sahel"
		case "OIC":
			return "OIC member states", "OIC member states"
		}
		return p.group, p.group
	}
	c := g.countries[p.country]
	return c.name, c.in
}

// wholeThousands writes an amount rounded to the thousand: 1250000.
func wholeThousands(v float64) string {
	return fmt.Sprintf("%.0f", math.Max(1000, math.Round(v/1000)*1000))
}

func capitalize(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}

// someone is the e-mail address of a generated user, for who did what.
func (g *gen) someone() string {
	if len(g.accounts) == 0 {
		return "system"
	}
	return g.accounts[g.rng.IntN(len(g.accounts))].Email
}
