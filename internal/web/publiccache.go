package web

import (
	"container/list"
	"net/http"
	"sync"
)

// renderedPages keeps public pages as they were rendered, by ETag and
// address, so that a page read by many is rendered (Markdown, sanitizing,
// template) once per version rather than once per reader. The ETag is
// computed from the database on every request, so a change made through
// any Accord instance is served at once; the cache only saves the work of
// turning the same version into the same bytes. Least recently used pages
// go first when the cache holds more than max bytes.
type renderedPages struct {
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

func newRenderedPages(maxBytes int) *renderedPages {
	return &renderedPages{max: maxBytes, order: list.New(), byKey: map[string]*list.Element{}}
}

func (c *renderedPages) get(key string) ([]byte, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.byKey[key]
	if !ok {
		return nil, false
	}
	c.order.MoveToFront(e)
	return e.Value.(*renderedPage).body, true
}

func (c *renderedPages) put(key string, body []byte) {
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

// renderPublicCached answers a public page whose ETag is etag: from the
// rendered pages if this version of it is there, else by rendering what
// page returns (called only then) with the template name.
func (s *Server) renderPublicCached(w http.ResponseWriter, r *http.Request, etag, name string, page func() (any, error)) error {
	key := etag + " " + r.Host + r.URL.RequestURI()
	if body, ok := s.rendered.get(key); ok {
		return writeHTML(w, http.StatusOK, body)
	}
	data, err := page()
	if err != nil {
		return err
	}
	body, err := s.executePublic(name, data)
	if err != nil {
		return err
	}
	s.rendered.put(key, body)
	return writeHTML(w, http.StatusOK, body)
}
