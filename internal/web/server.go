// Package web serves Accord's staff application under /app/, the language
// switch, the static files and the health checks. Package app serves it
// beside the public site (package site), on one mux behind the pages'
// front (webkit.Kit.Pages), and beside them the JSON API (package api),
// behind the middleware all share (package middleware).
package web

import (
	"context"
	"log/slog"
	"sync/atomic"
	"time"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/intake"
	"github.com/accordhq/accord/internal/web/webkit"
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
	accord.ThrottleService
	Ready(ctx context.Context) error // reads and writes in time, for /readyz
}

// Deps are the web server's collaborators and settings.
type Deps struct {
	// Kit is what the pages share with the public site: sessions, form
	// tokens, throttles, the rendered pages (package webkit); nil: a kit of
	// its own over Store, with no trusted proxy.
	Kit        *webkit.Kit
	Store      Store
	DBName     string // "sqlite" or "postgres", reported by /healthz
	Logger     *slog.Logger
	Now        func() time.Time
	SessionTTL time.Duration // default 12h
	// Intake reads press releases with Accord's names, shared with the
	// API; nil: a reader of its own over Store.
	Intake *intake.Reader
	// Replica describes the read replica for /readyz; may be nil.
	Replica func() string
}

// Server is the handler of Accord's staff pages; Register puts them on the
// pages' mux.
type Server struct {
	Deps
	pages          *pages
	fundingFigures fundingFigures // see fundingcache.go
	intake         *intake.Reader // press releases read with Accord's names, see intake.go
	draining       atomic.Bool    // see Drain
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
	if d.Kit == nil {
		d.Kit = webkit.New(webkit.Deps{Store: d.Store, Logger: d.Logger})
	}
	p, err := parsedPages()
	if err != nil {
		return nil, err
	}
	s := &Server{Deps: d, pages: p}
	s.intake = d.Intake
	if s.intake == nil {
		s.intake = intake.NewReader(d.Store, d.Now)
	}
	return s, nil
}
