// Package generate makes a synthetic organization for demonstrations and
// benchmarks: "accord demo --scale N". At scale 1 an external-relations
// office of an intergovernmental organization has about 2,000 partner
// organizations, 6,000 people, 100,000 engagements since 2010, 150,000
// action points, 20,000 agreements, 5,000 plans of action and 50,000
// activities; and, for resource mobilization, 5,000 appeals and 1,000,000
// flows since 2015 (pledges, commitments and payments, money and goods)
// from a few big donors and many small ones, in their countries' currencies
// at monthly exchange rates; and, for the public site, 10,000 news items,
// 30,000 comments and 2,000 messages through the contact form.
// Names are built from real parts (countries, cities, kinds of
// organization, fields, common names of many regions), so lists and search
// behave as they would on real data. The same seed gives
// the same records; dates that matter relative to today (overdue points,
// agreements about to expire, the status of this year's money) are drawn
// relative to Options.Today.
//
// Records are written by the store's BulkWriter in one transaction, without
// audit entries.
package generate

import (
	"context"
	"fmt"
	"maps"
	"math"
	"math/rand/v2"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/store"
)

// Options say what to generate.
type Options struct {
	Scale float64   // 1 is the size above; fractions (0.01) make small worlds for tests
	Seed  uint64    // the same seed gives the same records
	Today time.Time // the day "overdue" and "expiring" are relative to; zero means now
	// Progress, if set, is told how many records were just written.
	Progress func(n int)
}

// Counts are numbers of generated records.
type Counts struct {
	Organizations, People, Users, Engagements, ActionPoints, Agreements, Plans, Activities, Appeals, Flows, News, Comments, Contacts int
}

// Total is the number of records, for progress.
func (c Counts) Total() int {
	return c.Organizations + c.People + c.Users + c.Engagements + c.ActionPoints + c.Agreements + c.Plans + c.Activities + c.Appeals + c.Flows + c.News + c.Comments + c.Contacts
}

// Expected returns what Run generates at scale: each count in proportion,
// with a floor so that the smallest world still has every kind of record.
func Expected(scale float64) Counts {
	n := func(perScale1, floor int) int { return max(floor, int(math.Round(float64(perScale1)*scale))) }
	return Counts{Organizations: n(2000, 12), People: n(6000, 24), Users: n(40, 3), Engagements: n(100000, 40), ActionPoints: n(150000, 60),
		Agreements: n(20000, 12), Plans: n(5000, 6), Activities: n(50000, 20), Appeals: n(5000, 8), Flows: n(1_000_000, 200), News: n(10000, 20), Comments: n(30000, 30), Contacts: n(2000, 10)}
}

// Result is what Run generated.
type Result struct {
	Counts
	// HomeOrgID is the organization whose office uses Accord: it takes part
	// in most engagements, which makes its page the busiest.
	HomeOrgID int64
}

// Run generates a world into db, which must have no organizations yet.
func Run(ctx context.Context, db *store.DB, opt Options) (*Result, error) {
	if opt.Scale <= 0 || opt.Scale > 50 {
		return nil, fmt.Errorf("scale %g: must be more than 0 and at most 50", opt.Scale)
	}
	if opt.Today.IsZero() {
		opt.Today = time.Now()
	}
	admin := accord.WithActor(ctx, accord.SystemActor)
	archived := true
	_, active, err := db.ListOrganizations(admin, accord.OrganizationFilter{PerPage: 1})
	if err != nil {
		return nil, err
	}
	_, old, err := db.ListOrganizations(admin, accord.OrganizationFilter{PerPage: 1, Archived: &archived})
	if err != nil {
		return nil, err
	}
	if active+old > 0 {
		return nil, fmt.Errorf("the database already has %d organizations: demo data is generated only into an empty database (give another --db)", active+old)
	}
	g, err := newGen(admin, db, opt)
	if err != nil {
		return nil, err
	}
	w, err := db.NewBulkWriter(ctx)
	if err != nil {
		return nil, err
	}
	defer w.Rollback()
	g.w = w
	for _, step := range []func() error{g.organizations, g.users, g.people, g.engagements, g.agreements, g.plans, g.activities, g.rates, g.appeals, g.flows, g.news, g.comments, g.contacts} {
		if err := step(); err != nil {
			return nil, err
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
	}
	if err := w.Commit(); err != nil {
		return nil, err
	}
	return &Result{Counts: g.want, HomeOrgID: g.orgs[0].id}, nil
}

// batch is how many records go to the writer at once.
const batch = 1000

// gen holds what generating needs: the random source, reference data and
// the records written so far that later ones refer to.
type gen struct {
	rng      *rand.Rand
	w        *store.BulkWriter
	today    time.Time
	want     Counts
	progress func(int)

	countries  map[string]*country
	hubs       weighted[string] // where engagements take place
	focus      []string         // countries activities are for
	sectors    map[string]bool
	byCategory map[string][]string
	currencies weighted[string]
	groups     []string
	oic        []string        // the member states of the OIC group, if the database has it
	currency   map[string]bool // ISO 4217 codes the database knows

	orgs       []*org
	partner    weighted[int] // index into orgs, by how busy an organization is
	accounts   []*accord.User
	owner      weighted[int] // index into users
	emails     map[string]bool
	engs       []engRef
	agrs       []agrRef
	planRefs   []planRef
	series     map[string][]float64 // monthly exchange rates by currency (see rates.go)
	appealRefs []appealRef
	published  []*accord.NewsItem // written and public, for comments
}

type country struct {
	code, name, in, fr, ar string // in: as after "in", e.g. "the Gambia"
	cities                 []string
}

func newGen(ctx context.Context, db *store.DB, opt Options) (*gen, error) {
	day := opt.Today.UTC()
	g := &gen{rng: rand.New(rand.NewPCG(opt.Seed, 0x5eed_acc0_4d)), today: time.Date(day.Year(), day.Month(), day.Day(), 0, 0, 0, 0, time.UTC),
		want: Expected(opt.Scale), progress: opt.Progress, countries: map[string]*country{}, sectors: map[string]bool{},
		byCategory: map[string][]string{}, emails: map[string]bool{}, currency: map[string]bool{}}
	if g.progress == nil {
		g.progress = func(int) {}
	}
	cs, err := db.Countries(ctx)
	if err != nil {
		return nil, err
	}
	for _, c := range cs {
		name := c.NameEN
		if i := strings.Index(name, " ("); i > 0 {
			name = name[:i]
		}
		in := name
		if o, ok := countryOverride[c.Code]; ok {
			in, name = o, strings.TrimPrefix(o, "the ")
		}
		g.countries[c.Code] = &country{code: c.Code, name: name, in: in, fr: c.NameFR, ar: c.NameAR, cities: cities[c.Code]}
	}
	for _, code := range slices.Sorted(maps.Keys(cities)) {
		if _, ok := g.countries[code]; ok {
			g.hubs.add(code, max(1, hubWeight[code]))
		}
	}
	for _, code := range focusCountries {
		if _, ok := g.countries[code]; ok {
			g.focus = append(g.focus, code)
		}
	}
	if len(g.hubs.items) == 0 || len(g.focus) == 0 {
		return nil, fmt.Errorf("the countries table lacks the countries the generator uses; run accord migrate first")
	}
	sectors, err := db.Codes(ctx, accord.ListSectors)
	if err != nil {
		return nil, err
	}
	for _, s := range sectors {
		g.sectors[s.Code] = true
		g.byCategory[s.Code[:3]] = append(g.byCategory[s.Code[:3]], s.Code)
	}
	currencies, err := db.Codes(ctx, accord.ListCurrencies)
	if err != nil {
		return nil, err
	}
	for _, c := range currencies {
		g.currency[c.Code] = true
	}
	share := map[string]float64{"USD": 70, "EUR": 12, "CHF": 4, "GBP": 4, "SAR": 4, "XOF": 3, "JPY": 3}
	for _, c := range currencies {
		if w, ok := share[c.Code]; ok {
			g.currencies.add(c.Code, w)
		}
	}
	if len(g.currencies.items) == 0 {
		g.currencies.add(currencies[0].Code, 1)
	}
	// Users added before (an administrator, say) keep their addresses.
	for page := 1; ; page++ {
		us, total, err := db.ListUsers(ctx, accord.UserFilter{Page: page, PerPage: 200})
		if err != nil {
			return nil, err
		}
		for _, u := range us {
			g.emails[u.Email] = true
		}
		if page*200 >= total {
			break
		}
	}
	groups, err := db.ListCountryGroups(ctx)
	if err != nil {
		return nil, err
	}
	for _, gr := range groups {
		if gr.Code == "SAHEL" || gr.Code == "OIC" {
			g.groups = append(g.groups, gr.Code)
		}
		if gr.Code == "OIC" {
			g.oic = gr.Members
		}
	}
	return g, nil
}

// weighted draws items in proportion to their weights.
type weighted[T any] struct {
	items []T
	cum   []float64
}

func newWeighted[T any](items []T, weights []float64) weighted[T] {
	var w weighted[T]
	for i, item := range items {
		w.add(item, weights[i])
	}
	return w
}

func (w *weighted[T]) add(item T, weight float64) {
	total := 0.0
	if n := len(w.cum); n > 0 {
		total = w.cum[n-1]
	}
	w.items = append(w.items, item)
	w.cum = append(w.cum, total+weight)
}

func (w *weighted[T]) draw(r *rand.Rand) T {
	x := r.Float64() * w.cum[len(w.cum)-1]
	return w.items[min(sort.SearchFloat64s(w.cum, x), len(w.items)-1)]
}

func (g *gen) pick(list []string) string { return choose(g, list) }

func choose[T any](g *gen, list []T) T { return list[g.rng.IntN(len(list))] }

func earliest(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

func latest(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

func (g *gen) chance(p float64) bool { return g.rng.Float64() < p }

// between returns a whole number from lo to hi, both included.
func (g *gen) between(lo, hi int) int { return lo + g.rng.IntN(hi-lo+1) }

// dayIn returns a day from lo to hi, both included.
func (g *gen) dayIn(lo, hi time.Time) time.Time {
	days := int(hi.Sub(lo).Hours() / 24)
	if days <= 0 {
		return lo
	}
	return lo.AddDate(0, 0, g.rng.IntN(days+1))
}

// timeOn returns a moment during office hours of day, for created_at and updated_at.
func (g *gen) timeOn(day time.Time) time.Time {
	return day.Add(time.Duration(7*3600+g.rng.IntN(11*3600)) * time.Second)
}

func date(t time.Time) accord.Date { return accord.Date(t.Format(time.DateOnly)) }

// spread divides total among n slots, most getting about the mean and a
// few none or several, so that per-record counts look natural but add up.
func (g *gen) spread(total, n int) []int {
	out := make([]int, n)
	if n == 0 {
		return out
	}
	for i := range out {
		out[i] = total / n
	}
	for i := range total % n {
		out[(i*7919)%n]++
	}
	for range n {
		from, to := g.rng.IntN(n), g.rng.IntN(n)
		if out[from] > 0 && out[to] < 3*(total/n+1) {
			out[from]--
			out[to]++
		}
	}
	return out
}

// slug turns a name into lower-case ASCII for e-mail addresses and URLs.
func slug(s string) string {
	var b strings.Builder
	for _, r := range accord.Fold(strings.ReplaceAll(s, "ı", "i")) {
		switch {
		case r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			b.WriteRune(r)
		case r == ' ' || r == '-':
			if b.Len() > 0 && !strings.HasSuffix(b.String(), "-") {
				b.WriteByte('-')
			}
		}
	}
	return strings.Trim(b.String(), "-")
}

// clip shortens a text to at most n characters.
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return strings.TrimSpace(string(r[:n-1])) + "…"
}
