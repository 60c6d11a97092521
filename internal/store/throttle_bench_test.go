package store_test

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/accordhq/accord/internal/store/storetest"
)

// BenchmarkThrottle measures what a sign-in or public form post pays for
// its shared rate limit: one upsert, on keys spread over 1,000 clients.
func BenchmarkThrottle(b *testing.B) {
	for _, d := range storetest.Dialects {
		b.Run(string(d), func(b *testing.B) {
			db := storetest.Open(b, d)
			ctx := context.Background()
			for i := 0; b.Loop(); i++ {
				if _, _, err := db.Throttle(ctx, "contact-addr:192.0.2."+strconv.Itoa(i%1000), 5, 10*time.Minute); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
