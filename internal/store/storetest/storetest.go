// Package storetest is the conformance suite every Accord store must pass.
// It runs against SQLite always and against PostgreSQL when
// ACCORD_TEST_POSTGRES holds a DSN.
package storetest

import (
	"context"
	"database/sql"
	"net/url"
	"os"
	"testing"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/store"
	_ "github.com/jackc/pgx/v5/stdlib" // for creating test schemas
)

// Open returns a freshly migrated, empty database of the given dialect,
// removed when the test ends: a copy of a database migrated once (see
// template.go). PostgreSQL tests each get a database of their own; without
// ACCORD_TEST_POSTGRES they are skipped.
func Open(t testing.TB, dialect store.Dialect) *store.DB {
	t.Helper()
	var dsn string
	switch dialect {
	case store.SQLite:
		dsn = "sqlite:" + sqliteCopy(t)
	case store.Postgres:
		base := os.Getenv("ACCORD_TEST_POSTGRES")
		if base == "" {
			t.Skip("ACCORD_TEST_POSTGRES is not set")
		}
		dsn = postgresCopy(t, base)
	}
	db, err := store.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// PostgresSchema creates a schema of its own for the test and returns a DSN using it.
func PostgresSchema(t testing.TB, base string) string {
	t.Helper()
	schema := "test_" + randomHex(6)
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := admin.Exec("CREATE SCHEMA " + schema); err != nil {
		t.Fatalf("postgres at %s: %v", base, err)
	}
	t.Cleanup(func() {
		_, _ = admin.Exec("DROP SCHEMA " + schema + " CASCADE")
		admin.Close()
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

// Dialects lists the dialects a test should run on.
var Dialects = []store.Dialect{store.SQLite, store.Postgres}

// Admin is a context acting as the system administrator.
func Admin() context.Context { return accord.WithActor(context.Background(), accord.SystemActor) }

// As is a context acting as the given user.
func As(u *accord.User) context.Context {
	return accord.WithActor(context.Background(), accord.ActorFor(u))
}
