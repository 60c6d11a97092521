package webkit

import (
	"container/list"
	"sync"
)

// RenderedPages keeps pages as they were rendered, by a key that says all
// they depend on (a public page's ETag and address, a dashboard's content
// at its data's version), so that a page read by many is rendered
// (Markdown, sanitizing, template) once per version rather than once per
// reader. The key is computed from the database on every request, so a
// change made through any Accord instance is served at once; the cache
// only saves the work of turning the same version into the same bytes.
// Least recently used pages go first when the cache holds more than max
// bytes.
type RenderedPages struct {
	mu    sync.Mutex
	max   int
	size  int
	order *list.List // of *renderedPage, most recently used first
	byKey map[string]*list.Element
}

type renderedPage struct {
	key  string
	body []byte
}

// NewRenderedPages returns an empty cache of at most maxBytes.
func NewRenderedPages(maxBytes int) *RenderedPages {
	return &RenderedPages{max: maxBytes, order: list.New(), byKey: map[string]*list.Element{}}
}

// Get returns the page kept under key.
func (c *RenderedPages) Get(key string) ([]byte, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.byKey[key]
	if !ok {
		return nil, false
	}
	c.order.MoveToFront(e)
	return e.Value.(*renderedPage).body, true
}

// Put keeps body under key, unless it would take more than a sixteenth
// of the cache.
func (c *RenderedPages) Put(key string, body []byte) {
	if len(body) > c.max/16 {
		return // one page must not push out many
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.byKey[key]; ok {
		return
	}
	c.byKey[key] = c.order.PushFront(&renderedPage{key, body})
	c.size += len(key) + len(body)
	for c.size > c.max {
		last := c.order.Back()
		p := c.order.Remove(last).(*renderedPage)
		delete(c.byKey, p.key)
		c.size -= len(p.key) + len(p.body)
	}
}
