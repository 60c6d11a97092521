// Package web serves Accord's pages: the staff application under /app/,
// the public site, and health checks. Package app puts it beside the JSON
// API (package api), behind the middleware both share (package middleware).
package web

import (
	"context"
	"log/slog"
	"net/http"
	"net/netip"
	"sync/atomic"
	"time"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/intake"
)

// Store is everything the web server needs from storage.
type Store interface {
	accord.OrganizationService
	accord.PersonService
	accord.UserService
	accord.ReferenceService
	accord.AuditService
	accord.EngagementService
	accord.ActionPointService
	accord.AgreementService
	accord.PlanService
	accord.SearchService
	accord.DocumentService
	accord.IndicatorService
	accord.MoneyService
	accord.FlowRecordService
	accord.NewsService
	accord.IntakeService
	accord.CommentService
	accord.ContactService
	accord.OpenDataService
	accord.ThrottleService
	Ready(ctx context.Context) error // reads and writes in time, for /readyz
}

// Deps are the web server's collaborators and settings.
type Deps struct {
	Store         Store
	DBName        string // "sqlite" or "postgres", reported by /healthz
	Logger        *slog.Logger
	Now           func() time.Time
	SecureCookies bool          // Secure cookies on every answer, not only on those over HTTPS (clientaddr.go)
	SessionTTL    time.Duration // default 12h
	// TrustedProxies are the proxies whose Forwarded and X-Forwarded-For
	// headers are believed (clientaddr.go).
	TrustedProxies []netip.Prefix
	// Intake reads press releases with Accord's names, shared with the
	// API; nil: a reader of its own over Store.
	Intake *intake.Reader
	// ContactSubmitted wakes the job that acknowledges contact messages; may be nil.
	ContactSubmitted func()
	// Replica describes the read replica for /readyz; may be nil.
	Replica func() string
}

// Server is the handler of Accord's pages.
type Server struct {
	Deps
	pages          *pages
	contact        contactForm
	rendered       *renderedPages // public pages, see publiccache.go
	fundingFigures fundingFigures // see fundingcache.go
	intake         *intake.Reader // press releases read with Accord's names, see intake.go
	handler        http.Handler
	draining       atomic.Bool // see Drain
}

// New returns a server ready to serve.
func New(d Deps) (*Server, error) {
	if d.Now == nil {
		d.Now = time.Now
	}
	if d.Logger == nil {
		d.Logger = slog.Default()
	}
	if d.SessionTTL == 0 {
		d.SessionTTL = 12 * time.Hour
	}
	p, err := parsePages()
	if err != nil {
		return nil, err
	}
	s := &Server{Deps: d, pages: p, rendered: newRenderedPages(64 << 20)}
	s.intake = d.Intake
	if s.intake == nil {
		s.intake = intake.NewReader(d.Store, d.Now)
	}
	mux := http.NewServeMux()
	s.routes(mux)
	s.handler = s.recoverPanics(pageHeaders(http.NewCrossOriginProtection().Handler(limitForms(s.authenticate(s.checkInput(mux))))))
	return s, nil
}

// ServeHTTP serves a request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }
