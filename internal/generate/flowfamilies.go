package generate

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/store"
)

// goods are what in-kind contributions bring, by field, at a price per
// unit in US dollars between lo and hi.
var goods = map[string][]struct {
	unit   string
	lo, hi float64
}{
	"health": {{"vaccine doses", 2, 20}, {"medical kits", 250, 1500}, {"emergency health kits", 3000, 8000}, {"cold-chain refrigerators", 2500, 6000}},
	"food":   {{"tonnes of food", 450, 900}, {"nutrition kits", 30, 80}},
	"water":  {{"hygiene kits", 20, 45}, {"water tanks", 300, 900}},
	"other":  {{"tents", 200, 450}, {"school kits", 10, 25}, {"solar lamps", 15, 40}},
}

// field is what goods fit a purpose code.
func field(sector string) string {
	switch {
	case strings.HasPrefix(sector, "12"):
		return "health"
	case strings.HasPrefix(sector, "52"), sector == "72040", strings.HasPrefix(sector, "311"):
		return "food"
	case strings.HasPrefix(sector, "14"):
		return "water"
	}
	return "other"
}

// newFlow is a flow of a target from a donor in a usage year, recorded on
// day, worth usd in the donor's currency (or in goods), with its history.
func (g *gen) newFlow(t target, donor *org, year int, day time.Time, usd float64, status string) store.BulkFlow {
	f := &accord.Flow{Status: status, Type: "standard", Contribution: "financial", SourceOrgID: donor.id, Country: t.place.country,
		Group: t.place.group, Sector: t.sector, PlanID: t.plan, AppealID: t.appeal, ValueDate: date(day), Year: year}
	g.money(f, g.currencyOf(donor), usd, day)
	history, last := g.history(status, day)
	f.CreatedAt, f.UpdatedAt = g.timeOn(day), g.timeOn(last)
	return store.BulkFlow{Flow: f, History: history}
}

// money sets a flow's amount in a currency at the rate of day; US dollars
// are left for the writer to put at rate 1, as CreateFlow does.
func (g *gen) money(f *accord.Flow, currency string, usd float64, day time.Time) {
	v, rate, set := g.rateOn(currency, day)
	f.Currency, f.Amount = currency, strconv.FormatFloat(math.Max(1, math.Round(usd*v)), 'f', 0, 64)
	if currency != accord.ReportingCurrency {
		f.Rate, f.RateDate, f.RateSource = rate, set, "monthly average (generated, illustrative)"
	}
}

// standardFlow is money, or now and then goods, given once.
func (g *gen) standardFlow(p flowParties, t target, donor *org, year int, usd float64) store.BulkFlow {
	day := g.valueDay(year)
	bf := g.newFlow(t, donor, year, day, usd, g.statusFor(year))
	f := bf.Flow
	to := g.recipient(p, t.place)
	if to >= 0 {
		id := g.orgs[to].id
		f.DestOrgID = &id
	}
	_, in := g.placeNames(t.place)
	if g.chance(0.12) {
		items := goods[field(t.sector)]
		item := items[g.rng.IntN(len(items))]
		price := item.lo + (item.hi-item.lo)*g.rng.Float64()
		n := math.Max(1, math.Round(usd/price))
		f.Contribution, f.Quantity, f.Unit = "in_kind", strconv.FormatFloat(n, 'f', 0, 64), item.unit
		f.Currency, f.Rate, f.RateDate, f.RateSource = accord.ReportingCurrency, "", "", ""
		f.Amount = strconv.FormatFloat(math.Max(1, math.Round(n*price)), 'f', 0, 64)
		f.Description = clip(fmt.Sprintf("%s %s for %s, from %s", thousands(int64(n)), item.unit, in, donor.label), 300)
		return bf
	}
	if to >= 0 {
		f.Description = fmt.Sprintf("%s to %s: %s in %s, %d", donor.label, g.orgs[to].label, topics[t.topic].name, in, year)
	} else {
		f.Description = fmt.Sprintf("%s for %s: %s, %d", donor.label, in, topics[t.topic].name, year)
	}
	f.Description = clip(f.Description, 300)
	return bf
}

// parked is a multi-year parent recorded in its first year and split into
// one child per usage year (years may run past this one: pledges for the
// years ahead), the whole of it or most.
func (g *gen) parked(t target, donor *org, year int, usd float64, years int) []store.BulkFlow {
	day := g.valueDay(year)
	parentStatus := g.statusFor(year)
	if parentStatus == accord.FlowPledge && g.chance(0.7) {
		parentStatus = accord.FlowCommitment // a multi-year agreement is mostly signed
	}
	parent := g.newFlow(t, donor, year, day, usd, parentStatus)
	parent.Type = "parked"
	_, in := g.placeNames(t.place)
	parent.Description = clip(fmt.Sprintf("%s multi-year contribution for %s: %s, %d–%d", donor.label, in, topics[t.topic].name, year, year+years-1), 300)
	total, _ := strconv.ParseInt(parent.Amount, 10, 64)
	if g.chance(0.3) {
		total = int64(float64(total) * (0.8 + 0.15*g.rng.Float64())) // not all of it allocated to years yet
	}
	weights := make([]float64, years)
	for i := range weights {
		weights[i] = 0.7 + 0.6*g.rng.Float64()
	}
	amounts := shares(int(total), weights)
	out := []store.BulkFlow{parent}
	for i := range years {
		y := year + i
		status := g.statusFor(y)
		if !accord.CanBecome(status, parentStatus) {
			status = parentStatus
		}
		child := g.childOf(parent.Flow, int64(amounts[i]), status)
		child.Year = y
		child.Description = clip(fmt.Sprintf("%s for %s: %s, %d tranche", donor.label, in, topics[t.topic].name, y), 300)
		bf := store.BulkFlow{Flow: child, Parent: parent.Flow}
		var last time.Time
		bf.History, last = g.history(status, day)
		child.UpdatedAt = g.timeOn(last)
		out = append(out, bf)
	}
	fitChildren(parent.Flow, out[1:])
	return out
}

// passedThrough is money given to an intermediary (the home organization
// now and then, else a large agency) that passes it on, most of it, to an
// organization in the country, which may pass it on once more.
func (g *gen) passedThrough(p flowParties, t target, donor *org, year int, usd float64, links int) []store.BulkFlow {
	via := p.implementers[g.rng.IntN(len(p.implementers))]
	if g.chance(0.3) && g.orgs[0] != donor {
		via = 0
	}
	day := g.valueDay(year)
	first := g.newFlow(t, donor, year, day, usd, g.statusFor(year))
	first.Type = "pass_through"
	viaID := g.orgs[via].id
	first.DestOrgID = &viaID
	_, in := g.placeNames(t.place)
	first.Description = clip(fmt.Sprintf("%s through %s for %s: %s, %d", donor.label, g.orgs[via].label, in, topics[t.topic].name, year), 300)
	out := []store.BulkFlow{first}
	from := via
	for i := 1; i < links; i++ {
		before := out[len(out)-1].Flow
		amount, _ := strconv.ParseInt(before.Amount, 10, 64)
		status := g.statusFor(year)
		if !accord.CanBecome(status, before.Status) {
			status = before.Status
		}
		child := g.childOf(before, int64(float64(amount)*(0.85+0.15*g.rng.Float64())), status)
		to := g.recipient(p, t.place)
		if to < 0 || to == from {
			to = p.implementers[g.rng.IntN(len(p.implementers))]
		}
		toID := g.orgs[to].id
		child.SourceOrgID, child.DestOrgID = g.orgs[from].id, &toID
		if i < links-1 {
			child.Type = "pass_through"
		}
		child.Description = clip(fmt.Sprintf("%s to %s: %s in %s (passed on from %s)", g.orgs[from].label, g.orgs[to].label, topics[t.topic].name, in, donor.label), 300)
		bf := store.BulkFlow{Flow: child, Parent: before}
		var last time.Time
		bf.History, last = g.history(status, day)
		child.UpdatedAt = g.timeOn(last)
		out = append(out, bf)
		from = to
	}
	return out
}

// childOf is a part of parent in its currency, at its rate, of the same
// target, recorded on the same day.
func (g *gen) childOf(parent *accord.Flow, amount int64, status string) *accord.Flow {
	c := *parent
	c.ID, c.ParentID, c.Type, c.Status = 0, nil, "standard", status
	c.Amount = strconv.FormatInt(max(0, amount), 10)
	return &c
}

// fitChildren takes a unit off the last children until, counted in US
// cents as the store counts them, they add up to no more than their
// parent: each is rounded to the cent on its own.
func fitChildren(parent *accord.Flow, children []store.BulkFlow) {
	rate := parent.Rate
	if rate == "" {
		return // US dollars: whole dollars add up exactly
	}
	usdCents := func(amount string) int64 {
		v, _ := accord.Convert(amount, rate)
		whole, frac, _ := strings.Cut(v, ".")
		n, _ := strconv.ParseInt(whole+frac, 10, 64)
		return n
	}
	limit := usdCents(parent.Amount)
	for k := len(children) - 1; ; {
		sum := int64(0)
		for _, c := range children {
			sum += usdCents(c.Amount)
		}
		if sum <= limit {
			return
		}
		last := children[k].Flow
		n, _ := strconv.ParseInt(last.Amount, 10, 64)
		if n == 0 {
			k--
			continue
		}
		last.Amount = strconv.FormatInt(n-1, 10)
	}
}

// statusFor draws how far a flow of a usage year has come: most of the
// past is paid, this year is half way, the years ahead are promises.
func (g *gen) statusFor(year int) string {
	r, now := g.rng.Float64(), g.today.Year()
	var pledged, committed float64
	switch {
	case year < now-1:
		pledged, committed = 0.08, 0.18
	case year == now-1:
		pledged, committed = 0.15, 0.30
	case year == now:
		pledged, committed = 0.35, 0.35
	default:
		pledged, committed = 0.6, 0.4
	}
	switch {
	case r < pledged:
		return accord.FlowPledge
	case r < pledged+committed:
		return accord.FlowCommitment
	}
	return accord.FlowPaid
}

// history is how a flow came to its status from the day it was recorded:
// pledged first or straight committed or paid, each step some weeks after
// the one before, never after today. It returns the last day too.
func (g *gen) history(status string, day time.Time) ([]accord.FlowEvent, time.Time) {
	var path []string
	r := g.rng.Float64()
	switch status {
	case accord.FlowPaid:
		path = []string{accord.FlowPaid}
		if r < 0.35 {
			path = accord.FlowStatuses
		} else if r < 0.7 {
			path = []string{accord.FlowCommitment, accord.FlowPaid}
		}
	case accord.FlowCommitment:
		path = []string{accord.FlowCommitment}
		if r < 0.45 {
			path = []string{accord.FlowPledge, accord.FlowCommitment}
		}
	default:
		path = []string{accord.FlowPledge}
	}
	out := make([]accord.FlowEvent, len(path))
	for i, s := range path {
		if i > 0 {
			day = latest(day, earliest(day.AddDate(0, 0, g.between(14, 150)), g.today))
		}
		out[i] = accord.FlowEvent{Status: s, Date: date(day), By: g.someone(), At: g.timeOn(day)}
	}
	return out, day
}

// valueDay is the day a flow of a usage year was recorded: in that year,
// never after today; for a year ahead, in the last six months.
func (g *gen) valueDay(year int) time.Time {
	if year > g.today.Year() {
		return g.dayIn(g.today.AddDate(0, -6, 0), g.today)
	}
	return g.dayIn(time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC), earliest(time.Date(year, 12, 31, 0, 0, 0, 0, time.UTC), g.today))
}

// recipient draws who receives a flow, as an index into g.orgs, or -1 for
// the country itself: the home organization, a large agency, or an
// organization based in the country.
func (g *gen) recipient(p flowParties, pl place) int {
	switch r := g.rng.Float64(); {
	case r < 0.08:
		return 0
	case r < 0.43:
		return p.implementers[g.rng.IntN(len(p.implementers))]
	case r < 0.73:
		if local := p.local[pl.country]; len(local) > 0 {
			return local[g.rng.IntN(len(local))]
		}
		return p.implementers[g.rng.IntN(len(p.implementers))]
	}
	return -1
}

// thousands writes 500000 as 500,000.
func thousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
