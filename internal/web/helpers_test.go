package web

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/api"
	"github.com/accordhq/accord/internal/auth"
	"github.com/accordhq/accord/internal/middleware"
	"github.com/accordhq/accord/internal/store"
	"github.com/accordhq/accord/internal/store/storetest"
)

const testPassword = "a long test password"

// testPasswordHash is testPassword hashed once: argon2id is meant to be
// slow, and the tests create hundreds of users.
var testPasswordHash = sync.OnceValues(func() (string, error) { return auth.HashPasswordForTests(testPassword) })

// env is a running web server on a fresh SQLite database.
type env struct {
	t   *testing.T
	db  *store.DB
	srv *httptest.Server
}

func newEnv(t *testing.T) *env {
	t.Helper()
	return newEnvOn(t, store.SQLite)
}

// newEnvOn is newEnv on a database of the dialect (PostgreSQL is skipped
// without ACCORD_TEST_POSTGRES). Each test has a server and a database of
// its own, so the test runs in parallel with the others.
func newEnvOn(t *testing.T, dialect store.Dialect) *env {
	t.Helper()
	t.Parallel()
	db := storetest.Open(t, dialect)
	s, err := New(Deps{Store: db, DBName: "sqlite", Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(withAPI(s, db))
	t.Cleanup(srv.Close)
	return &env{t: t, db: db, srv: srv}
}

// withAPI is the pages as package app serves them (app.newHandler): the
// JSON API under /api/ beside them, and around both the middleware they
// share, so that a test may follow a record from a page to the API. Only
// tests bring the API to this package; the pages do not import it.
func withAPI(s *Server, db *store.DB) http.Handler {
	mux := http.NewServeMux()
	mux.Handle("/api/", api.New(api.Deps{Store: db, Extract: s.intake, Logger: s.Logger, Now: s.Now}).Handler())
	mux.Handle("/", s)
	return middleware.Wrap(mux, middleware.Options{Logger: s.Logger, Proxies: s.TrustedProxies})
}

// user creates a user with testPassword.
func (e *env) user(email string, role accord.Role, org *int64) *accord.User {
	e.t.Helper()
	hash, err := testPasswordHash()
	if err != nil {
		e.t.Fatal(err)
	}
	u := &accord.User{Email: email, Name: strings.Split(email, "@")[0], Role: role, OrgID: org}
	if err := e.db.CreateUser(storetest.Admin(), u, hash); err != nil {
		e.t.Fatal(err)
	}
	return u
}

// browser is an HTTP client with cookies that does not follow redirects.
type browser struct {
	e *env
	c *http.Client
	// Lang is sent as Accept-Language.
	Lang string
	// Header is sent with every request, e.g. a proxy's X-Forwarded-For.
	Header http.Header
}

func (e *env) browser() *browser {
	jar, _ := cookiejar.New(nil)
	return &browser{e: e, c: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

// signedIn returns a browser signed in as a new user of the role.
func (e *env) signedIn(email string, role accord.Role, org *int64) *browser {
	e.user(email, role, org)
	b := e.browser()
	res := b.post("/app/login", url.Values{"email": {email}, "password": {testPassword}}, "/app/login")
	if res.StatusCode != http.StatusSeeOther {
		e.t.Fatalf("sign in as %s: status %d", email, res.StatusCode)
	}
	return b
}

type page struct {
	*http.Response
	Doc  *goquery.Document
	Body string
}

func (b *browser) do(req *http.Request) page {
	b.e.t.Helper()
	if b.Lang != "" {
		req.Header.Set("Accept-Language", b.Lang)
	}
	for k, vs := range b.Header {
		req.Header[k] = vs
	}
	res, err := b.c.Do(req)
	if err != nil {
		b.e.t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	doc, _ := goquery.NewDocumentFromReader(strings.NewReader(string(body)))
	return page{Response: res, Doc: doc, Body: string(body)}
}

func (b *browser) get(path string) page {
	req, _ := http.NewRequest(http.MethodGet, b.e.srv.URL+path, nil)
	return b.do(req)
}

// post submits a form as a browser would: with the CSRF token of the page
// the form is on (formPage), fetched first.
func (b *browser) post(path string, form url.Values, formPage string) page {
	b.e.t.Helper()
	if formPage != "" {
		p := b.get(formPage)
		token, _ := p.Doc.Find(`input[name="csrf"]`).First().Attr("value")
		form.Set("csrf", token)
	}
	req, _ := http.NewRequest(http.MethodPost, b.e.srv.URL+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return b.do(req)
}

func (p page) text(selector string) string {
	return strings.TrimSpace(p.Doc.Find(selector).First().Text())
}
