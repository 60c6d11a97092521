package web

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/auth"
	"github.com/accordhq/accord/internal/store"
	"github.com/accordhq/accord/internal/store/storetest"
)

// listPaths are every staff page without a path parameter in the route
// table (sweptRoutes), the public lists, and every path of the OpenAPI
// document that takes q, so that a new list cannot be left out.
func listPaths(t *testing.T, b *browser) (pages, apiPaths []string) {
	t.Helper()
	for _, p := range sweptRoutes(t) {
		if strings.HasPrefix(p, "/app/") && !strings.Contains(p, "{") {
			pages = append(pages, p)
		}
	}
	pages = append(pages, "/news/search", "/en/news")
	var doc struct {
		Paths map[string]struct {
			Get struct {
				Parameters []struct {
					Name string `json:"name"`
					Ref  string `json:"$ref"`
				} `json:"parameters"`
			} `json:"get"`
		} `json:"paths"`
	}
	if err := json.Unmarshal([]byte(b.get("/api/v1/openapi.json").Body), &doc); err != nil {
		t.Fatal(err)
	}
	for path, ops := range doc.Paths {
		for _, p := range ops.Get.Parameters {
			if p.Name == "q" || p.Ref == "#/components/parameters/Q" {
				apiPaths = append(apiPaths, strings.ReplaceAll(path, "{list}", "sectors"))
			}
		}
	}
	slices.Sort(apiPaths)
	if len(pages) < 20 || len(apiPaths) < 10 {
		t.Fatalf("found only %d pages and %d API lists", len(pages), len(apiPaths))
	}
	return pages, apiPaths
}

// apiGet sends an API request with an admin's token.
func (b *browser) apiGet(path, token string) page {
	req, _ := http.NewRequest(http.MethodGet, b.e.srv.URL+path, nil)
	req.Header.Set("Authorization", "Bearer "+token)
	return b.do(req)
}

func (e *env) adminToken() string {
	e.t.Helper()
	u := e.user("api-admin@example.org", accord.RoleAdmin, nil)
	secret, hash := auth.NewSecret(auth.TokenPrefix)
	if err := e.db.CreateToken(storetest.As(u), &accord.Token{UserID: u.ID, Name: "test"}, hash); err != nil {
		e.t.Fatal(err)
	}
	return secret
}

// A search text of 50,000 characters made appeals, flows, users and
// comments answer 500 (SQLite's limits on LIKE patterns and expression
// depth). Every list, page and API, on both databases, now refuses it as
// a 400 naming q, and takes the longest allowed one, of 100 words.
func TestLongQueryIsRefusedNamingQ(t *testing.T) {
	for _, dialect := range []store.Dialect{store.SQLite, store.Postgres} {
		t.Run(string(dialect), func(t *testing.T) {
			e := newEnvOn(t, dialect)
			b := e.signedIn("admin@example.org", accord.RoleAdmin, nil)
			token := e.adminToken()
			// SQLite checks a LIKE pattern only against a row: give each list one.
			storetest.NewCommentWorld(t, e.db).Submit(t, e.db, "Reader", "reader@example.org", "A comment", 0)
			msg := &accord.ContactMessage{Name: "Reader", Email: "reader@example.org", Category: "other", Message: "A question"}
			if err := e.db.SubmitContact(context.Background(), msg, nil, nil); err != nil {
				t.Fatal(err)
			}
			pages, apiPaths := listPaths(t, b)
			long := url.QueryEscape(strings.Repeat("ab ", 16_667)[:50_000])
			longest := url.QueryEscape(strings.Repeat("a ", accord.MaxQueryLength/2))
			for _, path := range pages {
				if p := b.get(path + "?q=" + long); p.StatusCode != http.StatusBadRequest || !strings.Contains(p.Body, "q is too long") {
					t.Errorf("GET %s?q=(50,000 characters): status %d, want 400 naming q; %.300s", path, p.StatusCode, p.text("main"))
				}
				if p := b.get(path + "?q=" + longest); p.StatusCode >= 500 {
					t.Errorf("GET %s?q=(100 words): status %d", path, p.StatusCode)
				}
			}
			for _, path := range apiPaths {
				p := b.apiGet(path+"?q="+long, token)
				var problem struct {
					Errors []accord.FieldError `json:"errors"`
				}
				_ = json.Unmarshal([]byte(p.Body), &problem)
				if p.StatusCode != http.StatusBadRequest || len(problem.Errors) != 1 || problem.Errors[0].Field != "q" {
					t.Errorf("GET %s?q=(50,000 characters): status %d, want a 400 problem naming q; %.300s", path, p.StatusCode, p.Body)
				}
				if p := b.apiGet(path+"?q="+longest, token); p.StatusCode != http.StatusOK {
					t.Errorf("GET %s?q=(100 words): status %d; %.300s", path, p.StatusCode, p.Body)
				}
			}
		})
	}
}

// NUL characters were stored. A form field or query parameter holding NUL
// or another control character (but tab and line breaks) is refused on
// every page, naming the field; nothing is saved.
func TestControlCharactersInFormsAreRefused(t *testing.T) {
	e := newEnv(t)
	b := e.signedIn("admin@example.org", accord.RoleAdmin, nil)
	p := b.post("/app/tokens", url.Values{"name": {"deploy\x00script"}}, "/app/tokens")
	if p.StatusCode != http.StatusBadRequest || !strings.Contains(p.text("main"), "name contains the control character U+0000 at character 7") {
		t.Errorf("token named with NUL: status %d, want 400 naming name; %.300s", p.StatusCode, p.text("main"))
	}
	if strings.Contains(b.get("/app/tokens").Body, "deploy") {
		t.Errorf("the token named with NUL was saved")
	}
	if p := b.get("/app/organizations?type=%1b"); p.StatusCode != http.StatusBadRequest || !strings.Contains(p.text("main"), "type contains the control character U+001B") {
		t.Errorf("?type=ESC: status %d, want 400 naming type", p.StatusCode)
	}
	if p := b.post("/app/tokens", url.Values{"name": {"deploy\tscript"}}, "/app/tokens"); p.StatusCode != http.StatusCreated {
		t.Errorf("token named with a tab: status %d, want 201", p.StatusCode)
	}
}

// /app/organizations/+1 and /001 showed and archived organization 1. A
// path id written otherwise than canonically is not found, and a form
// field holding one is a problem named on the form.
func TestNonCanonicalIDsAreNotFound(t *testing.T) {
	e := newEnv(t)
	b := e.signedIn("admin@example.org", accord.RoleAdmin, nil)
	org := storetest.MustCreateOrg(t, e.db, storetest.NewOrg("World Health Organization", "WHO"))
	id := strconv.FormatInt(org.ID, 10)
	for _, bad := range []string{"%2B" + id, "0" + id, "9223372036854775808"} {
		if p := b.get("/app/organizations/" + bad); p.StatusCode != http.StatusNotFound {
			t.Errorf("GET /app/organizations/%s: status %d, want 404", bad, p.StatusCode)
		}
		if p := b.post("/app/organizations/"+bad+"/archive", url.Values{"version": {"1"}}, "/app/organizations/"+id); p.StatusCode != http.StatusNotFound {
			t.Errorf("POST /app/organizations/%s/archive: status %d, want 404", bad, p.StatusCode)
		}
	}
	if got, err := e.db.GetOrganization(storetest.Admin(), org.ID); err != nil || got.Archived {
		t.Errorf("organization %s after the requests: %+v, %v; want it kept", id, got, err)
	}
	p := b.post("/app/organizations", url.Values{"name_en": {"Regional Office"}, "type": {"40"}, "parent_id": {"+" + id}}, "/app/organizations/new")
	if p.StatusCode != http.StatusUnprocessableEntity && p.StatusCode != http.StatusBadRequest {
		t.Errorf("parent_id=+%s: status %d, want the form again with a problem", id, p.StatusCode)
	}
}
