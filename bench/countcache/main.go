// Command countcache measures how writes elsewhere on the PostgreSQL server
// affect a counted API list: GET /api/v1/flows?country=AF at 32
// connections, quiet and then while another database on the same server
// takes a few inserts a second, beside /healthz in the same run. The list's
// total is kept until the data version moves (store/dataversion.go); when
// the version followed every write on the server, each insert elsewhere
// made every request recount.
//
//	go run ./bench/countcache [-scale 0.1] [-dsn postgres://…] [-c 32] [-d 10s] [-writes 2]
package main

import (
	"context"
	"database/sql"
	"flag"
	"fmt"
	"log"
	"net/http"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/accordhq/accord/bench/internal/benchkit"
	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/app"
	"github.com/accordhq/accord/internal/auth"
)

// elsewhere is the database the writer writes to: same server, nothing of Accord's.
const elsewhere = "accord_countcache_elsewhere"

func main() {
	scale := flag.Float64("scale", 0.1, "scale of the generated database")
	reuse := flag.String("dsn", "", "measure this database as it is, if it already holds flows")
	conc := flag.Int("c", 32, "concurrent connections")
	dur := flag.Duration("d", 10*time.Second, "duration of each run")
	writes := flag.Int("writes", 2, "inserts a second into the other database during the second run")
	path := flag.String("path", "/api/v1/flows?country=AF", "the list measured")
	flag.Parse()

	ctx := context.Background()
	w := benchkit.Serve(ctx, "postgres", "accord_countcache", *reuse, *scale, 1, func(admin context.Context, s *app.Server) bool {
		_, n, err := s.DB.ListFlows(admin, accord.FlowFilter{PerPage: 1})
		return err == nil && n > 0
	})
	defer w.Close()
	fmt.Printf("database %s (generated in %s)\n", w.DSN, w.GenTime.Round(time.Second))

	client := &http.Client{Timeout: 30 * time.Second, Transport: bearer{token(ctx, w.Server),
		&http.Transport{MaxIdleConnsPerHost: *conc, MaxConnsPerHost: *conc}}}
	list := w.URL + *path
	if code, _, _ := benchkit.Get(client, list); code != http.StatusOK {
		log.Fatalf("GET %s: status %d", list, code)
	}

	other := otherDatabase() // made before measuring: creating a database is a write of its own
	defer other.Close()
	healthz := benchkit.Load(client, *conc, *dur, 0, w.URL+"/healthz")
	perRequest()
	quiet := benchkit.Load(client, *conc, *dur, 0, list)
	quietStatements := perRequest()
	stop := writeTo(other, *writes)
	busy := benchkit.Load(client, *conc, *dur, 0, list)
	inserted := stop()
	busyStatements := perRequest()

	fmt.Printf("load average %s\n", benchkit.LoadAverage())
	fmt.Printf("%-58s %8s %9s %9s %7s %11s\n", fmt.Sprintf("GET (%d connections, %s each)", *conc, *dur), "req/s", "p50", "p99", "errors", "statements")
	row := func(name string, r benchkit.Result, statements float64) {
		fmt.Printf("%-58s %8.0f %9s %9s %7d %11.2f\n", name, r.RPS, r.P50.Round(10*time.Microsecond), r.P99.Round(10*time.Microsecond), r.Errors, statements)
	}
	row("/healthz (baseline)", healthz, 0)
	row(*path+", quiet server", quiet, quietStatements)
	row(fmt.Sprintf("%s, %d inserts elsewhere", *path, inserted), busy, busyStatements)
	fmt.Printf("quiet: %.3f of /healthz; with writes elsewhere: %.3f of /healthz, %.3f of quiet\n",
		quiet.RPS/healthz.RPS, busy.RPS/healthz.RPS, busy.RPS/quiet.RPS)
}

// token makes an API token for a viewer.
func token(ctx context.Context, s *app.Server) string {
	admin := accord.WithActor(ctx, accord.SystemActor)
	u, _, err := s.DB.UserByEmail(ctx, "countcache@example.org")
	if err != nil {
		u = &accord.User{Email: "countcache@example.org", Name: "Bench", Role: accord.RoleViewer}
		if err := s.DB.CreateUser(admin, u, benchkit.Password); err != nil {
			log.Fatal(err)
		}
	}
	secret, hash := auth.NewSecret(auth.TokenPrefix)
	if err := s.DB.CreateToken(admin, &accord.Token{UserID: u.ID, Name: "countcache"}, hash); err != nil {
		log.Fatal(err)
	}
	return secret
}

// bearer signs requests with an API token and adds up the statements the
// answers report running (X-Accord-Queries), which a busy machine's noise
// does not change: a kept total saves one.
type bearer struct {
	token string
	next  http.RoundTripper
}

var statements, answers atomic.Int64

func (b bearer) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	r.Header.Set("Authorization", "Bearer "+b.token)
	res, err := b.next.RoundTrip(r)
	if err == nil {
		n, _ := strconv.Atoi(res.Header.Get("X-Accord-Queries"))
		statements.Add(int64(n))
		answers.Add(1)
	}
	return res, err
}

// perRequest returns the statements per answer since it was last called.
func perRequest() float64 {
	s, a := statements.Swap(0), answers.Swap(0)
	return float64(s) / float64(max(a, 1))
}

// otherDatabase makes a database beside Accord's with a table to write to.
func otherDatabase() *sql.DB {
	benchkit.Recreate(elsewhere)
	db, err := sql.Open("pgx", benchkit.PostgresServer+elsewhere+"?sslmode=disable")
	if err != nil {
		log.Fatal(err)
	}
	if _, err := db.Exec(`CREATE TABLE events (id BIGSERIAL PRIMARY KEY, at TIMESTAMPTZ NOT NULL DEFAULT now())`); err != nil {
		log.Fatal(err)
	}
	return db
}

// writeTo inserts perSecond rows a second into db's table until the
// returned function is called, which returns how many it inserted.
func writeTo(db *sql.DB, perSecond int) func() int {
	done, n := make(chan struct{}), make(chan int)
	go func() {
		inserted := 0
		tick := time.NewTicker(time.Second / time.Duration(max(perSecond, 1)))
		defer tick.Stop()
		for {
			select {
			case <-done:
				n <- inserted
				return
			case <-tick.C:
				if perSecond > 0 {
					if _, err := db.Exec(`INSERT INTO events DEFAULT VALUES`); err != nil {
						log.Fatal(err)
					}
					inserted++
				}
			}
		}
	}()
	return func() int { close(done); return <-n }
}
