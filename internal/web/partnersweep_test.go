package web

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/auth"
	"github.com/accordhq/accord/internal/store"
	"github.com/accordhq/accord/internal/store/storetest"
	"github.com/accordhq/accord/internal/web/site"
)

// TestPartnerSweep requests every GET route of the pages and of the API
// as a WHO focal point (role partner), on a world where every text field
// of the records that do not involve WHO holds a unique marker
// (storetest.PartnerWorld). The routes come from the route tables and the
// OpenAPI document themselves, so a new route is swept the day it is
// added; one whose path parameter the sweep cannot fill fails, asking for
// a line in sweepFill. A hidden record must be not found (or the page
// forbidden), and no answer, export or header may hold a marker.
func TestPartnerSweep(t *testing.T) {
	t.Parallel()
	routes := sweptRoutes(t)
	for _, d := range storetest.Dialects {
		t.Run(string(d), func(t *testing.T) {
			t.Parallel()
			db := storetest.Open(t, d)
			w := storetest.NewPartnerWorld(t, db)
			s, err := New(Deps{Store: db, DBName: string(d), Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
			if err != nil {
				t.Fatal(err)
			}
			srv := httptest.NewServer(withAPI(t, s, db))
			t.Cleanup(srv.Close)
			e := &env{t: t, db: db, srv: srv}
			sw := &sweep{t: t, w: w, db: db, browser: e.partnerBrowser(w.Partner), token: e.partnerToken(w.Partner)}
			requests := 0
			for _, pattern := range routes {
				targets, err := sw.fill(pattern)
				if err != nil {
					t.Errorf("GET %s: %v", pattern, err)
					continue
				}
				for _, tg := range targets {
					sw.check(pattern, tg)
				}
				requests += len(targets)
			}
			t.Logf("%d GET routes, %d requests, %d markers", len(routes), requests, len(w.Markers))
		})
	}
}

// sweptRoutes lists the GET patterns registered by the pages (every
// mux.Handle in the source of this package and of the public site's,
// package site), by the API's route table, and in the OpenAPI document,
// each once, public prefixes expanded.
func sweptRoutes(t *testing.T) []string {
	t.Helper()
	seen := map[string]bool{}
	add := func(p string) {
		if p = strings.TrimSuffix(p, "{$}"); p != "" {
			seen[p] = true
		}
	}
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	public, err := filepath.Glob(filepath.Join("site", "*.go"))
	if err != nil || len(public) == 0 {
		t.Fatalf("the public site's source: %v %v", public, err)
	}
	files = append(files, public...)
	handle := regexp.MustCompile(`mux\.Handle(?:Func)?\("GET (?:"\+at(?:\+"([^"]*)")?|([^"]+)")`)
	anyGET := regexp.MustCompile(`mux\.Handle(?:Func)?\("GET `)
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		found := handle.FindAllStringSubmatch(string(src), -1)
		if n := len(anyGET.FindAllString(string(src), -1)); n != len(found) {
			t.Errorf("%s registers %d GET routes, the sweep reads %d: write them as mux.Handle(\"GET /path\", …) or teach sweptRoutes the new form", f, n, len(found))
		}
		for _, m := range found {
			if m[2] != "" {
				add(m[2])
				continue
			}
			for _, at := range []string{"/en", "/fr", "/ar", ""} {
				add(at + m[1])
			}
		}
	}
	src, err := os.ReadFile(filepath.Join("..", "api", "routes.go"))
	if err != nil {
		t.Fatal(err)
	}
	api := map[string]bool{}
	for _, m := range regexp.MustCompile(`\{method: "GET", path: "([^"]+)"`).FindAllStringSubmatch(string(src), -1) {
		api[m[1]] = true
		add(m[1])
	}
	doc, err := os.ReadFile(filepath.Join("..", "api", "openapi.json"))
	if err != nil {
		t.Fatal(err)
	}
	var openAPI struct {
		Paths map[string]map[string]json.RawMessage `json:"paths"`
	}
	if err := json.Unmarshal(doc, &openAPI); err != nil {
		t.Fatal(err)
	}
	for p, ops := range openAPI.Paths {
		if _, ok := ops["get"]; ok {
			if !api[p] {
				t.Errorf("OpenAPI documents GET %s, which the API's route table does not have", p)
			}
			add(p)
		}
	}
	if !seen["/news/{slug}"] || !seen["/fr/open-data"] {
		t.Fatalf("the sweep read no public route: has the public site's route table moved?")
	}
	if len(api) < 30 || len(seen) < 100 {
		t.Fatalf("the sweep read only %d API and %d routes in all: has the route table moved?", len(api), len(seen))
	}
	out := make([]string, 0, len(seen))
	for p := range seen {
		out = append(out, p)
	}
	slices.Sort(out)
	return out
}

// sweep requests routes as the partner.
type sweep struct {
	t       *testing.T
	w       *storetest.PartnerWorld
	db      *store.DB
	browser *browser
	token   string
}

// target is one request of a route: a path filled with a record the
// partner may see, or one it may not (hidden).
type target struct {
	path   string
	hidden bool
}

// pathParam is a {name} in a pattern; a trailing slash is a subtree.
var pathParam = regexp.MustCompile(`\{([a-z]+)\}`)

// fill returns the requests that sweep one pattern: each path parameter
// filled with records of both kinds, and lists also as exports and
// searched for the markers.
func (sw *sweep) fill(pattern string) ([]target, error) {
	params := pathParam.FindAllStringSubmatchIndex(pattern, -1)
	path := strings.TrimSuffix(pattern, "/") // a subtree: the static files
	if strings.HasSuffix(pattern, "/") {
		path += "/app.css"
	}
	if len(params) == 0 {
		out := []target{{path: path}}
		for _, q := range []string{"q=zqx", "format=csv", "format=xlsx", "org_id=" + strconv.FormatInt(sw.w.ICRC.ID, 10),
			"appeal_id=" + strconv.FormatInt(sw.w.Hidden["appeals"], 10), "per_page=200", "by=plan", "by=appeal"} {
			out = append(out, target{path: path + "?" + q})
		}
		return out, nil
	}
	if len(params) > 1 {
		return nil, fmt.Errorf("two path parameters: teach sweepFill to fill them together")
	}
	m := params[0]
	name := pattern[m[2]:m[3]]
	segments := strings.Split(strings.Trim(pattern[:m[0]], "/"), "/")
	values, err := sw.sweepFill(name, segments[len(segments)-1])
	if err != nil {
		return nil, err
	}
	var out []target
	for _, v := range values {
		p := path[:m[0]] + v.path + path[m[1]:]
		out = append(out, target{path: p, hidden: v.hidden})
		if !v.hidden && strings.HasPrefix(p, "/app/funding/") {
			out = append(out, target{path: p + "?format=csv"}, target{path: p + "?format=xlsx"})
		}
	}
	return out, nil
}

// sweepFill gives the values of path parameter name after segment
// (the kind of record, as in the URLs).
func (sw *sweep) sweepFill(name, segment string) ([]target, error) {
	w := sw.w
	id := func(v int64, hidden bool) target { return target{path: strconv.FormatInt(v, 10), hidden: hidden} }
	switch name {
	case "id":
		switch segment {
		case "users":
			return []target{id(w.Staff.ID, true)}, nil
		case "news-images", "images":
			// No news item has an image: a document of a meeting is no image.
			return []target{id(w.Hidden["documents"], true), id(w.Visible["documents"], true)}, nil
		case "partners":
			// The public page of an organization: as anyone sees it.
			return []target{id(w.WHO.ID, false), id(w.ICRC.ID, false)}, nil
		case "comments", "inbox":
			return []target{id(1, true)}, nil // the staff's queues
		case "country-groups":
			groups, err := sw.db.ListCountryGroups(storetest.Admin())
			if err != nil || len(groups) == 0 {
				return nil, fmt.Errorf("no country group: %v", err)
			}
			return []target{id(groups[0].ID, false)}, nil
		}
		visible, ok1 := w.Visible[segment]
		hidden, ok2 := w.Hidden[segment]
		if !ok1 || !ok2 {
			return nil, fmt.Errorf("the sweep has no record for /%s/{id}: add one to storetest.PartnerWorld or to sweepFill", segment)
		}
		return []target{id(visible, false), id(hidden, true)}, nil
	case "code":
		return []target{{path: "YE"}, {path: "CH"}}, nil // where the hidden records are, and WHO's seat
	case "list":
		return []target{{path: accord.ListSectors}, {path: accord.ListCurrencies}}, nil
	case "currency":
		return []target{{path: "USD"}}, nil
	case "slug":
		return []target{{path: w.VisibleSlug}, {path: w.HiddenSlug, hidden: true}}, nil
	case "by":
		var out []target
		for _, by := range accord.FundingBy {
			out = append(out, target{path: by})
		}
		return out, nil
	case "hash":
		return []target{{path: "nohash"}}, nil
	case "file":
		var out []target
		switch segment {
		case "chart":
			for _, c := range chartNames {
				out = append(out, target{path: c + ".svg"}, target{path: c + ".csv"})
			}
		case "feed":
			out = append(out, target{path: "en.atom"}, target{path: "ar.atom"})
		case "open-data":
			for _, f := range site.OpenDataFiles() {
				out = append(out, target{path: f})
			}
		}
		if len(out) > 0 {
			return out, nil
		}
	}
	return nil, fmt.Errorf("the sweep cannot fill {%s} after /%s/: add it to sweepFill", name, segment)
}

// check requests one target and looks for markers in all it answered.
// The public site shows anyone what is published (the 4W table names every
// activity and its lead organization): there the partner may read what a
// reader who is not signed in reads, and no draft nor staff address.
func (sw *sweep) check(pattern string, tg target) {
	t := sw.t
	res, text := sw.get(sw.browser.Client, tg.path)
	leaks := sw.w.Leaks(text)
	if !strings.HasPrefix(tg.path, "/app/") && !strings.HasPrefix(tg.path, "/api/") {
		anonymous, anonymousText := sw.get(http.DefaultClient, tg.path)
		if (anonymous.StatusCode == http.StatusNotFound) != (res.StatusCode == http.StatusNotFound) {
			t.Errorf("GET %s (%s): %d for the partner, %d for anyone", tg.path, pattern, res.StatusCode, anonymous.StatusCode)
		}
		public := sw.w.Leaks(anonymousText)
		leaks = slices.DeleteFunc(leaks, func(m string) bool {
			return slices.Contains(public, m) && !strings.HasPrefix(m, "ZqxNews") && !strings.HasPrefix(m, "ZqxStaff")
		})
	}
	switch {
	case res.StatusCode >= 500:
		t.Errorf("GET %s (%s): %d", tg.path, pattern, res.StatusCode)
	case tg.hidden && res.StatusCode != http.StatusNotFound && res.StatusCode != http.StatusForbidden:
		t.Errorf("GET %s (%s), a record the partner may not see: %d, want 404", tg.path, pattern, res.StatusCode)
	case !tg.hidden && strings.Contains(pattern, "{id}") && !strings.HasSuffix(pattern, "/edit") && res.StatusCode != http.StatusOK:
		t.Errorf("GET %s (%s), a record the partner may see: %d, want 200", tg.path, pattern, res.StatusCode)
	}
	if len(leaks) > 0 {
		t.Errorf("GET %s (%s) shows %v of records the partner may not see", tg.path, pattern, leaks)
	}
	// Only hidden records hold the markers' first letters, "zqx": a search
	// for them finds nothing, not even a visible record by a hidden field.
	if strings.HasPrefix(tg.path, "/api/") && strings.HasSuffix(tg.path, "?q=zqx") && res.StatusCode == http.StatusOK {
		var list struct {
			Total *int `json:"total"`
		}
		if err := json.Unmarshal([]byte(body(text)), &list); err == nil && list.Total != nil && *list.Total != 0 {
			t.Errorf("GET %s (%s) finds %d records by the words of records the partner may not see", tg.path, pattern, *list.Total)
		}
	}
}

// body is the body of an answer's text (get puts the headers after it).
func body(text string) string {
	if i := strings.LastIndex(text, "map["); i >= 0 {
		return text[:i]
	}
	return text
}

// get requests path with client (the partner's token on the API) and
// returns the answer with all of its text: headers, body, a spreadsheet's files.
func (sw *sweep) get(c *http.Client, path string) (*http.Response, string) {
	t := sw.t
	req, _ := http.NewRequest(http.MethodGet, sw.browser.e.srv.URL+path, nil)
	if strings.HasPrefix(path, "/api/") && c != http.DefaultClient {
		req.Header.Set("Authorization", "Bearer "+sw.token)
	}
	res, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, err := io.ReadAll(res.Body)
	res.Body.Close()
	if err != nil {
		t.Fatal(err)
	}
	text := string(body) + fmt.Sprint(res.Header)
	if strings.Contains(res.Header.Get("Content-Type"), "spreadsheetml") {
		text += unzipped(t, body)
	}
	return res, text
}

// unzipped is the text of every file in an XLSX.
func unzipped(t *testing.T, data []byte) string {
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Errorf("a spreadsheet that is no zip: %v", err)
		return ""
	}
	var b strings.Builder
	for _, f := range z.File {
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		_, _ = io.Copy(&b, r)
		r.Close()
	}
	return b.String()
}

// partnerBrowser signs u in with testPassword.
func (e *env) partnerBrowser(u *accord.User) *browser {
	e.t.Helper()
	hash, err := testPasswordHash()
	if err != nil {
		e.t.Fatal(err)
	}
	if err := e.db.SetPassword(storetest.Admin(), u.ID, hash); err != nil {
		e.t.Fatal(err)
	}
	b := e.browser()
	if res := b.post("/app/login", url.Values{"email": {u.Email}, "password": {testPassword}}, "/app/login"); res.StatusCode != http.StatusSeeOther {
		e.t.Fatalf("sign in as %s: status %d", u.Email, res.StatusCode)
	}
	return b
}

// partnerToken is a new API token of u.
func (e *env) partnerToken(u *accord.User) string {
	e.t.Helper()
	secret, hash := auth.NewSecret(auth.TokenPrefix)
	if err := e.db.CreateToken(storetest.As(u), &accord.Token{UserID: u.ID, Name: "sweep"}, hash); err != nil {
		e.t.Fatal(err)
	}
	return secret
}
