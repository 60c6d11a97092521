package web

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/api"
	"github.com/accordhq/accord/internal/auth"
	"github.com/accordhq/accord/internal/middleware"
	"github.com/accordhq/accord/internal/store"
	"github.com/accordhq/accord/internal/store/storetest"
	"github.com/accordhq/accord/internal/web/site"
	"github.com/accordhq/accord/internal/web/webtest"
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
	srv := httptest.NewServer(withAPI(t, s, db))
	t.Cleanup(srv.Close)
	return &env{t: t, db: db, srv: srv}
}

// newClockEnv is newEnv with a clock the test moves.
func newClockEnv(t *testing.T, now *time.Time) *env {
	t.Helper()
	t.Parallel()
	db := storetest.Open(t, store.SQLite)
	db.Now = func() time.Time { return *now } // rate limits count in the database, on its clock
	s, err := New(Deps{Store: db, DBName: "sqlite", Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Now: func() time.Time { return *now }})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(withAPI(t, s, db))
	t.Cleanup(srv.Close)
	return &env{t: t, db: db, srv: srv}
}

// withAPI is the pages as package app serves them (app.newHandler): the
// staff pages and the public site (package site, on s's kit and clock) on
// one mux behind the pages' front, the JSON API under /api/ beside them,
// and around both the middleware they share, so that a test may follow a
// record from a page to the public site and the API. Only tests bring the
// site and the API to this package; the pages import neither.
func withAPI(t *testing.T, s *Server, db *store.DB) http.Handler {
	t.Helper()
	public, err := site.New(site.Deps{Kit: s.Kit, Store: db, Logger: s.Logger, Now: s.Now})
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.Handle("/api/", api.New(api.Deps{Store: db, Extract: s.intake, Logger: s.Logger, Now: s.Now}).Handler())
	mux.Handle("/", s.Kit.Pages(s.ErrorPage, s, public))
	return middleware.Wrap(mux, middleware.Options{Logger: s.Logger})
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

// browser is a webtest.Browser of the test's server, whose answers are
// pages of this package's tests.
type browser struct {
	*webtest.Browser
	e *env
}

func (e *env) browser() *browser {
	return &browser{Browser: webtest.NewBrowser(e.t, e.srv.URL), e: e}
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

type page struct{ webtest.Page }

func (b *browser) do(req *http.Request) page {
	b.e.t.Helper()
	return page{b.Do(req)}
}

func (b *browser) get(path string) page {
	b.e.t.Helper()
	return page{b.Get(path)}
}

// post submits a form as a browser would: with the CSRF token of the page
// the form is on (formPage), fetched first.
func (b *browser) post(path string, form url.Values, formPage string) page {
	b.e.t.Helper()
	return page{b.Post(path, form, formPage)}
}

// contactFields fetches the contact page and returns the form's hidden fields.
func (b *browser) contactFields(path string) url.Values {
	b.e.t.Helper()
	return b.ContactFields(path)
}

// sendContact sends a form with an optional file, as the contact form does.
func (b *browser) sendContact(path string, form url.Values, fileName string, file []byte) page {
	b.e.t.Helper()
	return page{b.SendContact(path, form, fileName, file)}
}

func (p page) text(selector string) string { return p.Text(selector) }
