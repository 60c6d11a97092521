package site

import (
	"strings"
	"testing"
	"time"

	"github.com/accordhq/accord/internal/store/storetest"
	"github.com/accordhq/accord/internal/web/webtest"
)

// TestPublicArticleNeverStale: a news page read once, then edited, shows
// the edit at once; each language keeps its own page.
func TestPublicArticleNeverStale(t *testing.T) {
	now := time.Now()
	e := newClockEnv(t, &now)
	webtest.PublicWorld(t, e.db, now)
	b := e.browser()
	if body := b.Get("/en/news/oic-who").Body; !strings.Contains(body, "OIC, WHO enhance cooperation") {
		t.Fatalf("the English page does not show its title")
	}
	if body := b.Get("/fr/news/oic-who").Body; !strings.Contains(body, "renforcent leur coopération") {
		t.Fatalf("the French page shows the English one")
	}
	ctx := storetest.Admin()
	n, err := e.db.PublicNewsBySlug(ctx, "oic-who")
	if err != nil {
		t.Fatal(err)
	}
	n.Translations[0].Title = "OIC and WHO sign a new memorandum"
	if err := e.db.UpdateNews(ctx, n); err != nil {
		t.Fatal(err)
	}
	if body := b.Get("/en/news/oic-who").Body; !strings.Contains(body, "OIC and WHO sign a new memorandum") {
		t.Error("the page read before the edit is served from the cache")
	}
}
