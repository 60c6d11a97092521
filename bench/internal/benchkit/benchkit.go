// Package benchkit is what the page benchmarks share: a fresh database,
// PostgreSQL settled before measuring, a browser-like signed-in client,
// and concurrent users loading a page.
package benchkit

import (
	"database/sql"
	"io"
	"log"
	"math/rand/v2"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // to drop, create and vacuum PostgreSQL databases
)

// PostgresServer is the PostgreSQL server the benchmarks use (trust authentication).
const PostgresServer = "postgres://postgres@127.0.0.1:5432/"

// Password is the password benchmarks give the users they sign in as.
const Password = "bench password 1234"

// Database returns the DSN of a fresh database and how to remove it: a
// SQLite file in a temporary directory, or the PostgreSQL database pgName,
// dropped and created anew.
func Database(kind, pgName string) (string, func()) {
	switch kind {
	case "sqlite":
		dir, err := os.MkdirTemp("", "accord-bench")
		if err != nil {
			log.Fatal(err)
		}
		return "sqlite:" + filepath.Join(dir, "bench.db"), func() { os.RemoveAll(dir) }
	case "postgres":
		Recreate(pgName)
		return PostgresServer + pgName + "?sslmode=disable", func() {}
	}
	log.Fatalf("-db %q: sqlite or postgres", kind)
	return "", nil
}

// Recreate drops and creates the PostgreSQL database name.
func Recreate(name string) {
	admin, err := sql.Open("pgx", PostgresServer+"postgres?sslmode=disable")
	if err != nil {
		log.Fatal(err)
	}
	defer admin.Close()
	for _, q := range []string{"DROP DATABASE IF EXISTS " + name + " WITH (FORCE)", "CREATE DATABASE " + name} {
		if _, err := admin.Exec(q); err != nil {
			log.Fatalf("postgres: %v", err)
		}
	}
}

// Settle lets PostgreSQL catch up with a load before measuring (vacuum,
// statistics, dirty buffers written), as a database in use would have;
// measuring during autovacuum would measure autovacuum.
func Settle(postgres bool, dsn string) time.Duration {
	if !postgres {
		return 0
	}
	start := time.Now()
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		log.Fatal(err)
	}
	defer db.Close()
	for _, q := range []string{"VACUUM ANALYZE", "CHECKPOINT"} {
		if _, err := db.Exec(q); err != nil {
			log.Fatalf("postgres %s: %v", q, err)
		}
	}
	return time.Since(start)
}

// LoadAverage is the machine's one-minute load average, to judge how much
// else was running.
func LoadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	return strings.Fields(string(b))[0]
}

var csrfField = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

// Login signs in as a browser does, with Password: the login form's CSRF
// token, then the form.
func Login(base, email string) *http.Client {
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, Timeout: 30 * time.Second,
		Transport:     &http.Transport{MaxIdleConnsPerHost: 64, MaxConnsPerHost: 64},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	_, body, _ := Get(c, base+"/app/login")
	m := csrfField.FindStringSubmatch(body)
	if m == nil {
		log.Fatal("no CSRF token on the login page")
	}
	res, err := c.PostForm(base+"/app/login", url.Values{"email": {email}, "password": {Password}, "csrf": {m[1]}})
	if err != nil {
		log.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther {
		log.Fatalf("sign in as %s: status %d", email, res.StatusCode)
	}
	return c
}

// Get requests u and returns the status, body and headers.
func Get(c *http.Client, u string) (int, string, http.Header) {
	res, err := c.Get(u)
	if err != nil {
		log.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(body), res.Header
}

// Result is what a load measured.
type Result struct {
	RPS      float64
	P50, P99 time.Duration
	Errors   int
}

// Load runs conc users requesting u for dur: back to back, or each pausing
// about think (from half to one and a half times it) between requests.
// Users who think also arrive at different moments within the first think,
// as people do, instead of all clicking in the same millisecond.
func Load(c *http.Client, conc int, dur, think time.Duration, u string) Result {
	var mu sync.Mutex
	var all []time.Duration
	errs := 0
	deadline := time.Now().Add(dur)
	var wg sync.WaitGroup
	for range conc {
		wg.Go(func() {
			var mine []time.Duration
			bad := 0
			if think > 0 {
				time.Sleep(rand.N(think))
			}
			for time.Now().Before(deadline) {
				t0 := time.Now()
				res, err := c.Get(u)
				if err == nil {
					_, _ = io.Copy(io.Discard, res.Body)
					res.Body.Close()
				}
				mine = append(mine, time.Since(t0))
				if err != nil || res.StatusCode != http.StatusOK {
					bad++
				}
				if think > 0 {
					time.Sleep(think/2 + rand.N(think)) // a user reads the page before the next click
				}
			}
			mu.Lock()
			all = append(all, mine...)
			errs += bad
			mu.Unlock()
		})
	}
	wg.Wait()
	slices.Sort(all)
	if len(all) == 0 {
		return Result{}
	}
	return Result{RPS: float64(len(all)) / dur.Seconds(), P50: all[len(all)/2], P99: all[len(all)*99/100], Errors: errs}
}
