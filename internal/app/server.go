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
	done   chan error
	logger *slog.Logger

	reminders *mailJob // nil without SMTP
	notices   *mailJob // nil without SMTP

	contactAcks *mailJob // nil without SMTP
}

// Start opens and migrates the database, loads the demo world if asked,
// and starts serving on cfg.Addr (port 0 picks a free port).
func Start(ctx context.Context, cfg Config, logger *slog.Logger) (*Server, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	proxies, _ := parseTrustedProxies(cfg.TrustedProxies) // checked by Validate
	db, err := store.Open(ctx, cfg.DB)
	if err != nil {
		return nil, err
	}
	if _, err := db.Migrate(ctx); err != nil {
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
	handler, err := web.New(web.Deps{Store: db, DBName: string(db.Dialect()), Logger: logger,
		SecureCookies: cfg.SecureCookies, TrustedProxies: proxies, SessionTTL: cfg.SessionTTL, ContactSubmitted: contactSubmitted,
		ReadsMayLag: store.MayLag, Replica: func() string { return db.ReplicaStatus().String() }})
	if err != nil {
		db.Close()
		return nil, err
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		db.Close()
		return nil, err
	}
	s := &Server{DB: db, URL: "http://" + ln.Addr().String(), done: make(chan error, 1), logger: logger,
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
	if s.reminders, err = startReminders(cfg, db, logger); err != nil {
		return nil, errors.Join(err, s.Shutdown())
	}
	if s.notices, err = startCommentNotices(cfg, db, logger); err != nil {
		return nil, errors.Join(err, s.Shutdown())
	}
	if s.contactAcks, err = startContactAcks(cfg, db, logger, contactWake); err != nil {
		return nil, errors.Join(err, s.Shutdown())
	}
	return s, nil
}

// Wait blocks until ctx ends, then shuts down in order: HTTP first, letting
// requests in flight finish, then the database.
func (s *Server) Wait(ctx context.Context) error {
	select {
	case err := <-s.done:
		s.reminders.stop()
		s.notices.stop()
		s.contactAcks.stop()
		s.DB.Close()
		return err
	case <-ctx.Done():
	}
	s.logger.Info("shutting down")
	return s.Shutdown()
}

// Shutdown stops serving, then stops the reminder job, then closes the database.
func (s *Server) Shutdown() error {
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	err := s.http.Shutdown(ctx)
	s.reminders.stop()
	s.notices.stop()
	s.contactAcks.stop()
	return errors.Join(err, s.DB.Close())
}
