package store_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/accordhq/accord/internal/store"
	"github.com/accordhq/accord/internal/store/storetest"
)

// TestOptionsApplied: the pool size and the statement timeout reach the
// database on each dialect, and migrations still run under a timeout
// shorter than they take.
func TestOptionsApplied(t *testing.T) {
	for _, d := range storetest.Dialects {
		t.Run(string(d), func(t *testing.T) {
			ctx := context.Background()
			db, err := store.OpenWith(ctx, freshDSN(t, d), store.Options{PoolSize: 3, ConnMaxLifetime: time.Minute, StatementTimeout: 20 * time.Millisecond})
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			if _, err := db.Migrate(ctx); err != nil {
				t.Fatalf("migrate under a 20ms statement timeout: %v", err)
			}
			pool := store.ReadPool(db)
			if n := pool.Stats().MaxOpenConnections; n != 3 {
				t.Errorf("pool of %d connections, want 3", n)
			}
			var got string
			query, want := `SHOW statement_timeout`, "20ms"
			if d == store.SQLite {
				query, want = `PRAGMA busy_timeout`, "20"
			}
			if err := pool.QueryRowContext(ctx, query).Scan(&got); err != nil || got != want {
				t.Errorf("%s: %q (%v), want %q", query, got, err, want)
			}
			if d == store.Postgres {
				_, err := pool.ExecContext(ctx, `SELECT pg_sleep(1)`)
				if err == nil || !strings.Contains(err.Error(), "statement timeout") {
					t.Errorf("a statement of 1 s under a 20ms timeout: %v", err)
				}
			}
		})
	}
}

// TestOptionsRefused: out-of-range options are refused with the setting named.
func TestOptionsRefused(t *testing.T) {
	for _, tc := range []struct {
		opts store.Options
		want string
	}{
		{store.Options{PoolSize: -1}, "pool size -1"},
		{store.Options{ConnMaxLifetime: time.Millisecond}, "connection lifetime 1ms"},
		{store.Options{StatementTimeout: 2 * time.Hour}, "statement timeout 2h0m0s"},
	} {
		if err := tc.opts.Validate(); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%+v: %v, want an error naming %q", tc.opts, err, tc.want)
		}
	}
}

// TestStatementTimeoutInMultiHostDSN: a DSN naming several hosts, as one
// for a Patroni cluster does, still gets the statement timeout.
func TestStatementTimeoutInMultiHostDSN(t *testing.T) {
	dsn := "postgres://accord@db1:5432,db2:5432/accord?target_session_attrs=read-write"
	got := store.PostgresDSN(store.Options{StatementTimeout: 30 * time.Second}, dsn)
	if got != dsn+"&statement_timeout=30000" {
		t.Errorf("DSN with a statement timeout: %q", got)
	}
}
