package storetest

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/accordhq/accord/internal/store"
)

// testThrottles checks the shared rate limit: counts per key in a window,
// the wait it reports, a fresh window once it ends, refunds, and no lost count when
// many requests race on one key.
func testThrottles(t *testing.T, db *store.DB) {
	ctx := context.Background()
	var mu sync.Mutex
	now := time.Date(2026, 12, 7, 10, 0, 0, 0, time.UTC)
	db.UseClock(func() time.Time { mu.Lock(); defer mu.Unlock(); return now })
	advance := func(d time.Duration) { mu.Lock(); now = now.Add(d); mu.Unlock() }

	for i := 1; i <= 3; i++ {
		if ok, _, err := db.Throttle(ctx, "signin-account:a@example.org", 3, time.Minute); !ok || err != nil {
			t.Fatalf("event %d of 3: allowed %v, %v", i, ok, err)
		}
	}
	if ok, _, _ := db.Throttle(ctx, "signin-account:b@example.org", 3, time.Minute); !ok {
		t.Error("another key is refused")
	}
	advance(20 * time.Second)
	ok, wait, err := db.Throttle(ctx, "signin-account:a@example.org", 3, time.Minute)
	if ok || err != nil || wait != 40*time.Second {
		t.Errorf("4th event: allowed %v, wait %s, %v; want refused, 40s", ok, wait, err)
	}
	advance(41 * time.Second)
	if ok, _, _ := db.Throttle(ctx, "signin-account:a@example.org", 3, time.Minute); !ok {
		t.Error("after the window the first event is refused")
	}
	// A refunded event leaves room for another.
	for range 2 {
		db.Throttle(ctx, "signin-account:a@example.org", 3, time.Minute)
	}
	if err := db.ThrottleRefund(ctx, "signin-account:a@example.org"); err != nil {
		t.Fatal(err)
	}
	if ok, _, _ := db.Throttle(ctx, "signin-account:a@example.org", 3, time.Minute); !ok {
		t.Error("3 events with one refunded: the next is refused")
	}
	if ok, _, _ := db.Throttle(ctx, "signin-account:a@example.org", 3, time.Minute); ok {
		t.Error("4 events with one refunded: the next is allowed")
	}

	// 40 racing events against a limit of 10: exactly 10 allowed.
	var allowed atomic.Int32
	var wg sync.WaitGroup
	for range 40 {
		wg.Go(func() {
			ok, _, err := db.Throttle(ctx, "contact-addr:192.0.2.7", 10, time.Hour)
			if err != nil {
				t.Error(err)
			}
			if ok {
				allowed.Add(1)
			}
		})
	}
	wg.Wait()
	if n := allowed.Load(); n != 10 {
		t.Errorf("racing events: %d allowed, want 10", n)
	}
}
