package api

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/httperr"
)

// FuzzDecodeRecord feeds any body to the decoder every API write uses:
// never a panic nor a 5xx, and what it accepts holds no control character.
// Seeds are in testdata/fuzz/FuzzDecodeRecord.
func FuzzDecodeRecord(f *testing.F) {
	f.Add([]byte(`{"kind":"meeting","title":"Visit","date":"2024-05-01","participants":[{"person_id":1,"title":"Chief"}]}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		var e accord.Engagement
		err := decodeRecord(body, &e)
		if err != nil {
			if s := httperr.Status(err); s < 400 || s >= 500 {
				t.Fatalf("%q: status %d for %v", body, s, err)
			}
			return
		}
		again, err := json.Marshal(&e)
		if err != nil {
			t.Fatal(err)
		}
		if err := checkStrings(again); err != nil {
			t.Fatalf("%q was accepted with %v", body, err)
		}
	})
}

// FuzzParseQuery reads any query string as a list does: never a panic;
// problems are 400s; an id read is the canonical writing of what was sent.
// Seeds are in testdata/fuzz/FuzzParseQuery.
func FuzzParseQuery(f *testing.F) {
	f.Add("q=health&page=2&per_page=50&org_id=12&archived=true")
	f.Fuzz(func(t *testing.T, raw string) {
		r := httptest.NewRequest(http.MethodGet, "/api/v1/organizations", nil)
		r.URL.RawQuery = raw
		q, err := parseQuery(r, "q", "page", "per_page", "org_id", "archived")
		if err != nil {
			if httperr.Status(err) != http.StatusBadRequest {
				t.Fatalf("%q: %v", raw, err)
			}
			return
		}
		id := q.id("org_id")
		_, _ = q.page()
		_ = q.bool("archived")
		if err := q.err(); err != nil {
			if httperr.Status(err) != http.StatusBadRequest {
				t.Fatalf("%q: %v", raw, err)
			}
			return
		}
		if id != 0 {
			if got, ok := accord.ParseID(q.values.Get("org_id")); !ok || got != id {
				t.Fatalf("%q: org_id read as %d", raw, id)
			}
		}
	})
}
