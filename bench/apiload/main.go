// Command apiload measures GET /api/v1/organizations?q=… over 10,000
// organizations at 32 concurrent connections, against /healthz under the
// same load as a baseline measured in the same run.
//
//	go run ./bench/apiload [-db sqlite|postgres] [-orgs 10000] [-c 32] [-d 10s]
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"runtime/pprof"
	"slices"
	"sync"
	"time"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/app"
	"github.com/accordhq/accord/internal/auth"
)

// Names are built like real ones: a country, a kind and a field, e.g.
// "Mali Red Crescent Society for Health 123". Queries mix what people type:
// a country, an acronym, or two words of a name.
var (
	kinds  = []string{"Foundation", "Society", "Association", "Council", "Agency", "Fund", "Institute", "Network", "Alliance", "Trust", "Relief Committee", "Red Crescent Society"}
	fields = []string{"Health", "Education", "Water", "Migration", "Food Security", "Refugees", "Children", "Women", "Development", "Research", "Peace", "Climate"}
	types  = []string{"10", "21", "22", "40", "80"}
)

func main() {
	dbKind := flag.String("db", "sqlite", "sqlite or postgres (postgres uses ACCORD_TEST_POSTGRES's server, database accord_bench)")
	n := flag.Int("orgs", 10000, "organizations to create")
	conc := flag.Int("c", 32, "concurrent connections")
	dur := flag.Duration("d", 10*time.Second, "duration of each run")
	profile := flag.String("cpuprofile", "", "write a CPU profile of the search run to this file")
	serveInfo := flag.String("serve", "", "only seed and serve: write the URL and a token to this file, then wait (for wrk; see bench/api.sh)")
	flag.Parse()

	dir, err := os.MkdirTemp("", "accord-bench")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	dsn := "sqlite:" + filepath.Join(dir, "bench.db")
	if *dbKind == "postgres" {
		dsn = "postgres://postgres@127.0.0.1:5432/accord_bench?sslmode=disable"
	}
	ctx := context.Background()
	s, err := app.Start(ctx, app.Config{Addr: "127.0.0.1:0", DB: dsn, LogFormat: "text", LogLevel: "error", SessionTTL: time.Hour},
		slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		log.Fatal(err)
	}
	defer s.Shutdown()

	admin := accord.WithActor(ctx, accord.SystemActor)
	_, have, _ := s.DB.ListOrganizations(admin, accord.OrganizationFilter{PerPage: 1})
	start := time.Now()
	countries, err := s.DB.Countries(ctx)
	if err != nil {
		log.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for i := have; i < *n; i++ {
		c := countries[rng.IntN(len(countries))]
		o := &accord.Organization{NameEN: fmt.Sprintf("%s %s for %s %d", c.NameEN, kinds[rng.IntN(len(kinds))], fields[rng.IntN(len(fields))], i),
			NameFR: c.NameFR, NameAR: c.NameAR, Acronym: fmt.Sprintf("O%d", i), Type: types[rng.IntN(len(types))], HQCountry: c.Code}
		if err := s.DB.CreateOrganization(admin, o); err != nil {
			log.Fatal(err)
		}
	}
	fmt.Printf("seeded %d organizations in %s (%s)\n", *n-have, time.Since(start).Round(time.Millisecond), s.DB.Dialect())

	u := &accord.User{Email: "bench@example.org", Name: "Bench", Role: accord.RoleViewer}
	if _, _, err := s.DB.UserByEmail(ctx, u.Email); err != nil {
		if err := s.DB.CreateUser(admin, u, "x"); err != nil {
			log.Fatal(err)
		}
	} else {
		u, _, _ = s.DB.UserByEmail(ctx, u.Email)
	}
	token, hash := auth.NewSecret(auth.TokenPrefix)
	if err := s.DB.CreateToken(admin, &accord.Token{UserID: u.ID, Name: "bench"}, hash); err != nil {
		log.Fatal(err)
	}

	if *serveInfo != "" {
		if *profile != "" {
			// Profile the first 18 s of serving, while bench/api.sh runs wrk.
			f, err := os.Create(*profile)
			if err != nil {
				log.Fatal(err)
			}
			_ = pprof.StartCPUProfile(f)
			time.AfterFunc(18*time.Second, pprof.StopCPUProfile)
		}
		if err := os.WriteFile(*serveInfo, []byte(s.URL+" "+token+"\n"), 0o600); err != nil {
			log.Fatal(err)
		}
		select {}
	}
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: *conc, MaxConnsPerHost: *conc}}
	baseline := load(client, *conc, *dur, func(*rand.Rand) string { return s.URL + "/healthz" }, "")
	if *profile != "" {
		f, err := os.Create(*profile)
		if err != nil {
			log.Fatal(err)
		}
		_ = pprof.StartCPUProfile(f)
		defer pprof.StopCPUProfile()
	}
	api := s.URL + "/api/v1/organizations?per_page=50&q="
	search := load(client, *conc, *dur, func(r *rand.Rand) string {
		switch r.IntN(4) {
		case 0, 1:
			return api + url.QueryEscape(countries[r.IntN(len(countries))].NameEN)
		case 2:
			return api + fmt.Sprintf("O%d", r.IntN(*n))
		}
		return api + url.QueryEscape(kinds[r.IntN(len(kinds))]+" "+fields[r.IntN(len(fields))])
	}, token)
	broad := load(client, *conc, *dur, func(r *rand.Rand) string {
		return api + url.QueryEscape(fields[r.IntN(len(fields))])
	}, token)
	fmt.Printf("%-52s %8s %9s %9s %7s\n", "endpoint ("+fmt.Sprint(*conc)+" connections)", "req/s", "p50", "p99", "errors")
	baseline.print("GET /healthz (baseline)")
	search.print("GET /api/v1/organizations?q=country|acronym|2 words")
	broad.print("GET /api/v1/organizations?q=field (~8% match)")
	fmt.Printf("search p99 / healthz p99 = %.1f×; search throughput = %.2f of baseline\n",
		float64(search.p99)/float64(baseline.p99), search.rps/baseline.rps)
}

type result struct {
	rps           float64
	p50, p99      time.Duration
	errors, total int
}

func (r result) print(name string) {
	fmt.Printf("%-52s %8.0f %9s %9s %7d\n", name, r.rps, r.p50.Round(10*time.Microsecond), r.p99.Round(10*time.Microsecond), r.errors)
}

func load(client *http.Client, conc int, dur time.Duration, url func(*rand.Rand) string, token string) result {
	var mu sync.Mutex
	var all []time.Duration
	errors := 0
	deadline := time.Now().Add(dur)
	var wg sync.WaitGroup
	for w := 0; w < conc; w++ {
		wg.Add(1)
		go func(seed uint64) {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(seed, 7))
			var mine []time.Duration
			bad := 0
			for time.Now().Before(deadline) {
				req, _ := http.NewRequest(http.MethodGet, url(rng), nil)
				if token != "" {
					req.Header.Set("Authorization", "Bearer "+token)
				}
				t0 := time.Now()
				res, err := client.Do(req)
				if err == nil {
					_, _ = io.Copy(io.Discard, res.Body)
					res.Body.Close()
				}
				mine = append(mine, time.Since(t0))
				if err != nil || res.StatusCode != 200 {
					bad++
				}
			}
			mu.Lock()
			all = append(all, mine...)
			errors += bad
			mu.Unlock()
		}(uint64(w))
	}
	wg.Wait()
	slices.Sort(all)
	if len(all) == 0 {
		return result{}
	}
	return result{rps: float64(len(all)) / dur.Seconds(), p50: all[len(all)/2], p99: all[len(all)*99/100], errors: errors, total: len(all)}
}
