package webkit

import (
	"fmt"
	"testing"
)

// TestRenderedPagesEvictsLeastRecentlyUsed: the cache keeps within its
// size, dropping the page read longest ago.
func TestRenderedPagesEvictsLeastRecentlyUsed(t *testing.T) {
	c := NewRenderedPages(16 * 100)
	body := make([]byte, 96) // with its 4-byte key, 100 bytes
	for i := range 16 {
		c.Put(fmt.Sprintf("k%03d", i)[:4], body)
	}
	if _, ok := c.Get("k000"); !ok { // k000 is now the most recently used
		t.Fatal("a page within the size is not kept")
	}
	c.Put("k016", body)
	if _, ok := c.Get("k001"); ok {
		t.Error("the least recently used page is kept past the size")
	}
	if _, ok := c.Get("k000"); !ok {
		t.Error("a page read since was dropped instead of the oldest")
	}
	if c.size > c.max {
		t.Errorf("size %d over max %d", c.size, c.max)
	}
	c.Put("huge", make([]byte, c.max))
	if _, ok := c.Get("huge"); ok {
		t.Error("a page larger than a sixteenth of the cache is kept")
	}
}
