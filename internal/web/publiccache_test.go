package web

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/accordhq/accord/internal/store/storetest"
)

// TestRenderedPagesEvictsLeastRecentlyUsed: the cache keeps within its
// size, dropping the page read longest ago.
func TestRenderedPagesEvictsLeastRecentlyUsed(t *testing.T) {
	c := newRenderedPages(16 * 100)
	body := make([]byte, 96) // with its 4-byte key, 100 bytes
	for i := range 16 {
		c.put(fmt.Sprintf("k%03d", i)[:4], body)
	}
	if _, ok := c.get("k000"); !ok { // k000 is now the most recently used
		t.Fatal("a page within the size is not kept")
	}
	c.put("k016", body)
	if _, ok := c.get("k001"); ok {
		t.Error("the least recently used page is kept past the size")
	}
	if _, ok := c.get("k000"); !ok {
		t.Error("a page read since was dropped instead of the oldest")
	}
	if c.size > c.max {
		t.Errorf("size %d over max %d", c.size, c.max)
	}
	c.put("huge", make([]byte, c.max))
	if _, ok := c.get("huge"); ok {
		t.Error("a page larger than a sixteenth of the cache is kept")
	}
}

// TestPublicArticleNeverStale: a news page read once, then edited, shows
// the edit at once; each language keeps its own page.
func TestPublicArticleNeverStale(t *testing.T) {
	now := time.Now()
	e := newClockEnv(t, &now)
	publicWorld(t, e, now)
	b := e.browser()
	if body := b.get("/en/news/oic-who").Body; !strings.Contains(body, "OIC, WHO enhance cooperation") {
		t.Fatalf("the English page does not show its title")
	}
	if body := b.get("/fr/news/oic-who").Body; !strings.Contains(body, "renforcent leur coopération") {
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
	if body := b.get("/en/news/oic-who").Body; !strings.Contains(body, "OIC and WHO sign a new memorandum") {
		t.Error("the page read before the edit is served from the cache")
	}
}
