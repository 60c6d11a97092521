package generate

import (
	"math"
	"slices"
	"strings"

	"github.com/accordhq/accord/internal/store"
)

// flowBatch is how many flows go to the writer at once, whole families
// together. Larger batches touch each row of the funding totals fewer
// times; 20,000 flows of one or two years touch a few thousand.
const flowBatch = 20_000

// target is what a run of flows is for: an appeal, or a place and a topic
// outside any appeal.
type target struct {
	appeal   *int64
	place    place
	sector   string
	plan     *int64
	from, to int // usage years
	topic    int
}

// flowParties are the organizations flows are drawn from.
type flowParties struct {
	donors       weighted[int]    // a few big donors give most
	implementers []int            // organizations that receive and pass money on
	local        map[string][]int // organizations based in a country
}

// flows writes the flows: 85% tied to appeals (about as many per appeal
// as the square root of its requirement, together covering from 15% to
// 110% of it), the rest outside appeals, year by year. Most are standard;
// some are parked parents split by usage year, some are passed through an
// intermediary (the home organization among them) once or twice.
func (g *gen) flows() error {
	parties := g.flowParties()
	free := g.want.Flows
	var weights []float64
	for _, a := range g.appealRefs {
		weights = append(weights, math.Sqrt(a.usd))
	}
	if len(g.appealRefs) > 0 {
		free = g.want.Flows * 15 / 100
		for i, q := range shares(g.want.Flows-free, weights) {
			g.appealRefs[i].quota = q
		}
	}
	var yearList []int
	var yearWeights []float64
	for y := firstMoneyYear; y <= g.today.Year(); y++ {
		yearList, yearWeights = append(yearList, y), append(yearWeights, yearWeight(y))
	}
	freeByYear := shares(free, yearWeights)
	var list []store.BulkFlow
	flush := func(force bool) error {
		if len(list) == 0 || len(list) < flowBatch && !force {
			return nil
		}
		if err := g.w.Flows(list); err != nil {
			return err
		}
		g.progress(len(list))
		list = make([]store.BulkFlow, 0, flowBatch+100)
		return nil
	}
	next := 0 // the next appeal: they are oldest first, and none starts after this year
	places := g.places()
	for yi, y := range yearList {
		for ; next < len(g.appealRefs) && g.appealRefs[next].from <= y; next++ {
			a := g.appealRefs[next]
			t := target{appeal: &a.id, place: place{a.country, a.group}, sector: a.sector, plan: a.plan, from: a.from, to: a.to, topic: a.topic}
			list = g.flowsFor(list, parties, t, a.quota, a.usd*(0.15+0.95*math.Pow(g.rng.Float64(), 0.7)))
			if err := flush(false); err != nil {
				return err
			}
		}
		// Flows outside appeals, in twenties: each twenty for one place and topic.
		for left := freeByYear[yi]; left > 0; {
			n := min(left, 20)
			t := target{place: places.draw(g.rng), from: y, to: y, topic: g.drawTopic()}
			t.sector = g.sectorOf(t.topic)
			list = g.flowsFor(list, parties, t, n, float64(n)*math.Exp(math.Log(150_000)+g.rng.NormFloat64()))
			left -= n
		}
		if err := flush(false); err != nil {
			return err
		}
	}
	return flush(true)
}

// flowParties ranks the donors: the big funds and banks first, then
// governments' cooperation agencies and foreign ministries, foundations,
// companies and international NGOs in a random order, each giving about
// 1/rank as much as the first.
func (g *gen) flowParties() flowParties {
	p := flowParties{local: map[string][]int{}}
	var ranked []int
	for _, label := range []string{"IsDB", "KSrelief", "WB", "QFFD", "BMGF", "KFAED", "Gavi", "GFATM", "ISF", "AfDB", "OIC", "ADB"} {
		for i, o := range g.orgs {
			if o.label == label {
				ranked = append(ranked, i)
			}
		}
	}
	var rest []int
	for i, o := range g.orgs {
		if slices.Contains(ranked, i) {
			continue
		}
		switch {
		case o.typ == "10" && (o.portfolio == "Foreign Affairs" || strings.Contains(o.name, "Agency for International Cooperation")),
			o.typ == "60", o.typ == "70", o.typ == "21" && i < len(intergovernmental):
			rest = append(rest, i)
		}
		if i < len(intergovernmental) {
			switch o.label {
			case "WHO", "UNICEF", "UNHCR", "WFP", "UNDP", "IOM", "UNFPA", "FAO", "OCHA", "ICRC", "IFRC", "MSF", "IRW", "SCI", "NRC":
				p.implementers = append(p.implementers, i)
			}
		} else if o.typ == "22" || o.typ == "40" || o.typ == "21" || o.typ == "15" {
			p.local[o.country] = append(p.local[o.country], i)
		}
	}
	g.rng.Shuffle(len(rest), func(i, j int) { rest[i], rest[j] = rest[j], rest[i] })
	ranked = append(ranked, rest...)
	if len(ranked) == 0 {
		for i := range g.orgs {
			ranked = append(ranked, i)
		}
	}
	for rank, i := range ranked {
		p.donors.add(i, 1/math.Pow(float64(rank+1), 1.05))
	}
	if len(p.implementers) == 0 {
		p.implementers = []int{0}
	}
	return p
}

// sectorOf is the first purpose code of a topic the database knows.
func (g *gen) sectorOf(topic int) string {
	for _, code := range topics[topic].sectors {
		if g.sectors[code] {
			return code
		}
	}
	return ""
}

// family is a flow with the flows it is split into or passed on as.
type family struct {
	kind string // standard, parked or pass_through: the type of its first flow
	size int    // its flows
}

// flowsFor appends n flows for a target, worth about usd together, in
// families: standard flows, parked parents with their yearly children,
// chains passed through intermediaries.
func (g *gen) flowsFor(list []store.BulkFlow, p flowParties, t target, n int, usd float64) []store.BulkFlow {
	var families []family
	for left := n; left > 0; {
		f := family{"standard", 1}
		switch r := g.rng.Float64(); {
		case left >= 3 && r < 0.03: // a parked parent and two to four years
			f = family{"parked", 1 + g.between(2, min(4, left-1))}
		case left >= 2 && r < 0.06: // passed through once, or twice
			f = family{"pass_through", 2}
			if left >= 3 && g.chance(0.3) {
				f.size = 3
			}
		}
		families = append(families, f)
		left -= f.size
	}
	weights := make([]float64, len(families))
	sum := 0.0
	for i := range weights {
		weights[i] = math.Exp(1.1 * g.rng.NormFloat64())
		sum += weights[i]
	}
	for i, f := range families {
		amount := max(500, usd*weights[i]/sum)
		year := t.from + g.rng.IntN(t.to-t.from+1)
		donor := g.orgs[p.donors.draw(g.rng)]
		switch f.kind {
		case "parked":
			list = append(list, g.parked(t, donor, year, amount, f.size-1)...)
		case "pass_through":
			list = append(list, g.passedThrough(p, t, donor, year, amount, f.size)...)
		default:
			list = append(list, g.standardFlow(p, t, donor, year, amount))
		}
	}
	return list
}

// shares divides total among weights, each share a whole number, the
// remainders going to the largest fractions: the shares add up to total.
func shares(total int, weights []float64) []int {
	out := make([]int, len(weights))
	sum := 0.0
	for _, w := range weights {
		sum += w
	}
	if sum == 0 || total <= 0 {
		return out
	}
	type part struct {
		i    int
		frac float64
	}
	parts := make([]part, len(weights))
	given := 0
	for i, w := range weights {
		exact := float64(total) * w / sum
		out[i] = int(exact)
		given += out[i]
		parts[i] = part{i, exact - float64(out[i])}
	}
	slices.SortStableFunc(parts, func(a, b part) int {
		switch {
		case a.frac > b.frac:
			return -1
		case a.frac < b.frac:
			return 1
		}
		return 0
	})
	for k := 0; given < total; k++ {
		out[parts[k%len(parts)].i]++
		given++
	}
	return out
}
