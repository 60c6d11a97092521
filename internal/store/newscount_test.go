package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/querycount"
	"github.com/accordhq/accord/internal/store/storetest"
)

// TestPublicNewsCountKept: the public list's total is kept between
// requests while nothing changes but the clock (the second request runs one statement
// fewer), yet counts a scheduled item as soon as its time comes, with no
// write to drop what was kept.
func TestPublicNewsCountKept(t *testing.T) {
	for _, d := range storetest.Dialects {
		t.Run(string(d), func(t *testing.T) {
			db := storetest.Open(t, d)
			clock := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
			db.UseClock(func() time.Time { return clock })
			ctx := storetest.Admin()
			due := clock.Add(time.Hour)
			for _, n := range []*accord.NewsItem{
				{Slug: "published", Status: accord.NewsPublished},
				{Slug: "scheduled", Status: accord.NewsScheduled, PublishAt: &due},
			} {
				n.Translations = []accord.NewsTranslation{{Lang: "en", Title: n.Slug}}
				if err := db.CreateNews(ctx, n); err != nil {
					t.Fatal(err)
				}
			}
			list := func(want int) int64 {
				t.Helper()
				counted, statements := querycount.With(context.Background())
				_, total, err := db.ListPublicNews(counted, accord.NewsFilter{})
				if err != nil {
					t.Fatal(err)
				}
				if total != want {
					t.Fatalf("at %s: %d public items, want %d", clock.Format(time.Kitchen), total, want)
				}
				return statements.Load()
			}
			first := list(1)
			clock = clock.Add(time.Second) // as a next request's clock would
			if again := list(1); again != first-1 {
				t.Errorf("the second request ran %d statements, the first %d: the total was not kept", again, first)
			}
			clock = due
			list(2)
		})
	}
}
