// Command gzip measures what compressing answers saves and costs: for the
// funding overview, the staff home, the organization list and the public
// home of a generated organization (package generate, as "accord demo
// --scale" makes it), the bytes sent plain and gzip, and the requests per
// second and CPU per request of each at -c concurrent signed-in users,
// beside GET /healthz under the same load in the same run.
//
//	go run ./bench/gzip [-db sqlite|postgres] [-scale 0.1] [-seed 1] [-c 16] [-d 5s] [-dsn DSN]
//
// The CPU is the process's (server and load together, from getrusage):
// the load is the same for both encodings and never decompresses (it asks
// for an encoding itself, so Go's client leaves the body alone), so the
// difference between the two columns is the server's compression.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log"
	"net/http"
	"syscall"
	"time"

	"github.com/accordhq/accord/bench/internal/benchkit"
	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/app"
	"github.com/accordhq/accord/internal/auth"
)

const pgDatabase = "accord_bench_gzip"

func main() {
	dbKind := flag.String("db", "sqlite", "sqlite or postgres")
	scale := flag.Float64("scale", 0.1, "size of the generated organization (1: 2,000 organizations, 100,000 engagements)")
	seed := flag.Uint64("seed", 1, "generator seed")
	conc := flag.Int("c", 16, "concurrent users")
	dur := flag.Duration("d", 5*time.Second, "duration of each run")
	reuse := flag.String("dsn", "", "measure this database as it is, if it already holds a generated organization")
	flag.Parse()
	ctx := context.Background()

	w := benchkit.Serve(ctx, *dbKind, pgDatabase, *reuse, *scale, *seed, func(admin context.Context, s *app.Server) bool {
		_, n, err := s.DB.ListOrganizations(admin, accord.OrganizationFilter{PerPage: 1})
		return err == nil && n > 0
	})
	defer w.Close()
	user := signIn(ctx, w.Server)
	plain, zipped := withEncoding(user, "identity"), withEncoding(user, "gzip")

	fmt.Printf("database: %s, scale %g; %d users back to back, %s per run\n", w.DB.Dialect(), *scale, *conc, *dur)
	fmt.Printf("%-22s %9s %9s %6s | %9s %9s | %10s %10s %6s\n", "page", "plain B", "gzip B", "saved", "plain r/s", "gzip r/s", "plain CPU", "gzip CPU", "ratio")
	for _, path := range []string{"/healthz", "/app/funding", "/app/", "/app/organizations", "/en/"} {
		u := w.URL + path
		pb, zb := size(plain, u), size(zipped, u)
		pr, pc := load(plain, *conc, *dur, u)
		zr, zc := load(zipped, *conc, *dur, u)
		fmt.Printf("%-22s %9d %9d %5.0f%% | %9.0f %9.0f | %10s %10s %5.2f×\n", path, pb, zb, 100*(1-float64(zb)/float64(pb)),
			pr, zr, pc.Round(time.Microsecond), zc.Round(time.Microsecond), float64(zc)/float64(pc))
	}
}

// signIn gives a generated officer a password and signs in as them.
func signIn(ctx context.Context, s *app.Server) *http.Client {
	admin := accord.WithActor(ctx, accord.SystemActor)
	users, _, err := s.DB.ListUsers(admin, accord.UserFilter{Role: accord.RoleOfficer, PerPage: 1})
	if err != nil || len(users) == 0 {
		log.Fatalf("no generated officer (%v)", err)
	}
	hash, err := auth.HashPassword(benchkit.Password)
	if err != nil {
		log.Fatal(err)
	}
	if err := s.DB.SetPassword(admin, users[0].ID, hash); err != nil {
		log.Fatal(err)
	}
	return benchkit.Login(s.URL, users[0].Email)
}

// encoding asks for one content coding on every request; Go's client then
// hands the body over as it came.
type encoding struct {
	base   http.RoundTripper
	accept string
}

func (e encoding) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	r.Header.Set("Accept-Encoding", e.accept)
	return e.base.RoundTrip(r)
}

func withEncoding(c *http.Client, accept string) *http.Client {
	copied := *c
	copied.Transport = encoding{base: c.Transport, accept: accept}
	return &copied
}

// size is the number of bytes u's answer takes on the wire.
func size(c *http.Client, u string) int64 {
	res, err := c.Get(u)
	if err != nil {
		log.Fatal(err)
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		log.Fatalf("%s: status %d", u, res.StatusCode)
	}
	n, _ := io.Copy(io.Discard, res.Body)
	return n
}

// load runs benchkit.Load and returns its requests per second and the
// process's CPU per request.
func load(c *http.Client, conc int, dur time.Duration, u string) (float64, time.Duration) {
	before := cpu()
	r := benchkit.Load(c, conc, dur, 0, u)
	if r.Errors > 0 {
		log.Fatalf("%s: %d errors", u, r.Errors)
	}
	requests := r.RPS * dur.Seconds()
	return r.RPS, time.Duration(float64(cpu()-before) / requests)
}

func cpu() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
