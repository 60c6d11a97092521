// Command pages measures the staff pages opened most — home, a busy
// organization's page and the search page (for a person's name and for a
// common word) — on a generated organization (package generate, as "accord
// demo --scale" makes it), at 16 concurrent signed-in users, against GET
// /healthz under the same load in the same run. It prints the generation
// time, and the SQL statements each page runs (the X-Accord-Queries header)
// for the busiest user or organization and for a light one: a page that
// runs a query per row shows a gap between the two.
//
//	go run ./bench/pages [-db sqlite|postgres] [-scale 1] [-seed 1] [-c 16] [-d 10s] [-think 0] [-writes 0] [-q health] [-only NAME] [-cpuprofile FILE]
//
// By default each user sends its next request as soon as the last one is
// answered, which measures the machine at saturation: 16 such users are
// the load of hundreds of people. -think 1s makes each user pause about a
// second between clicks, as people do; that is the latency they see.
//
// SQLite runs on a fresh file in a temporary directory; PostgreSQL on the
// database accord_bench3 at 127.0.0.1 (user postgres, trust authentication),
// dropped and created anew, then vacuumed. -dsn DSN measures a database
// generated before instead (its first organization being the home one),
// to try a change without generating again.
//
// Pages keep what they counted while the database does not change (list
// totals; see store.counts). -writes 1s has another instance of the store
// change an organization about once a second during the runs, as a busy
// team would, so that what was kept is dropped at that rate. -only runs
// the pages whose name contains NAME.
//
// Targets: no page runs a query per row; p99 under 50 ms at 16 users.
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"math/rand/v2"
	"net/http"
	"net/url"
	"os"
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
	"github.com/accordhq/accord/internal/generate"
	"github.com/accordhq/accord/internal/store"
)

const (
	pgDatabase = "accord_bench3"
	target     = 50 * time.Millisecond
)

func main() {
	dbKind := flag.String("db", "sqlite", "sqlite or postgres")
	scale := flag.Float64("scale", 1, "size of the generated organization (1: 2,000 organizations, 100,000 engagements)")
	seed := flag.Uint64("seed", 1, "generator seed")
	conc := flag.Int("c", 16, "concurrent users")
	dur := flag.Duration("d", 10*time.Second, "duration of each run")
	think := flag.Duration("think", 0, "each user's pause between requests (0: back to back, the machine's saturation)")
	word := flag.String("q", "health", "a common word to search for (the worst case: thousands of matches to rank)")
	profile := flag.String("cpuprofile", "", "write a CPU profile of the page runs to this file")
	writes := flag.Duration("writes", 0, "change an organization about this often during the runs, through another instance (0: no writes)")
	only := flag.String("only", "", "run only the pages whose name contains this")
	reuse := flag.String("dsn", "", "measure this database as it is, if it already holds a generated organization (its first organization is the home one)")
	flag.Parse()
	ctx := context.Background()

	w := benchkit.Serve(ctx, *dbKind, pgDatabase, *reuse, *scale, *seed, func(admin context.Context, s *app.Server) bool {
		_, n, err := s.DB.ListOrganizations(admin, accord.OrganizationFilter{PerPage: 1})
		return err == nil && n > 0
	})
	defer w.Close()
	s, dsn, res := w.Server, w.DSN, w.Generated
	if res == nil {
		res = &generate.Result{HomeOrgID: 1} // its first organization is the home one
	}
	admin := accord.WithActor(ctx, accord.SystemActor)
	busy, light, openPoints := signIn(ctx, s, admin)
	quiet := quietOrganization(admin, s, res.HomeOrgID)

	name := aName(admin, s, res.HomeOrgID)
	search := "/app/search?q="
	if status, _, _ := benchkit.Get(busy, s.URL+search+"x"); status == http.StatusNotFound {
		search = "/app/engagements?q=" // before the search page existed
	}
	pages := []page{
		{name: "home", path: "/app/", light: "/app/", lightUser: light},
		{name: "organization", path: fmt.Sprintf("/app/organizations/%d", res.HomeOrgID), light: fmt.Sprintf("/app/organizations/%d", quiet)},
		{name: "search a name", path: search + url.QueryEscape(name), light: search + "zzyzx"},
		{name: "search a word", path: search + url.QueryEscape(*word), light: search + "zzyzx"},
	}
	pages = slices.DeleteFunc(pages, func(p page) bool { return !strings.Contains(p.name, *only) })
	for i := range pages {
		p := &pages[i]
		p.queries, p.rows = measureOnce(busy, s.URL+p.path)
		client := busy
		if p.lightUser != nil {
			client = p.lightUser
		}
		p.lightQueries, p.lightRows = measureOnce(client, s.URL+p.light)
	}

	if *writes > 0 {
		stop := writeEvery(ctx, dsn, *writes)
		defer stop()
	}
	loadBefore := benchkit.LoadAverage()
	baseline := benchkit.Load(busy, *conc, *dur, *think, s.URL+"/healthz")
	if *profile != "" {
		f, err := os.Create(*profile)
		if err != nil {
			log.Fatal(err)
		}
		_ = pprof.StartCPUProfile(f)
	}
	for i := range pages {
		pages[i].result = benchkit.Load(busy, *conc, *dur, *think, s.URL+pages[i].path)
	}
	if *profile != "" {
		pprof.StopCPUProfile()
	}
	loadAfter := benchkit.LoadAverage()

	if w.GenTime > 0 {
		fmt.Printf("database: %s; generated scale %g (seed %d): %d records (%d organizations, %d people, %d engagements, %d action points, %d agreements, %d plans, %d activities) in %s\n",
			s.DB.Dialect(), *scale, *seed, res.Total(), res.Organizations, res.People, res.Engagements, res.ActionPoints, res.Agreements, res.Plans, res.Activities,
			w.GenTime.Round(10*time.Millisecond))
	} else {
		fmt.Printf("database: %s, as generated before (%s)\n", s.DB.Dialect(), dsn)
	}
	if w.Settled > 0 {
		fmt.Printf("then VACUUM ANALYZE and CHECKPOINT in %s\n", w.Settled.Round(10*time.Millisecond))
	}
	fmt.Printf("signed in as a generated officer with %d open action points; organization %d is the home organization (in most engagements)\n\n",
		openPoints, res.HomeOrgID)
	fmt.Printf("%d CPUs; load average before the runs %s, after %s (the load generator runs in this process too)\n", runtime.NumCPU(), loadBefore, loadAfter)
	users := fmt.Sprintf("%d users back to back, %s each", *conc, *dur)
	if *think > 0 {
		users = fmt.Sprintf("%d users clicking every ~%s, %s each", *conc, *think, *dur)
	}
	if *writes > 0 {
		fmt.Printf("another instance changed an organization every ~%s during the runs\n", *writes)
	}
	fmt.Printf("%-48s %7s %7s %8s %9s %9s %7s %10s\n", users, "queries", "(light)", "req/s", "p50", "p99", "errors", "p99/base")
	printRow(baseline, "GET /healthz (baseline)", "", "", baseline)
	ok := true
	for _, p := range pages {
		printRow(p.result, "GET "+p.path+" ("+p.name+")", strconv.Itoa(p.queries), strconv.Itoa(p.lightQueries), baseline)
	}
	fmt.Println()
	for _, p := range pages {
		perRow := p.queries-p.lightQueries > 3 && p.queries-p.lightQueries >= (p.rows-p.lightRows)/2
		verdict := "ok"
		if perRow || p.result.P99 >= target || p.result.Errors > 0 {
			verdict, ok = "MISSED", false
		}
		fmt.Printf("%-13s %-6s %d queries for %d table rows (light: %d for %d): per row: %v; p99 %s (target < %s)\n",
			p.name, verdict, p.queries, p.rows, p.lightQueries, p.lightRows, yesNo(perRow), p.result.P99.Round(10*time.Microsecond), target)
	}
	if !ok {
		fmt.Println("some targets missed")
	}
}

// writeEvery changes an organization about every d, through a store of its
// own (another Accord instance on the same database), until stopped.
func writeEvery(ctx context.Context, dsn string, d time.Duration) (stop func()) {
	db, err := store.Open(ctx, dsn)
	if err != nil {
		log.Fatal(err)
	}
	admin := accord.WithActor(ctx, accord.SystemActor)
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		for {
			select {
			case <-done:
				return
			case <-time.After(d/2 + rand.N(d)):
			}
			o, err := db.GetOrganization(admin, 1+rand.Int64N(1000))
			if err != nil {
				continue
			}
			o.Website = fmt.Sprintf("https://example.org/%d", rand.Int())
			if err := db.UpdateOrganization(admin, o); err != nil {
				log.Printf("write: %v", err)
			}
		}
	}()
	return func() {
		close(done)
		<-finished
		db.Close()
	}
}

type page struct {
	name, path, light     string
	lightUser             *http.Client
	queries, lightQueries int
	rows, lightRows       int
	result                benchkit.Result
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

// signIn gives the busiest generated officer (the one following the most
// open action points, whose home page is the fullest) a password and signs
// in as them; a new officer, with nothing to follow, is the light user.
func signIn(ctx context.Context, s *app.Server, admin context.Context) (busy, light *http.Client, open int) {
	users, _, err := s.DB.ListUsers(admin, accord.UserFilter{Role: accord.RoleOfficer, PerPage: 200})
	if err != nil || len(users) == 0 {
		log.Fatalf("no generated officer (%v)", err)
	}
	var officer *accord.User
	for _, u := range users {
		if _, n, err := s.DB.ListActionPoints(admin, accord.ActionPointFilter{OwnerID: u.ID, Status: accord.APOpen, PerPage: 1}); err == nil && n >= open {
			officer, open = u, n
		}
	}
	hash, err := auth.HashPassword(benchkit.Password)
	if err != nil {
		log.Fatal(err)
	}
	if err := s.DB.SetPassword(admin, officer.ID, hash); err != nil {
		log.Fatal(err)
	}
	fresh := &accord.User{Email: "new.officer@bench.example", Name: "New Officer", Role: accord.RoleOfficer, Language: "en"}
	if _, _, err := s.DB.UserByEmail(ctx, fresh.Email); err != nil { // not there yet (-dsn reuses a database)
		if err := s.DB.CreateUser(admin, fresh, hash); err != nil {
			log.Fatal(err)
		}
	}
	return benchkit.Login(s.URL, officer.Email), benchkit.Login(s.URL, fresh.Email), open
}

// aName is the family name of someone at the home organization: what a user
// searching for a person types.
func aName(admin context.Context, s *app.Server, home int64) string {
	people, _, err := s.DB.ListPeople(admin, accord.PersonFilter{OrgID: home, PerPage: 1})
	if err != nil || len(people) == 0 {
		log.Fatalf("no one at the home organization (%v)", err)
	}
	f := strings.Fields(people[0].Name)
	return f[len(f)-1]
}

// quietOrganization is an organization with little on its page: one with
// the fewest engagements among a sample of those with some.
func quietOrganization(admin context.Context, s *app.Server, home int64) int64 {
	orgs, _, err := s.DB.ListOrganizations(admin, accord.OrganizationFilter{Sort: "name", PerPage: 100})
	if err != nil {
		log.Fatal(err)
	}
	best, fewest := home, -1
	for _, o := range orgs {
		_, n, err := s.DB.ListEngagements(admin, accord.EngagementFilter{OrgID: o.ID, PerPage: 1})
		if err == nil && n > 0 && (fewest < 0 || n < fewest) {
			best, fewest = o.ID, n
		}
	}
	return best
}

// measureOnce requests a page once and returns the statements it ran and
// the table rows it shows.
func measureOnce(c *http.Client, u string) (queries, rows int) {
	status, body, h := benchkit.Get(c, u)
	if status != http.StatusOK {
		log.Fatalf("GET %s: status %d", u, status)
	}
	n, err := strconv.Atoi(h.Get("X-Accord-Queries"))
	if err != nil {
		log.Fatalf("GET %s: no X-Accord-Queries header", u)
	}
	return n, strings.Count(body, "<tr") + strings.Count(body, "<li")
}

func printRow(r benchkit.Result, name, queries, light string, base benchkit.Result) {
	ratio := "1.0×"
	if base.P99 > 0 && r.P99 != base.P99 {
		ratio = fmt.Sprintf("%.1f×", float64(r.P99)/float64(base.P99))
	}
	fmt.Printf("%-48s %7s %7s %8.0f %9s %9s %7d %10s\n", name, queries, light, r.RPS, r.P50.Round(10*time.Microsecond), r.P99.Round(10*time.Microsecond), r.Errors, ratio)
}
