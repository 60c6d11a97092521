package web

import (
	"net/http"
	"strings"
	"testing"
)

// TestStaticOnlyUnderOwnHash: a page links its styles under this build's
// content hash, served as immutable; another build's hash is 404, so that
// during a rolling deploy no cache keeps one build's file under another's
// address.
func TestStaticOnlyUnderOwnHash(t *testing.T) {
	e := newEnv(t)
	b := e.browser()
	href, ok := b.get("/app/login").Doc.Find(`link[rel="stylesheet"]`).Attr("href")
	if !ok || !strings.HasPrefix(href, "/static/") {
		t.Fatalf("the sign-in page links its styles at %q", href)
	}
	own := b.get(href)
	if own.StatusCode != http.StatusOK || !strings.Contains(own.Header.Get("Cache-Control"), "immutable") {
		t.Errorf("%s: %d %q", href, own.StatusCode, own.Header.Get("Cache-Control"))
	}
	hash := strings.Split(href, "/")[2]
	other := strings.Replace(href, hash, "0123456789ab", 1)
	p := b.get(other)
	if p.StatusCode != http.StatusNotFound || strings.Contains(p.Header.Get("Cache-Control"), "max-age") {
		t.Errorf("%s (another build's hash): %d %q, want 404 without a long cache lifetime", other, p.StatusCode, p.Header.Get("Cache-Control"))
	}
}
