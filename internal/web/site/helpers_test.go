package site

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"testing"
	"time"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/httperr"
	"github.com/accordhq/accord/internal/middleware"
	"github.com/accordhq/accord/internal/store"
	"github.com/accordhq/accord/internal/store/storetest"
	"github.com/accordhq/accord/internal/web/webkit"
	"github.com/accordhq/accord/internal/web/webtest"
)

// env is a running public site on a fresh SQLite database.
type env struct {
	t   *testing.T
	db  *store.DB
	srv *httptest.Server
}

// newClockEnv is a public site with a clock the test moves. Each test has
// a server and a database of its own, so the test runs in parallel with
// the others.
func newClockEnv(t *testing.T, now *time.Time) *env {
	t.Helper()
	t.Parallel()
	db := storetest.Open(t, store.SQLite)
	db.Now = func() time.Time { return *now } // rate limits count in the database, on its clock
	e := &env{t: t, db: db}
	return e.newInstance(func() time.Time { return *now }, nil)
}

// newInstance starts another Accord instance on e's database, as a second
// server behind a load balancer would be, believing the proxies given.
func (e *env) newInstance(now func() time.Time, proxies []netip.Prefix) *env {
	e.t.Helper()
	srv := httptest.NewServer(serve(e.t, e.db, now, proxies))
	e.t.Cleanup(srv.Close)
	return &env{t: e.t, db: e.db, srv: srv}
}

// serve is the public site as package app serves it (app.newHandler), on
// one mux behind the pages' front and the middleware every answer
// passes; the staff pages, which app puts beside it, are not there.
func serve(t *testing.T, db *store.DB, now func() time.Time, proxies []netip.Prefix) http.Handler {
	t.Helper()
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	kit := webkit.New(webkit.Deps{Store: db, Logger: logger, TrustedProxies: proxies})
	s, err := New(Deps{Kit: kit, Store: db, Logger: logger, Now: now})
	if err != nil {
		t.Fatal(err)
	}
	return middleware.Wrap(kit.Pages(refused, s), middleware.Options{Logger: logger, Proxies: proxies})
}

// refused stands in for the staff's error page, which app gives the front
// for the input it refuses; these tests send none.
func refused(w http.ResponseWriter, _ *http.Request, err error) {
	http.Error(w, accord.ErrorMessage(err), httperr.Status(err))
}

func (e *env) browser() *webtest.Browser { return webtest.NewBrowser(e.t, e.srv.URL) }
