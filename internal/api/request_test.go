package api

import (
	"fmt"
	"strings"
	"testing"
)

// TestBadInput sends the mistakes clients make: each is a 4xx problem that
// says what is wrong and where, never a 500.
func TestBadInput(t *testing.T) {
	e := newEnv(t)
	who := e.org("World Health Organization", "WHO")
	path := fmt.Sprintf("/api/v1/organizations/%d", who.ID)
	big := `{"name_en": "` + strings.Repeat("x", 1<<20) + `", "type": "40"}`
	for _, c := range []struct {
		name    string
		method  string
		path    string
		body    any
		headers []string
		status  int
		field   string // named in errors
		detail  string // in detail
	}{
		{"malformed JSON", "POST", "/api/v1/organizations", "{\n  \"name_en\": \"X\",\n}", nil, 400, "", "line 3, column 1"},
		{"truncated JSON", "POST", "/api/v1/organizations", `{"name_en": "X"`, nil, 400, "", "ends too soon"},
		{"unknown field", "POST", "/api/v1/organizations", `{"name_en": "X", "type": "40", "nickname": "x"}`, nil, 400, "nickname", "nickname"},
		{"wrong type", "POST", "/api/v1/organizations", `{"name_en": 5, "type": "40"}`, nil, 400, "name_en", "a string"},
		{"wrong type of id", "POST", "/api/v1/organizations", `{"name_en": "X", "type": "40", "parent_id": "one"}`, nil, 400, "parent_id", "an integer"},
		{"number too large", "POST", "/api/v1/organizations", `{"name_en": "X", "type": "40", "parent_id": 1e40}`, nil, 400, "parent_id", ""},
		{"nested wrong type", "POST", "/api/v1/people", `{"name": "X", "positions": [{"title": "T", "org_id": "1"}]}`, nil, 400, "positions[0].org_id", "an integer"},
		{"trailing data", "POST", "/api/v1/organizations", `{"name_en": "X", "type": "40"} {"again": 1}`, nil, 400, "", "after the JSON object, at line 1, column 32"},
		{"array body", "POST", "/api/v1/organizations", `[{"name_en": "X"}]`, nil, 400, "", "JSON object"},
		{"null body", "POST", "/api/v1/organizations", `null`, nil, 400, "", "JSON object"},
		{"empty body", "POST", "/api/v1/organizations", ``, nil, 400, "", "empty"},
		{"oversized body", "POST", "/api/v1/organizations", big, nil, 413, "", "1 MiB"},
		{"form body", "POST", "/api/v1/organizations", `name_en=X`, []string{"Content-Type", "application/x-www-form-urlencoded"}, 415, "", "application/json"},
		{"no content type", "POST", "/api/v1/organizations", `{}`, []string{"Content-Type", ""}, 415, "", "application/json"},
		{"bad time", "PUT", path, `{"version": 1, "name_en": "X", "type": "40", "created_at": "yesterday"}`, nil, 400, "", "yesterday"},
		{"unknown query parameter", "GET", "/api/v1/organizations?colour=red", nil, nil, 400, "colour", "colour"},
		{"repeated query parameter", "GET", "/api/v1/organizations?page=1&page=2", nil, nil, 400, "page", "page"},
		{"malformed query", "GET", "/api/v1/organizations?q=%zz", nil, nil, 400, "", "query"},
		{"per_page too large", "GET", "/api/v1/organizations?per_page=500", nil, nil, 400, "per_page", "per_page"},
		{"per_page zero", "GET", "/api/v1/organizations?per_page=0", nil, nil, 400, "per_page", "per_page"},
		{"per_page not a number", "GET", "/api/v1/organizations?per_page=ten", nil, nil, 400, "per_page", "per_page"},
		{"page zero", "GET", "/api/v1/organizations?page=0", nil, nil, 400, "page", "page"},
		{"page huge", "GET", "/api/v1/organizations?page=99999999999999999999", nil, nil, 400, "page", "page"},
		{"unknown sort", "GET", "/api/v1/organizations?sort=size", nil, nil, 400, "sort", "-name"},
		{"archived not boolean", "GET", "/api/v1/organizations?archived=maybe", nil, nil, 400, "archived", "true or false"},
		{"parent_id not a number", "GET", "/api/v1/organizations?parent_id=who", nil, nil, 400, "parent_id", "parent_id"},
		{"country not a code", "GET", "/api/v1/organizations?country=Switzerland", nil, nil, 400, "country", "country"},
		{"two bad parameters", "GET", "/api/v1/people?per_page=-1&org_id=x", nil, nil, 400, "org_id", "per_page"},
		{"id not a number", "GET", "/api/v1/organizations/abc", nil, nil, 400, "id", "abc"},
		{"id zero", "GET", "/api/v1/organizations/0", nil, nil, 400, "id", ""},
		{"id negative", "PUT", "/api/v1/organizations/-4", `{}`, nil, 400, "id", ""},
		{"id too large", "GET", "/api/v1/people/99999999999999999999", nil, nil, 400, "id", ""},
		{"unknown id", "GET", "/api/v1/organizations/424242", nil, nil, 404, "", "424242"},
		{"unknown person", "DELETE", "/api/v1/people/424242", nil, []string{"If-Match", `"1"`}, 404, "", "424242"},
		{"If-Match not a version", "PUT", path, `{"name_en": "X", "type": "40"}`, []string{"If-Match", `"abc"`}, 400, "If-Match", ""},
		{"If-Match star", "DELETE", path, nil, []string{"If-Match", `*`}, 400, "If-Match", ""},
		{"version of wrong type", "DELETE", path, `{"version": "1"}`, nil, 400, "version", "an integer"},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := e.do(c.method, c.path, e.adminT, c.body, c.headers...).want(c.status)
			p := r.problem()
			t.Logf("%s", r.body)
			if c.field != "" && !p.names(c.field) {
				t.Errorf("errors %v do not name %s", p.fields(), c.field)
			}
			if !strings.Contains(p.Detail, c.detail) {
				t.Errorf("detail %q does not say %q", p.Detail, c.detail)
			}
		})
	}
	var now struct{ Version int }
	e.do("GET", path, e.adminT, nil).want(200).json(&now)
	if now.Version != 1 {
		t.Errorf("a refused request changed the record: version %d", now.Version)
	}
}

func TestWhere(t *testing.T) {
	data := []byte("{\n  \"a\": 1,\n}")
	for _, c := range []struct {
		offset int64
		want   string
	}{
		{0, "line 1, column 1 (offset 0)"},
		{2, "line 2, column 1 (offset 2)"},
		{12, "line 3, column 1 (offset 12)"},
		{99, "line 3, column 2 (offset 13)"},
	} {
		if got := where(data, c.offset); got != c.want {
			t.Errorf("where(%d) = %q, want %q", c.offset, got, c.want)
		}
	}
}
