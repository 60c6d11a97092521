package store

import (
	"context"
	"database/sql"
	"os"
	"sync"
	"testing"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/querycount"
)

// The data version moves with a write to this database and not with
// writes to another schema or database on the same server: on PostgreSQL
// it once moved with any write anywhere, and every kept count was lost
// with it.
func TestDataVersionIsPerDatabase(t *testing.T) {
	for _, d := range []Dialect{SQLite, Postgres} {
		t.Run(string(d), func(t *testing.T) {
			db, other := openForBulk(t, d), openForBulk(t, d)
			ctx := accord.WithActor(context.Background(), accord.SystemActor)
			last, err := db.dialect.dataVersion(ctx, db)
			if err != nil {
				t.Fatal(err)
			}
			moved := func(what string, want bool) {
				t.Helper()
				v, err := db.dialect.dataVersion(ctx, db)
				if err != nil {
					t.Fatal(err)
				}
				if (v != last) != want {
					t.Errorf("%s: version %s → %s; moved should be %v", what, last, v, want)
				}
				last = v
			}
			if err := other.CreateOrganization(ctx, &accord.Organization{NameEN: "World Health Organization", Acronym: "WHO", Type: "40"}); err != nil {
				t.Fatal(err)
			}
			moved("an organization created in another "+map[Dialect]string{SQLite: "database", Postgres: "schema"}[d], false)
			if d == Postgres {
				writeElsewhere(t)
				moved("a write to another database on the server", false)
			}
			o := &accord.Organization{NameEN: "Islamic Development Bank", Acronym: "IsDB", Type: "40"}
			if err := db.CreateOrganization(ctx, o); err != nil {
				t.Fatal(err)
			}
			moved("an organization created here", true)
			if _, err := db.ArchiveOrganization(ctx, o.ID, o.Version, true); err != nil {
				t.Fatal(err)
			}
			moved("an organization archived here", true)
			moved("nothing written", false)
		})
	}
}

// writeElsewhere writes to the database named by ACCORD_TEST_POSTGRES, in a
// temporary table, which moved pg_current_snapshot() as any write does.
func writeElsewhere(t *testing.T) {
	t.Helper()
	conn, err := sql.Open("pgx", os.Getenv("ACCORD_TEST_POSTGRES"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetMaxOpenConns(1)
	for _, q := range []string{`CREATE TEMP TABLE elsewhere (i INT)`, `INSERT INTO elsewhere VALUES (1)`} {
		if _, err := conn.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
}

// Requests that miss one total at the same time run its count once and
// all get its answer.
func TestConcurrentCountMissesCountOnce(t *testing.T) {
	// Slow enough on both databases (a tenth of a second or so) that the
	// requests overlap.
	const slow = `WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < ?) SELECT COUNT(*) FROM r`
	for _, d := range []Dialect{SQLite, Postgres} {
		t.Run(string(d), func(t *testing.T) {
			db := openForBulk(t, d)
			const requests = 8
			var (
				start, done sync.WaitGroup
				mu          sync.Mutex
				statements  int64
				answers     = map[int]int{}
			)
			start.Add(1)
			for range requests {
				done.Add(1)
				go func() {
					defer done.Done()
					ctx, n := querycount.With(context.Background())
					start.Wait()
					total, err := db.count(ctx, slow, 300000)
					if err != nil {
						t.Error(err)
					}
					mu.Lock()
					statements += n.Load()
					answers[total]++
					mu.Unlock()
				}()
			}
			start.Done()
			done.Wait()
			if answers[300000] != requests {
				t.Errorf("answers: %v, want %d × 300000", answers, requests)
			}
			// A request that finds the total kept runs only what reads
			// the version (no statement on SQLite, which reads a pragma).
			ctx, hit := querycount.With(context.Background())
			if _, err := db.count(ctx, slow, 300000); err != nil {
				t.Fatal(err)
			}
			if want := requests*hit.Load() + 1; statements != want {
				t.Errorf("%d statements for %d requests, want %d: one count", statements, requests, want)
			}
		})
	}
}

// Every PostgreSQL table moves the data version when written, except the
// ones migration 0024 names as read by no count: a table added later
// without the trigger would leave its lists' totals stale.
func TestEveryCountedTableMovesTheDataVersion(t *testing.T) {
	db := openForBulk(t, Postgres)
	notCounted := map[string]bool{"sessions": true, "tokens": true, "throttles": true, "idempotency_keys": true, "jobs": true,
		"reminder_digests": true, "site_keys": true, "meta": true, "funding_version": true, "data_version": true, "schema_migrations": true}
	rows, err := db.read.QueryContext(context.Background(), `SELECT c.relname FROM pg_class c
		WHERE c.relkind IN ('r', 'p') AND c.relnamespace = current_schema()::regnamespace
		AND NOT EXISTS (SELECT 1 FROM pg_trigger g WHERE g.tgrelid = c.oid AND g.tgname = c.relname || '_data_version')
		ORDER BY 1`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var table string
		if err := rows.Scan(&table); err != nil {
			t.Fatal(err)
		}
		if !notCounted[table] {
			t.Errorf("table %s has no %s_data_version trigger", table, table)
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
}
