// Package api serves Accord's JSON API under /api/v1: the records of package
// accord as JSON, errors as RFC 9457 problems, authentication by bearer
// token, and an OpenAPI 3.1 document that describes it all.
//
// Handlers return their error; one adapter (serve) turns it into a problem.
// Who may do what is decided by the services (the store), not here: the API
// only maps their error codes to statuses.
package api

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"
	"time"

	"github.com/accordhq/accord/internal/accord"
)

// Deps are the services the API stands on.
type Deps struct {
	Orgs         accord.OrganizationService
	People       accord.PersonService
	Engagements  accord.EngagementService
	ActionPoints accord.ActionPointService
	Agreements   accord.AgreementService
	Plans        accord.PlanService
	Search       accord.SearchService
	Users        accord.UserService
	Ref          accord.ReferenceService
	Audit        accord.AuditService
	Indicators   accord.IndicatorService
	Documents    accord.DocumentService
	Money        accord.MoneyService
	News         accord.NewsService
	Comments     accord.CommentService
	Idempotency  accord.IdempotencyService // keeps Idempotency-Key answers; nil: the header is ignored
	Extract      Extractor                 // reads press releases with Accord's names; nil: the shipped lists only
	Logger       *slog.Logger
	Now          func() time.Time // nil: time.Now; the day action points are overdue and agreements' dates are judged against
}

// API is Accord's JSON API. Create it with New, then add its routes to a mux with Register.
type API struct {
	orgs         accord.OrganizationService
	searcher     accord.SearchService
	people       accord.PersonService
	engagements  accord.EngagementService
	actionPoints accord.ActionPointService
	agreements   accord.AgreementService
	plans        accord.PlanService
	users        accord.UserService
	ref          accord.ReferenceService
	audit        accord.AuditService
	indicators   accord.IndicatorService
	documents    accord.DocumentService
	money        accord.MoneyService
	news         accord.NewsService
	comments     accord.CommentService
	idempotency  accord.IdempotencyService
	extractor    Extractor
	log          *slog.Logger
	now          func() time.Time
	// shape holds the route patterns alone, so that the fallback can tell
	// an unknown path (404) from a known path with another method (405).
	shape *http.ServeMux
}

// New returns the API over the given services.
func New(d Deps) *API {
	a := &API{orgs: d.Orgs, people: d.People, engagements: d.Engagements, actionPoints: d.ActionPoints,
		agreements: d.Agreements, plans: d.Plans, searcher: d.Search, users: d.Users, ref: d.Ref, audit: d.Audit,
		indicators: d.Indicators, documents: d.Documents, money: d.Money, news: d.News, comments: d.Comments, idempotency: d.Idempotency, extractor: d.Extract, log: d.Logger, now: d.Now}
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

// handler is an API handler: it writes its answer or returns an error, which
// serve writes as a problem.
type handler func(w http.ResponseWriter, r *http.Request) error

// serve adapts a route's handler: headers every answer carries, the token
// check, errors as problems, and a panic as a 500 rather than a dropped connection.
func (a *API) serve(rt route) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Cache-Control", "no-store")
		r = r.WithContext(context.WithValue(r.Context(), loggerKey{}, a.log))
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				a.log.Error("api: panic", "method", r.Method, "path", r.URL.Path, "panic", fmt.Sprint(v), "stack", string(debug.Stack()))
				WriteProblem(w, r, fmt.Errorf("panic: %v", v))
			}
		}()
		if !rt.public {
			var err error
			if r, err = a.authenticate(r); err != nil {
				WriteProblem(w, r, err)
				return
			}
		}
		handle := rt.handle
		if rt.method == http.MethodPost && !rt.public {
			handle = a.idempotent(handle)
		}
		if err := handle(w, r); err != nil {
			WriteProblem(w, r, err)
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

type loggerKey struct{}

// loggerFrom returns the API's logger carried by ctx, or the default one
// (WriteProblem may be called from outside the API).
func loggerFrom(ctx context.Context) *slog.Logger {
	if l, ok := ctx.Value(loggerKey{}).(*slog.Logger); ok {
		return l
	}
	return slog.Default()
}
