package store_test

import (
	"strconv"
	"testing"
	"time"

	"github.com/accordhq/accord/internal/store"
	"github.com/accordhq/accord/internal/store/storetest"
)

// BenchmarkCreateOrganization measures a write transaction on PostgreSQL
// with its time from the database (the default, one more statement) and
// from the instance's clock:
// go test -run '^$' -bench CreateOrganization ./internal/store/
func BenchmarkCreateOrganization(b *testing.B) {
	for _, clock := range []string{"database", "instance"} {
		b.Run(clock, func(b *testing.B) {
			db := storetest.Open(b, store.Postgres)
			if clock == "instance" {
				db.UseClock(func() time.Time { return time.Now().UTC() })
			}
			for i := 0; b.Loop(); i++ {
				storetest.MustCreateOrg(b, db, storetest.NewOrg("Organization "+strconv.Itoa(i), ""))
			}
		})
	}
}
