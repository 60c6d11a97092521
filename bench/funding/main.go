// Command funding measures the funding dashboards at scale: the leadership
// overview (/app/funding, with its map and charts), the table by country,
// partner, sector, plan, appeal and year, the world map alone, and GET
// /api/v1/funding?by=country with an API token, on a generated organization
// (package generate, as "accord demo --scale 1" makes it: a million flows,
// 5,000 appeals), at 16 concurrent signed-in users, against GET /healthz
// under the same load. Beside each it prints the floor: the dashboard's
// core aggregate, the GROUP BY over the flows that the page would need
// without the totals kept on write, run in the database's own shell
// (sqlite3 with the application's cache and memory-mapping pragmas, or
// psql) several times, the median; and the read of funding_totals that the
// store runs instead, timed the same way.
//
//	go run ./bench/funding [-db sqlite|postgres] [-scale 1] [-seed 1] [-c 16] [-d 10s] [-think 0] [-runs 7] [-dsn DSN] [-only NAME|PATH] [-cpuprofile FILE]
//
// By default each user sends its next request as soon as the last one is
// answered (the machine at saturation); -think 1s makes each pause about a
// second between clicks. A partner's overview (a big donor's focal point,
// whose figures are counted from its own flows) is measured too.
//
// SQLite runs on a fresh file in a temporary directory; PostgreSQL on the
// database accord_bench4 at 127.0.0.1 (user postgres, trust authentication),
// dropped and created anew. -dsn DSN measures a database generated before
// instead (sqlite:FILE or postgres://…), to try a change without
// generating again (about 2 minutes on SQLite, 3 on PostgreSQL). A
// PostgreSQL database is vacuumed before the runs, so that the partner's
// counts read the indexes alone.
//
// After the runs, each page is also timed once just after a write that
// changes every funding figure (a donor renamed), the median of five: the
// pages keep what they counted and rendered until the figures change, and
// this is what the first reader after a change waits.
//
// Targets: every dashboard p99 < 100 ms at 16 users; page p50 within 2× of
// the floor.
package main

import (
	"cmp"
	"context"
	"flag"
	"fmt"
	"io"
	"log"
	"net/http"
	"os"
	"os/exec"
	"regexp"
	"runtime"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/accordhq/accord/bench/internal/benchkit"
	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/app"
	"github.com/accordhq/accord/internal/auth"
	"github.com/accordhq/accord/internal/store"
)

const (
	pgDatabase = "accord_bench4"
	target     = 100 * time.Millisecond
)

// page is a dashboard and the breakdown its core aggregate groups by.
type page struct {
	name, path, by string
	client         *http.Client
	queries        int
	result         benchkit.Result
	floor, totals  time.Duration
	afterWrite     time.Duration
}

func main() {
	dbKind := flag.String("db", "sqlite", "sqlite or postgres")
	scale := flag.Float64("scale", 1, "size of the generated organization (1: a million flows)")
	seed := flag.Uint64("seed", 1, "generator seed")
	conc := flag.Int("c", 16, "concurrent users")
	dur := flag.Duration("d", 10*time.Second, "duration of each run")
	think := flag.Duration("think", 0, "each user's pause between requests (0: back to back, the machine's saturation)")
	runs := flag.Int("runs", 7, "runs of each aggregate in the database's shell (the median is printed)")
	reuse := flag.String("dsn", "", "measure this database as it is, if it already holds a generated organization")
	only := flag.String("only", "", "measure only the page of this name (overview, by plan…) or the pages whose path contains this")
	profile := flag.String("cpuprofile", "", "write a CPU profile of the page runs to this file")
	flag.Parse()
	ctx := context.Background()

	w := benchkit.Serve(ctx, *dbKind, pgDatabase, *reuse, *scale, *seed, func(admin context.Context, s *app.Server) bool {
		_, n, err := s.DB.ListFlows(admin, accord.FlowFilter{PerPage: 1})
		return err == nil && n > 0
	})
	defer w.Close()
	s, dsn, res := w.Server, w.DSN, w.Generated
	admin := accord.WithActor(ctx, accord.SystemActor)
	staff, partners, token := users(ctx, s, admin)

	var pages []page
	for _, p := range []struct{ name, path, by string }{
		{"overview", "/app/funding", "country"},
		{"by country", "/app/funding/country", "country"},
		{"by partner", "/app/funding/partner", "partner"},
		{"by sector", "/app/funding/sector", "sector"},
		{"by plan", "/app/funding/plan", "plan"},
		{"by appeal", "/app/funding/appeal", "appeal"},
		{"by year", "/app/funding/year", "year"},
		{"world map", "/app/funding/chart/map.svg", "country"},
	} {
		pages = append(pages, page{name: p.name, path: p.path, by: p.by, client: staff})
	}
	api := &http.Client{Timeout: 30 * time.Second, Transport: &bearer{token: token, next: &http.Transport{MaxIdleConnsPerHost: 64, MaxConnsPerHost: 64}}}
	pages = append(pages, page{name: "API by country", path: "/api/v1/funding?by=country", by: "country", client: api})
	for _, p := range partners {
		pages = append(pages, page{name: p.name, path: "/app/funding", client: p.client})
	}
	pages = slices.DeleteFunc(pages, func(p page) bool { return p.name != *only && !strings.Contains(p.path, *only) })
	for i := range pages {
		pages[i].queries = measureOnce(pages[i].client, s.URL+pages[i].path)
	}

	// The floors first, on a quiet machine, then the pages under load.
	for i := range pages {
		if pages[i].by == "" {
			continue
		}
		if j := slices.IndexFunc(pages[:i], func(q page) bool { return q.by == pages[i].by && q.floor > 0 }); j >= 0 {
			pages[i].floor, pages[i].totals = pages[j].floor, pages[j].totals
			continue
		}
		pages[i].floor = shellMedian(s.DB.Dialect(), dsn, rawAggregate(pages[i].by), *runs)
		pages[i].totals = shellMedian(s.DB.Dialect(), dsn, totalsRead(pages[i].by), *runs)
	}
	loadBefore := benchkit.LoadAverage()
	baseline := benchkit.Load(staff, *conc, *dur, *think, s.URL+"/healthz")
	if *profile != "" {
		f, err := os.Create(*profile)
		if err != nil {
			log.Fatal(err)
		}
		_ = pprof.StartCPUProfile(f)
	}
	for i := range pages {
		pages[i].result = benchkit.Load(pages[i].client, *conc, *dur, *think, s.URL+pages[i].path)
	}
	if *profile != "" {
		pprof.StopCPUProfile()
	}
	loadAfter := benchkit.LoadAverage()
	for i := range pages {
		pages[i].afterWrite = afterWrite(admin, s, partners[0].orgID, pages[i].client, s.URL+pages[i].path)
	}

	if w.GenTime > 0 {
		fmt.Printf("database: %s; generated scale %g (seed %d): %d records (%d appeals, %d flows among them) in %s\n",
			s.DB.Dialect(), *scale, *seed, res.Total(), res.Appeals, res.Flows, w.GenTime.Round(10*time.Millisecond))
	} else {
		fmt.Printf("database: %s, as generated before (%s)\n", s.DB.Dialect(), dsn)
	}
	if w.Settled > 0 {
		fmt.Printf("then VACUUM ANALYZE and CHECKPOINT in %s\n", w.Settled.Round(10*time.Millisecond))
	}
	fmt.Printf("signed in as an officer; the partners are the focal points of %s (the largest donor) and of %s (the 20th)\n",
		partners[0].org, partners[len(partners)-1].org)
	fmt.Printf("%d CPUs; load average before the runs %s, after %s (the load generator runs in this process too)\n", runtime.NumCPU(), loadBefore, loadAfter)
	fmt.Printf("floor: the page's GROUP BY over the flows in %s, median of %d runs; totals: the read of funding_totals the store runs instead\n\n",
		map[string]string{"sqlite": "sqlite3", "postgres": "psql"}[string(s.DB.Dialect())], *runs)
	users := fmt.Sprintf("%d users, %s each", *conc, *dur)
	if *think > 0 {
		users = fmt.Sprintf("%d users clicking every ~%s, %s each", *conc, *think, *dur)
	}
	fmt.Printf("after a write: one request just after the funding figures changed (a donor renamed), median of %d; every other request finds them counted\n\n", writeRuns)
	fmt.Printf("%-52s %7s %7s %9s %9s %6s %8s %9s %8s %9s %11s\n", users, "queries", "req/s", "p50", "p99", "errors", "p99/base", "floor", "totals", "p50/floor", "after write")
	printRow(baseline, "GET /healthz (baseline)", "", baseline, 0, 0, 0)
	ok := true
	for _, p := range pages {
		printRow(p.result, "GET "+p.path+" ("+p.name+")", strconv.Itoa(p.queries), baseline, p.floor, p.totals, p.afterWrite)
		if p.result.P99 >= target || p.result.Errors > 0 || p.floor > 0 && p.result.P50 > 2*p.floor {
			ok = false
		}
	}
	fmt.Printf("\ntargets: p99 < %s at %d users; p50 within 2× of the floor: ", target, *conc)
	if ok {
		fmt.Println("met")
	} else {
		fmt.Println("some MISSED")
	}
}

// rawAggregate is a dashboard's core aggregate straight from the flows:
// what store.FundingRecount runs for one breakdown.
func rawAggregate(by string) string {
	key := map[string]string{
		"country": "COALESCE(f.country, f.group_code)",
		"partner": "CAST(f.source_org_id AS TEXT)",
		"sector":  "f.sector",
		"plan":    "COALESCE(CAST(f.plan_id AS TEXT), '')",
		"appeal":  "COALESCE(CAST(f.appeal_id AS TEXT), '')",
		"year":    "CAST(f.year AS TEXT)",
	}[by]
	return `SELECT ` + key + ` AS k, SUM(CASE WHEN f.status IN ('commitment', 'paid') THEN f.usd_cents ELSE 0 END),
	SUM(CASE WHEN f.status = 'paid' THEN f.usd_cents ELSE 0 END), SUM(CASE WHEN f.status = 'pledge' THEN f.usd_cents ELSE 0 END)
	FROM flows f WHERE f.leaf = TRUE GROUP BY ` + key + `;`
}

// totalsRead is what store.Funding reads instead, without filters.
func totalsRead(by string) string {
	return `SELECT item, SUM(financial_commitment_cents + in_kind_commitment_cents) + SUM(financial_paid_cents + in_kind_paid_cents),
	SUM(financial_paid_cents + in_kind_paid_cents), SUM(financial_pledge_cents + in_kind_pledge_cents)
	FROM funding_totals WHERE breakdown = '` + by + `' AND year = 0 GROUP BY item HAVING SUM(financial_flows + in_kind_flows) > 0;`
}

var (
	sqliteTime = regexp.MustCompile(`Run Time: real ([0-9.]+)`)
	psqlTime   = regexp.MustCompile(`Time: ([0-9.]+) ms`)
)

// shellMedian runs query runs times in the database's own shell, its
// output thrown away, and returns the median of the times the shell prints.
func shellMedian(dialect store.Dialect, dsn, query string, runs int) time.Duration {
	var cmd *exec.Cmd
	var script strings.Builder
	pattern, unit := psqlTime, time.Millisecond
	if dialect == store.SQLite {
		// The pragmas the application's readers use (store.Open).
		script.WriteString(".output /dev/null\nPRAGMA cache_size = -32768;\nPRAGMA mmap_size = 268435456;\n.timer on\n")
		cmd = exec.Command("sqlite3", "-readonly", strings.TrimPrefix(dsn, "sqlite:"))
		pattern, unit = sqliteTime, time.Second
	} else {
		script.WriteString("\\o /dev/null\n\\timing on\n")
		cmd = exec.Command("psql", "-X", "-q", dsn)
	}
	for range runs {
		script.WriteString(query + "\n")
	}
	cmd.Stdin = strings.NewReader(script.String())
	out, err := cmd.CombinedOutput()
	if err != nil {
		log.Fatalf("%s: %v\n%s", cmd.Path, err, out)
	}
	var times []time.Duration
	for _, m := range pattern.FindAllStringSubmatch(string(out), -1) {
		v, _ := strconv.ParseFloat(m[1], 64)
		times = append(times, time.Duration(v*float64(unit)))
	}
	if len(times) != runs {
		log.Fatalf("%s printed %d times for %d runs:\n%s", cmd.Path, len(times), runs, out)
	}
	slices.Sort(times)
	return times[len(times)/2]
}

// writeRuns is how many writes afterWrite times a page after.
const writeRuns = 5

// afterWrite renames a donor (which changes what every funding page
// shows) and times one request of u just after, writeRuns times, and
// returns the median: what the first reader after a change waits.
func afterWrite(admin context.Context, s *app.Server, donor int64, c *http.Client, u string) time.Duration {
	var times []time.Duration
	for range writeRuns {
		o, err := s.DB.GetOrganization(admin, donor)
		if err != nil {
			log.Fatal(err)
		}
		if name, ok := strings.CutSuffix(o.NameEN, " (renamed)"); ok {
			o.NameEN = name
		} else {
			o.NameEN += " (renamed)"
		}
		if err := s.DB.UpdateOrganization(admin, o); err != nil {
			log.Fatal(err)
		}
		t0 := time.Now()
		measureOnce(c, u)
		times = append(times, time.Since(t0))
	}
	slices.Sort(times)
	return times[len(times)/2]
}

// partnerUser is a partner's focal point, signed in.
type partnerUser struct {
	name, org string
	orgID     int64
	client    *http.Client
}

// users signs in an officer and the focal points of the largest donor and
// of the 20th largest, and gives the officer an API token. A partner's
// figures are counted from its own flows, so the largest donor's (a sixth
// of all flows at scale 1) are the slowest.
func users(ctx context.Context, s *app.Server, admin context.Context) (staff *http.Client, partners []partnerUser, token string) {
	hash, err := auth.HashPassword(benchkit.Password)
	if err != nil {
		log.Fatal(err)
	}
	report, err := s.DB.FundingReport(admin, accord.FundingFilter{By: "partner"})
	if err != nil || len(report.Lines) == 0 {
		log.Fatalf("no donor (%v)", err)
	}
	rows := report.Lines
	slices.SortFunc(rows, func(a, b accord.FundingLine) int { return cmp.Compare(b.Firm+b.Pledged, a.Firm+a.Pledged) })
	create := func(u *accord.User) *accord.User {
		if found, _, err := s.DB.UserByEmail(ctx, u.Email); err == nil { // there already (-dsn reuses a database)
			return found
		}
		if err := s.DB.CreateUser(admin, u, hash); err != nil {
			log.Fatal(err)
		}
		return u
	}
	officer := create(&accord.User{Email: "funding.officer@bench.example", Name: "Funding Officer", Role: accord.RoleOfficer, Language: "en"})
	for _, p := range []struct {
		rank int
		name string
	}{{0, "largest donor's focal point"}, {min(19, len(rows)-1), "20th donor's focal point"}} {
		i, name := p.rank, p.name
		org, err := strconv.ParseInt(rows[i].Key, 10, 64)
		if err != nil {
			log.Fatal(err)
		}
		u := create(&accord.User{Email: fmt.Sprintf("focal.point.%d@bench.example", org), Name: "Focal Point", Role: accord.RolePartner, OrgID: &org, Language: "en"})
		partners = append(partners, partnerUser{name: name, org: rows[i].Label, orgID: org, client: benchkit.Login(s.URL, u.Email)})
	}
	secret, secretHash := auth.NewSecret(auth.TokenPrefix)
	if err := s.DB.CreateToken(admin, &accord.Token{UserID: officer.ID, Name: "bench/funding"}, secretHash); err != nil {
		log.Fatal(err)
	}
	return benchkit.Login(s.URL, officer.Email), partners, secret
}

// bearer adds the API token to each request.
type bearer struct {
	token string
	next  http.RoundTripper
}

func (b *bearer) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	r.Header.Set("Authorization", "Bearer "+b.token)
	return b.next.RoundTrip(r)
}

// measureOnce requests a page once and returns the SQL statements it ran.
func measureOnce(c *http.Client, u string) int {
	res, err := c.Get(u)
	if err != nil {
		log.Fatal(err)
	}
	_, _ = io.Copy(io.Discard, res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		log.Fatalf("GET %s: status %d", u, res.StatusCode)
	}
	n, err := strconv.Atoi(res.Header.Get("X-Accord-Queries"))
	if err != nil {
		return -1 // the API does not count
	}
	return n
}

func printRow(r benchkit.Result, name, queries string, base benchkit.Result, floor, totals, afterWrite time.Duration) {
	ratio := "1.0×"
	if base.P99 > 0 && r.P99 != base.P99 {
		ratio = fmt.Sprintf("%.1f×", float64(r.P99)/float64(base.P99))
	}
	if queries == "-1" {
		queries = ""
	}
	fl, tot, vs := "", "", ""
	if floor > 0 {
		fl, tot, vs = floor.Round(10*time.Microsecond).String(), totals.Round(10*time.Microsecond).String(), fmt.Sprintf("%.2f", float64(r.P50)/float64(floor))
		if totals == 0 {
			tot = "<1ms" // below the resolution of sqlite3's timer
		}
	}
	after := ""
	if afterWrite > 0 {
		after = afterWrite.Round(10 * time.Microsecond).String()
	}
	fmt.Printf("%-52s %7s %7.0f %9s %9s %6d %8s %9s %8s %9s %11s\n", name, queries, r.RPS, r.P50.Round(10*time.Microsecond), r.P99.Round(10*time.Microsecond),
		r.Errors, ratio, fl, tot, vs, after)
}
