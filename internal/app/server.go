package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/demo"
	"github.com/accordhq/accord/internal/store"
	"github.com/accordhq/accord/internal/web"
)

// Server is a running Accord: database, HTTP listener and handler.
type Server struct {
	DB     *store.DB
	URL    string // http://host:port
	http   *http.Server
	web    *web.Server
	done   chan error
	logger *slog.Logger
	cfg    Shutdown

	mail *mailJob // nil without SMTP
}

// Start opens and migrates the database, loads the demo world if asked,
// and starts serving on cfg.Addr (port 0 picks a free port).
func Start(ctx context.Context, cfg Config, logger *slog.Logger) (*Server, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	db, err := store.OpenWith(ctx, cfg.DB, cfg.DBOptions)
	if err != nil {
		return nil, err
	}
	if cfg.NoMigrate {
		err = checkMigrated(ctx, db, logger)
	} else {
		_, err = db.Migrate(ctx)
	}
	if err != nil {
		db.Close()
		return nil, err
	}
	if cfg.Replica.DSN != "" {
		if err := db.UseReplica(ctx, cfg.Replica.DSN, cfg.Replica.MaxLag); err != nil {
			db.Close()
			return nil, err
		}
	}
	if cfg.Demo {
		loaded, err := demo.Load(accord.WithActor(ctx, accord.SystemActor), db)
		if err != nil {
			db.Close()
			return nil, fmt.Errorf("demo: %w", err)
		}
		if loaded {
			logger.Info("demo world loaded", "sign_in", demo.AdminEmail, "password", demo.Password)
		} else {
			logger.Info("database not empty; demo world not loaded")
		}
	}
	contactWake, contactSubmitted := newContactWake()
	handler, pages, err := newHandler(db, cfg, logger, contactSubmitted)
	if err != nil {
		db.Close()
		return nil, err
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		db.Close()
		return nil, err
	}
	s := &Server{DB: db, URL: "http://" + ln.Addr().String(), web: pages, done: make(chan error, 1), logger: logger, cfg: cfg.Shutdown,
		http: &http.Server{Handler: handler, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: time.Minute,
			WriteTimeout: 2 * time.Minute, IdleTimeout: 2 * time.Minute, MaxHeaderBytes: 64 << 10,
			ErrorLog: slog.NewLogLogger(logger.Handler(), slog.LevelWarn)}}
	go func() {
		err := s.http.Serve(ln)
		if errors.Is(err, http.ErrServerClosed) {
			err = nil
		}
		s.done <- err
	}()
	if s.mail, err = startMailJobs(cfg, db, logger, contactWake); err != nil {
		return nil, errors.Join(err, s.stop(0))
	}
	return s, nil
}

// Wait blocks until ctx ends, then shuts down (see Shutdown).
func (s *Server) Wait(ctx context.Context) error {
	select {
	case err := <-s.done:
		return errors.Join(err, s.stop(0))
	case <-ctx.Done():
	}
	s.logger.Info("shutting down", "drain_period", s.cfg.DrainPeriod, "grace", s.cfg.grace())
	return s.Shutdown()
}

// Shutdown leaves the load balancer's pool in order: /readyz answers 503
// for the drain period while requests are still served, then the listener
// closes and requests in flight and the mail jobs get the grace period to
// finish, then the database closes.
func (s *Server) Shutdown() error { return s.stop(s.cfg.DrainPeriod) }

func (s *Server) stop(drain time.Duration) error {
	s.web.Drain()
	time.Sleep(drain)
	ctx, cancel := context.WithTimeout(context.Background(), s.cfg.grace())
	defer cancel()
	// The mail jobs are told to stop first, cutting their send short, so
	// that they record what they sent while requests finish, within the
	// grace.
	s.mail.cancel()
	err := s.http.Shutdown(ctx)
	s.mail.wait(ctx)
	return errors.Join(err, s.DB.Close())
}
