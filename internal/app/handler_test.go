package app

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/accordhq/accord/internal/store"
	"github.com/accordhq/accord/internal/store/storetest"
)

// TestRootHandler: /api/ goes to the JSON API and the rest to the pages;
// both carry the headers they share, once, and the pages alone their
// Content-Security-Policy; each answers a bad query in its own form, and
// the pages' cross-origin protection is theirs (the API trusts no cookie).
func TestRootHandler(t *testing.T) {
	h, _, err := newHandler(storetest.Open(t, store.SQLite), Config{}, discardLogger(), nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		method, path, crossSite string
		status                  int
		kind                    string // the start of Content-Type
		page                    bool   // a page's headers, not the API's
	}{
		{"GET", "/app/login", "", http.StatusOK, "text/html", true},
		{"GET", "/api/v1/openapi.json", "", http.StatusOK, "application/json", false},
		{"GET", "/api/v1/nowhere", "", http.StatusNotFound, "application/problem+json", false},
		{"GET", "/api/v1/organizations?q=a%00b", "", http.StatusBadRequest, "application/problem+json", false},
		{"GET", "/app/login?next=%1b", "", http.StatusBadRequest, "text/html", true},
		{"POST", "/api/v1/organizations", "cross-site", http.StatusUnauthorized, "application/problem+json", false},
		{"POST", "/app/login", "cross-site", http.StatusForbidden, "text/plain", true},
	} {
		req := httptest.NewRequest(c.method, c.path, strings.NewReader("{}"))
		if c.crossSite != "" {
			req.Header.Set("Sec-Fetch-Site", c.crossSite)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		what := c.method + " " + c.path
		got := rec.Result().Header
		if rec.Code != c.status || !strings.HasPrefix(got.Get("Content-Type"), c.kind) {
			t.Errorf("%s: %d %q, want %d %s", what, rec.Code, got.Get("Content-Type"), c.status, c.kind)
		}
		for name, want := range map[string]string{"X-Content-Type-Options": "nosniff", "Referrer-Policy": "same-origin"} {
			if v := got.Values(name); len(v) != 1 || v[0] != want {
				t.Errorf("%s: %s %q, want %q once", what, name, v, want)
			}
		}
		if got.Get("X-Accord-Queries") == "" {
			t.Errorf("%s: no X-Accord-Queries", what)
		}
		csp := got.Get("Content-Security-Policy")
		if c.page != strings.Contains(csp, "frame-ancestors 'none'") || c.page != (got.Get("X-Frame-Options") == "DENY") {
			t.Errorf("%s: Content-Security-Policy %q, X-Frame-Options %q; a page: %v", what, csp, got.Get("X-Frame-Options"), c.page)
		}
	}
}
