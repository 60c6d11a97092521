package store_test

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/store"
	"github.com/accordhq/accord/internal/store/storetest"
)

// A database that cannot take a write (its disk full, or read-only) gives
// the user a clear 503-class error, keeps what was saved before and is not
// corrupted: SQLite's integrity check passes and writes work again once
// the cause is gone.
func TestDiskFullAndReadOnly(t *testing.T) {
	ctx := storetest.Admin()
	create := func(db *store.DB, name string) error {
		return db.CreateOrganization(ctx, &accord.Organization{NameEN: name, Type: "40"})
	}
	refused := func(t *testing.T, err error, want string) {
		t.Helper()
		if accord.ErrorCode(err) != accord.EUNAVAILABLE || !strings.Contains(accord.ErrorMessage(err), want) {
			t.Fatalf("write refused with %q (code %q), want code %q saying %q", err, accord.ErrorCode(err), accord.EUNAVAILABLE, want)
		}
	}

	t.Run("sqlite disk full", func(t *testing.T) {
		file := filepath.Join(t.TempDir(), "accord.db")
		db := open(t, "sqlite:"+file)
		if _, err := db.Migrate(context.Background()); err != nil {
			t.Fatal(err)
		}
		if err := create(db, "Saved before the disk filled"); err != nil {
			t.Fatal(err)
		}
		db.Close()
		// A database that may not grow is a full disk to SQLite: fill what
		// free pages it has, until it refuses.
		full := open(t, fmt.Sprintf("sqlite:%s?_pragma=max_page_count(%d)", file, pageCount(t, file)))
		saved := []string{"Saved before the disk filled"}
		var err error
		for i := 0; err == nil && i < 10000; i++ {
			name := fmt.Sprintf("Saved while the disk filled %d %s", i, strings.Repeat("x", 200))
			if err = create(full, name); err == nil {
				saved = append(saved, name)
			}
		}
		refused(t, err, "disk is full")
		full.Close()

		db = open(t, "sqlite:"+file)
		if err := create(db, "Saved once space was freed"); err != nil {
			t.Fatalf("after the disk was freed: %v", err)
		}
		names := orgNames(t, db)
		for _, name := range append(saved, "Saved once space was freed") {
			if !names[name] {
				t.Errorf("%q was saved, then lost", name)
			}
		}
		if len(names) != len(saved)+1 {
			t.Errorf("%d organizations, want %d", len(names), len(saved)+1)
		}
		integrity(t, file)
	})

	t.Run("sqlite read-only", func(t *testing.T) {
		file := filepath.Join(t.TempDir(), "accord.db")
		db := open(t, "sqlite:"+file)
		if _, err := db.Migrate(context.Background()); err != nil {
			t.Fatal(err)
		}
		if err := create(db, "Saved while writable"); err != nil {
			t.Fatal(err)
		}
		ro := open(t, "sqlite:"+file+"?mode=ro")
		refused(t, create(ro, "Refused"), "read-only")
		if names := orgNames(t, ro); !names["Saved while writable"] || len(names) != 1 {
			t.Errorf("a read-only database reads %v", names)
		}
		ro.Close()
		db.Close()
		integrity(t, file)
	})

	t.Run("postgres read-only", func(t *testing.T) {
		base := os.Getenv("ACCORD_TEST_POSTGRES")
		if base == "" {
			t.Skip("ACCORD_TEST_POSTGRES is not set")
		}
		dsn := storetest.PostgresSchema(t, base)
		db := open(t, dsn)
		if _, err := db.Migrate(context.Background()); err != nil {
			t.Fatal(err)
		}
		if err := create(db, "Saved while writable"); err != nil {
			t.Fatal(err)
		}
		// What a standby, or a database an administrator made read-only, answers.
		ro := open(t, dsn+"&default_transaction_read_only=on")
		refused(t, create(ro, "Refused"), "read-only")
		if names := orgNames(t, ro); !names["Saved while writable"] || len(names) != 1 {
			t.Errorf("a read-only database reads %v", names)
		}
	})
}

func open(t *testing.T, dsn string) *store.DB {
	t.Helper()
	db, err := store.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func orgNames(t *testing.T, db *store.DB) map[string]bool {
	t.Helper()
	orgs, _, err := db.ListOrganizations(storetest.Admin(), accord.OrganizationFilter{})
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]bool{}
	for _, o := range orgs {
		names[o.NameEN] = true
	}
	return names
}

func pageCount(t *testing.T, file string) int {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+file)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.QueryRow(`PRAGMA page_count`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// integrity runs SQLite's own check of the file.
func integrity(t *testing.T, file string) {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+file)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var res string
	if err := db.QueryRow(`PRAGMA integrity_check`).Scan(&res); err != nil || res != "ok" {
		t.Fatalf("integrity check of %s: %q, %v", file, res, err)
	}
}

// A record that is only locked by another writer is not reported as
// missing: PostgreSQL's lock timeout reaches the user as what it is, not as
// "does not exist".
func TestLockedIsNotNotFound(t *testing.T) {
	base := os.Getenv("ACCORD_TEST_POSTGRES")
	if base == "" {
		t.Skip("ACCORD_TEST_POSTGRES is not set")
	}
	ctx := storetest.Admin()
	dsn := storetest.PostgresSchema(t, base)
	db := open(t, dsn)
	if _, err := db.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	e := &accord.Engagement{Kind: "meeting", Title: "Held by another writer", Date: "2022-07-22"}
	if err := db.CreateEngagement(ctx, e); err != nil {
		t.Fatal(err)
	}
	other, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	tx, err := other.Begin()
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	if _, err := tx.Exec(`SELECT id FROM engagements WHERE id = $1 FOR UPDATE`, e.ID); err != nil {
		t.Fatal(err)
	}
	impatient := open(t, dsn+"&lock_timeout=200ms")
	e.Title = "Changed meanwhile"
	err = impatient.UpdateEngagement(ctx, e)
	if err == nil || accord.ErrorCode(err) == accord.ENOTFOUND {
		t.Fatalf("updating a locked engagement: %v (code %q), want the lock timeout, not not-found", err, accord.ErrorCode(err))
	}
}
