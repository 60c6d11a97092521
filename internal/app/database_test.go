package app

import (
	"context"
	"database/sql"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestDatabaseSettingsRefused: bad pool, lifetime and timeout settings stop
// the start with a message naming each.
func TestDatabaseSettingsRefused(t *testing.T) {
	for _, c := range []struct {
		env  map[string]string
		args []string
		want string
	}{
		{map[string]string{"ACCORD_DB_POOL": "many"}, []string{"serve"}, "ACCORD_DB_POOL"},
		{map[string]string{"ACCORD_DB_STATEMENT_TIMEOUT": "soon"}, []string{"migrate"}, "ACCORD_DB_STATEMENT_TIMEOUT"},
		{nil, []string{"serve", "--db-pool", "-3", "--db-conn-lifetime", "5ms"}, "database pool size -3"},
		{nil, []string{"serve", "--db-conn-lifetime", "5ms"}, "database connection lifetime 5ms"},
		{map[string]string{"ACCORD_NO_MIGRATE": "maybe"}, []string{"serve"}, "ACCORD_NO_MIGRATE"},
	} {
		code, _, errs := run(t, c.env, "", c.args...)
		if code != 1 || !strings.Contains(errs, c.want) {
			t.Errorf("accord %v with %v: exit %d %q; want 1 and %q", c.args, c.env, code, errs, c.want)
		}
	}
}

// TestServeNoMigrate: serve --no-migrate refuses a database behind the
// binary, naming what to run, and serves one that is up to date or ahead.
func TestServeNoMigrate(t *testing.T) {
	file := filepath.Join(t.TempDir(), "accord.db")
	cfg := Config{Addr: "127.0.0.1:0", DB: "sqlite:" + file, LogFormat: "text", LogLevel: "error", SessionTTL: time.Hour, NoMigrate: true}
	if s, err := Start(context.Background(), cfg, discardLogger()); err == nil {
		s.Shutdown()
		t.Fatal("serve --no-migrate started on an empty database")
	} else if !strings.Contains(err.Error(), "accord migrate") || !strings.Contains(err.Error(), "0001_foundation.sql") {
		t.Errorf("serve --no-migrate on an empty database: %v", err)
	}
	if code, _, errs := run(t, map[string]string{"ACCORD_DB": cfg.DB}, "", "migrate"); code != 0 {
		t.Fatalf("migrate: %s", errs)
	}
	// A newer binary's migration: this one still serves.
	raw, err := sql.Open("sqlite", "file:"+file)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	if _, err := raw.Exec(`INSERT INTO schema_migrations (version, name) VALUES (9999, '9999_from_a_newer_release.sql')`); err != nil {
		t.Fatal(err)
	}
	s, err := Start(context.Background(), cfg, discardLogger())
	if err != nil {
		t.Fatalf("serve --no-migrate on a migrated database: %v", err)
	}
	s.Shutdown()
	if _, err := raw.Exec(`DELETE FROM schema_migrations WHERE version = (SELECT MAX(version) FROM schema_migrations WHERE version < 9999)`); err != nil {
		t.Fatal(err)
	}
	if s, err := Start(context.Background(), cfg, discardLogger()); err == nil {
		s.Shutdown()
		t.Error("serve --no-migrate started on a database lacking the latest migration")
	}
}
