package app

import (
	"compress/gzip"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/accordhq/accord/internal/store"
	"github.com/accordhq/accord/internal/store/storetest"
)

// TestAnswersCompressed: a page and an API answer come gzip to a client
// that takes it and plain to one that does not, both saying they vary by
// Accept-Encoding; a public page's compressed answer has its own ETag,
// and each ETag brings a 304 when sent back.
func TestAnswersCompressed(t *testing.T) {
	h, _, err := newHandler(storetest.Open(t, store.SQLite), Config{}, discardLogger(), nil)
	if err != nil {
		t.Fatal(err)
	}
	get := func(path, acceptEncoding, ifNoneMatch string) *http.Response {
		req := httptest.NewRequest("GET", path, nil)
		if acceptEncoding != "" {
			req.Header.Set("Accept-Encoding", acceptEncoding)
		}
		if ifNoneMatch != "" {
			req.Header.Set("If-None-Match", ifNoneMatch)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec.Result()
	}
	for _, c := range []struct {
		path  string
		check func(body []byte) bool
	}{
		{"/app/login", func(b []byte) bool { return strings.Contains(string(b), "<form") }},
		{"/api/v1/openapi.json", func(b []byte) bool { return json.Valid(b) }},
		{"/en/", func(b []byte) bool { return strings.Contains(string(b), "</html>") }},
	} {
		plain := get(c.path, "", "")
		zipped := get(c.path, "br, gzip;q=0.8", "")
		refused := get(c.path, "gzip;q=0, *", "")
		if plain.StatusCode != http.StatusOK || zipped.StatusCode != http.StatusOK {
			t.Fatalf("%s: %d and %d, want 200", c.path, plain.StatusCode, zipped.StatusCode)
		}
		if enc := plain.Header.Get("Content-Encoding") + refused.Header.Get("Content-Encoding"); enc != "" {
			t.Errorf("%s: Content-Encoding %q without gzip in Accept-Encoding", c.path, enc)
		}
		if enc := zipped.Header.Get("Content-Encoding"); enc != "gzip" {
			t.Errorf("%s: Content-Encoding %q, want gzip", c.path, enc)
		}
		for _, res := range []*http.Response{plain, zipped, refused} {
			if !strings.Contains(strings.Join(res.Header.Values("Vary"), ","), "Accept-Encoding") {
				t.Errorf("%s: Vary %q, want Accept-Encoding", c.path, res.Header.Values("Vary"))
			}
		}
		body, _ := io.ReadAll(plain.Body)
		zr, err := gzip.NewReader(zipped.Body)
		if err != nil {
			t.Fatalf("%s: %v", c.path, err)
		}
		unzipped, err := io.ReadAll(zr)
		// The login form's token differs from one answer to the next.
		if err != nil || len(unzipped) != len(body) || !c.check(body) || !c.check(unzipped) {
			t.Errorf("%s: the gzip answer decodes to %d bytes (%v), the plain one is %d bytes", c.path, len(unzipped), err, len(body))
		}
	}

	plain, zipped := get("/en/", "", "").Header.Get("ETag"), get("/en/", "gzip", "").Header.Get("ETag")
	if plain == "" || zipped == "" || plain == zipped {
		t.Fatalf("ETags %q plain and %q gzip, want two different ones", plain, zipped)
	}
	for _, c := range []struct{ acceptEncoding, etag string }{{"", plain}, {"gzip", zipped}} {
		res := get("/en/", c.acceptEncoding, c.etag)
		if res.StatusCode != http.StatusNotModified || res.Header.Get("ETag") != c.etag {
			t.Errorf("If-None-Match %s: %d with ETag %q, want 304 with the same ETag", c.etag, res.StatusCode, res.Header.Get("ETag"))
		}
	}
}
