package store_test

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/accordhq/accord/internal/store"
	"github.com/accordhq/accord/internal/store/storetest"
)

// freshDSN is the DSN of an empty database of the dialect, not migrated.
func freshDSN(t *testing.T, d store.Dialect) string {
	t.Helper()
	if d == store.SQLite {
		return "sqlite:" + filepath.Join(t.TempDir(), "accord.db")
	}
	base := os.Getenv("ACCORD_TEST_POSTGRES")
	if base == "" {
		t.Skip("ACCORD_TEST_POSTGRES is not set")
	}
	return storetest.PostgresSchema(t, base)
}

// Instances started together on an empty database all migrate it without
// error, and every migration is applied exactly once.
func TestMigrateConcurrentInstances(t *testing.T) {
	const instances = 6
	for _, d := range storetest.Dialects {
		t.Run(string(d), func(t *testing.T) {
			dsn := freshDSN(t, d)
			ctx := context.Background()
			applied := make([]int, instances)
			errs := make([]error, instances)
			var start, wg sync.WaitGroup
			start.Add(1)
			for i := range instances {
				wg.Go(func() {
					db, err := store.Open(ctx, dsn)
					if err != nil {
						errs[i] = err
						return
					}
					defer db.Close()
					start.Wait()
					applied[i], errs[i] = db.Migrate(ctx)
				})
			}
			start.Done()
			wg.Wait()
			total := 0
			for i, err := range errs {
				if err != nil {
					t.Errorf("instance %d: %v", i, err)
				}
				total += applied[i]
			}
			ms, err := store.Migrations(d)
			if err != nil {
				t.Fatal(err)
			}
			if total != len(ms) {
				t.Errorf("instances applied %d migrations in all, want each of the %d once", total, len(ms))
			}
		})
	}
}
