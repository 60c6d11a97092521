package storetest

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/accordhq/accord/internal/store"
)

// A test gets its database as a copy of one migrated once, not by running
// every migration again: 47 ms of migrations per SQLite database and 390 ms
// per PostgreSQL schema, against a file copy and a CREATE DATABASE … TEMPLATE
// of about 80 ms.

var sqliteTemplate struct {
	once sync.Once
	file []byte
	err  error
}

// sqliteCopy writes a migrated SQLite database to a file of the test's own.
func sqliteCopy(t testing.TB) string {
	t.Helper()
	sqliteTemplate.once.Do(func() { sqliteTemplate.file, sqliteTemplate.err = migratedSQLite() })
	if sqliteTemplate.err != nil {
		t.Fatalf("migrating the template database: %v", sqliteTemplate.err)
	}
	file := filepath.Join(t.TempDir(), "accord.db")
	if err := os.WriteFile(file, sqliteTemplate.file, 0o600); err != nil {
		t.Fatal(err)
	}
	return file
}

// migratedSQLite migrates a new SQLite database and returns its file.
func migratedSQLite() ([]byte, error) {
	dir, err := os.MkdirTemp("", "accord-template-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	file := filepath.Join(dir, "accord.db")
	if err := migrate("sqlite:" + file); err != nil {
		return nil, err
	}
	// Closing the last connection checkpoints the write-ahead log into the
	// file and removes the log; a log left over would hold part of the schema.
	if _, err := os.Stat(file + "-wal"); !errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("the write-ahead log of %s is still there after closing (%v)", file, err)
	}
	return os.ReadFile(file)
}

// migrate opens the database at dsn, migrates it and closes it.
func migrate(dsn string) error {
	ctx := context.Background()
	db, err := store.Open(ctx, dsn)
	if err != nil {
		return err
	}
	if _, err := db.Migrate(ctx); err != nil {
		db.Close()
		return err
	}
	return db.Close()
}

// postgresCopy creates a database of the test's own from a migrated
// template database, made once per set of migrations by whichever test
// process comes first, and returns its DSN.
func postgresCopy(t testing.TB, base string) string {
	t.Helper()
	u, err := url.Parse(base)
	if err != nil || u.Scheme == "" {
		t.Fatalf("ACCORD_TEST_POSTGRES=%q: want a postgres:// URL", base)
	}
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	template, err := postgresTemplate(admin, *u)
	if err != nil {
		t.Fatalf("postgres template at %s: %v", base, err)
	}
	name := "test_" + randomHex(6)
	if _, err := admin.Exec("CREATE DATABASE " + name + " TEMPLATE " + template); err != nil {
		t.Fatalf("postgres at %s: %v", base, err)
	}
	t.Cleanup(func() {
		// After the test's own Cleanup closed its pool; FORCE ends any
		// connection a failed test left behind.
		if admin, err := sql.Open("pgx", base); err == nil {
			_, _ = admin.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")
			admin.Close()
		}
	})
	return withDatabase(*u, name)
}

// postgresTemplate returns the name of the template database for the
// current migrations, creating it if no test process has yet. An advisory
// lock keeps test processes of several packages from building it at once;
// it is built under another name and renamed when complete, so that a
// process killed half-way leaves nothing that looks finished.
func postgresTemplate(admin *sql.DB, base url.URL) (string, error) {
	ms, err := store.Migrations(store.Postgres)
	if err != nil {
		return "", err
	}
	h := sha256.New()
	for _, m := range ms {
		fmt.Fprintf(h, "%s\x00%s\x00", m.Name, m.SQL)
	}
	name := "accord_template_" + hex.EncodeToString(h.Sum(nil))[:12]

	ctx := context.Background()
	conn, err := admin.Conn(ctx)
	if err != nil {
		return "", err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_lock(7226002)`); err != nil {
		return "", err
	}
	defer conn.ExecContext(ctx, `SELECT pg_advisory_unlock(7226002)`) //nolint:errcheck
	var exists bool
	if err := conn.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)`, name).Scan(&exists); err != nil || exists {
		return name, err
	}
	building := name + "_building"
	if _, err := conn.ExecContext(ctx, "DROP DATABASE IF EXISTS "+building+" WITH (FORCE)"); err != nil {
		return "", err
	}
	if _, err := conn.ExecContext(ctx, "CREATE DATABASE "+building); err != nil {
		return "", err
	}
	if err := migrate(withDatabase(base, building)); err != nil {
		return "", err
	}
	_, err = conn.ExecContext(ctx, "ALTER DATABASE "+building+" RENAME TO "+name)
	return name, err
}

// withDatabase is the DSN base with another database name.
func withDatabase(base url.URL, name string) string {
	base.Path = "/" + name
	return base.String()
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
