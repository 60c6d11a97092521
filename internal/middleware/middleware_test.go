package middleware

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/querycount"
)

type lagKey struct{}

// TestWrapMarksLagTolerantReads: only the reads of dashboards, search and
// exports are marked, in the pages and the API alike, and only for GET.
func TestWrapMarksLagTolerantReads(t *testing.T) {
	var marked bool
	h := Wrap(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		marked = r.Context().Value(lagKey{}) != nil
		querycount.Add(r.Context())
		querycount.Add(r.Context())
		w.WriteHeader(http.StatusNoContent) // the count goes out with the first write
	}), Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
		MayLag: func(ctx context.Context) context.Context { return context.WithValue(ctx, lagKey{}, true) }})
	for _, c := range []struct {
		method, path string
		want         bool
	}{
		{"GET", "/app/funding", true},
		{"GET", "/app/funding/country", true},
		{"GET", "/app/search?q=x", true},
		{"GET", "/api/v1/search?q=x", true},
		{"GET", "/api/v1/funding?by=country", true},
		{"GET", "/app/organizations?format=csv", true},
		{"GET", "/api/v1/flows?format=xlsx", true},
		{"GET", "/app/organizations", false},
		{"GET", "/api/v1/organizations", false},
		{"POST", "/app/search", false},
	} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(c.method, c.path, nil))
		if marked != c.want {
			t.Errorf("%s %s: marked %v, want %v", c.method, c.path, marked, c.want)
		}
		if n := rec.Header().Get(queryCountHeader); n != "2" {
			t.Errorf("%s %s: %s %q, want 2", c.method, c.path, queryCountHeader, n)
		}
	}
}

// TestCheckInput names each field at fault once, in the query and the form.
func TestCheckInput(t *testing.T) {
	err := CheckInput(url.Values{"q": {"a\x00b", "c\x01"}, "page": {"2"}}, url.Values{"name": {"deploy\x00"}, "note": {"tab\tok"}})
	var got []string
	for _, f := range accord.ErrorFields(err) {
		got = append(got, f.Field)
	}
	if accord.ErrorCode(err) != accord.EINVALID || len(got) != 2 || got[0] != "q" || got[1] != "name" {
		t.Errorf("CheckInput: %v naming %v, want invalid naming q and name", err, got)
	}
	if err := CheckInput(url.Values{"q": {"health"}}, nil); err != nil {
		t.Errorf("CheckInput of clean values: %v", err)
	}
}
