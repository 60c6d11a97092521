package store_test

import (
	"database/sql"
	"strconv"
	"sync/atomic"
	"testing"

	"github.com/accordhq/accord/internal/store"
	"github.com/accordhq/accord/internal/store/storetest"
)

// BenchmarkConcurrentWrites measures what migration 0024's triggers cost
// writers on PostgreSQL: 16 goroutines creating organizations, with the
// data version kept in one row per connection slot (as migrated), in one
// row for every writer, and not kept at all:
// go test -run '^$' -bench ConcurrentWrites ./internal/store/
func BenchmarkConcurrentWrites(b *testing.B) {
	variants := map[string]string{
		"slots":      "",
		"one_row":    `CREATE OR REPLACE FUNCTION data_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN UPDATE data_version SET version = version + 1 WHERE slot = 0; RETURN NULL; END $$`,
		"no_counter": `DROP FUNCTION data_version_bump() CASCADE`,
	}
	for _, name := range []string{"no_counter", "slots", "one_row"} {
		b.Run(name, func(b *testing.B) {
			db := storetest.Open(b, store.Postgres)
			if change := variants[name]; change != "" {
				raw, err := sql.Open("pgx", db.DSN())
				if err != nil {
					b.Fatal(err)
				}
				defer raw.Close()
				if _, err := raw.Exec(change); err != nil {
					b.Fatal(err)
				}
			}
			var n atomic.Int64
			b.SetParallelism(8)
			b.ResetTimer()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					storetest.MustCreateOrg(b, db, storetest.NewOrg("Organization "+strconv.FormatInt(n.Add(1), 10), ""))
				}
			})
		})
	}
}
