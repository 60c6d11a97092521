// Package api serves Accord's JSON API under /api/v1: the records of package
// accord as JSON, errors as RFC 9457 problems, authentication by bearer
// token, and an OpenAPI 3.1 document that describes it all.
//
// Handlers return their error; one adapter (serve) turns it into a problem.
// Who may do what is decided by the services (the store), not here: the API
// only maps their error codes to statuses.
package api

import (
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"
	"time"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/httperr"
	"github.com/accordhq/accord/internal/middleware"
)

// Store is every service the API stands on.
type Store interface {
	accord.OrganizationService
	accord.PersonService
	accord.EngagementService
	accord.ActionPointService
	accord.AgreementService
	accord.PlanService
	accord.SearchService
	accord.UserService
	accord.ReferenceService
	accord.AuditService
	accord.IndicatorService
	accord.DocumentService
	accord.MoneyService
	accord.NewsService
	accord.CommentService
	accord.IdempotencyService // keeps the answers to Idempotency-Key requests
}

// Deps are the API's collaborators.
type Deps struct {
	Store   Store
	Extract Extractor // reads press releases with Accord's names; nil: the shipped lists only
	Logger  *slog.Logger
	Now     func() time.Time // nil: time.Now; money's default date and an idempotent request's age (services keep their own clock)
}

// API is Accord's JSON API. Create it with New, then serve it with Handler
// (or add its routes to a mux with Register).
type API struct {
	store     Store
	extractor Extractor
	log       *slog.Logger
	now       func() time.Time
	// shape holds the route patterns alone, so that the fallback can tell
	// an unknown path (404) from a known path with another method (405).
	shape *http.ServeMux
}

// New returns the API over the given services.
func New(d Deps) *API {
	a := &API{store: d.Store, extractor: d.Extract, log: d.Logger, now: d.Now}
	if a.log == nil {
		a.log = slog.Default()
	}
	if a.now == nil {
		a.now = time.Now
	}
	a.shape = http.NewServeMux()
	for _, rt := range a.routes() {
		a.shape.Handle(rt.method+" "+rt.path, http.NotFoundHandler())
	}
	return a
}

// Handler serves every path under /api/: the routes of Register, behind a
// check of the query string that refuses control characters and overlong
// searches as problems (bodies are checked as they are decoded).
func (a *API) Handler() http.Handler {
	mux := http.NewServeMux()
	a.Register(mux)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := middleware.CheckInput(r.URL.Query()); err != nil {
			httperr.WriteProblem(w, r, err)
			return
		}
		mux.ServeHTTP(w, r)
	})
}

// handler is an API handler: it writes its answer or returns an error, which
// serve writes as a problem.
type handler func(w http.ResponseWriter, r *http.Request) error

// serve adapts a route's handler: headers every answer carries, the token
// check, errors as problems, and a panic as a 500 problem rather than a
// dropped connection. It is the API's only panic guard: the pages have theirs.
func (a *API) serve(rt route) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Cache-Control", "no-store")
		r = r.WithContext(httperr.WithLogger(r.Context(), a.log))
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				a.log.Error("api: panic", "method", r.Method, "path", r.URL.Path, "panic", fmt.Sprint(v), "stack", string(debug.Stack()))
				httperr.WriteProblem(w, r, fmt.Errorf("panic: %v", v))
			}
		}()
		if !rt.public {
			var err error
			if r, err = a.authenticate(r); err != nil {
				httperr.WriteProblem(w, r, err)
				return
			}
		}
		handle := rt.handle
		if rt.method == http.MethodPost && !rt.public {
			handle = a.idempotent(handle)
		}
		if err := handle(w, r); err != nil {
			httperr.WriteProblem(w, r, err)
		}
	})
}

// noRoute answers requests under /api/v1 that no route takes: 405 with Allow
// when the path exists with other methods, else 404, both as problems.
func (a *API) noRoute(w http.ResponseWriter, r *http.Request) error {
	var allow []string
	for _, m := range []string{http.MethodGet, http.MethodPost, http.MethodPut, http.MethodDelete} {
		probe := r.Clone(r.Context())
		probe.Method = m
		if _, pattern := a.shape.Handler(probe); pattern != "" {
			allow = append(allow, m)
		}
	}
	if len(allow) == 0 {
		return accord.Errorf(accord.ENOTFOUND, "There is no %s in the API; GET /api/v1/openapi.json lists every path.", r.URL.Path)
	}
	return methodNotAllowed(w, r.Method, allow)
}
