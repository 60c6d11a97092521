package demo

import (
	"slices"
	"testing"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/store"
	"github.com/accordhq/accord/internal/store/storetest"
)

// TestNewsDemo: the demo publishes the Geneva visit's news, the WHO release
// in three languages, each item linked to the engagement it reports.
func TestNewsDemo(t *testing.T) {
	db := storetest.Open(t, store.SQLite)
	ctx := storetest.Admin()
	if ok, err := Load(ctx, db); err != nil || !ok {
		t.Fatalf("load: %v %v", ok, err)
	}
	items, total, err := db.ListPublicNews(ctx, accord.NewsFilter{PerPage: 10})
	if err != nil || total != 3 {
		t.Fatalf("public news: %d %v", total, err)
	}
	release, err := db.PublicNewsBySlug(ctx, "oic-who-enhance-cooperation-in-health")
	if err != nil || !slices.Equal(release.Langs(), []string{"en", "fr", "ar"}) {
		t.Fatalf("release: %v %v", release, err)
	}
	for _, n := range items {
		full, err := db.GetNews(ctx, n.ID)
		if err != nil || len(full.Links) != 1 || full.Links[0].Entity != "engagement" {
			t.Errorf("%s is not linked to its engagement: %v", n.Slug, err)
		}
	}
}
