package web

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"time"
)

// readyTimeout bounds /readyz's check of the database: a load balancer's
// probe gives up after a few seconds, and a database slower than this is as
// good as unavailable to the requests it would send.
const readyTimeout = time.Second

// healthz answers as soon as the process serves; it names the database kind.
func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(map[string]string{"status": "ok", "db": s.DBName})
}

// readyz answers 200 only when the database reads and writes in time and the
// instance is not draining (see Drain); a 503 says why.
func (s *Server) readyz(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	unavailable := func(status, reason string) {
		w.WriteHeader(http.StatusServiceUnavailable)
		_ = json.NewEncoder(w).Encode(map[string]string{"status": status, "db": s.DBName, "reason": reason})
	}
	if s.draining.Load() {
		unavailable("draining", "the instance is shutting down")
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), readyTimeout)
	defer cancel()
	if err := s.Store.Ready(ctx); err != nil {
		// /readyz is public: the driver's words (hosts, the database's
		// user) go to the log, the answer says only what failed.
		s.Logger.Warn("not ready", "err", err)
		reason, _, _ := strings.Cut(err.Error(), ": ")
		unavailable("unavailable", reason)
		return
	}
	answer := map[string]string{"status": "ready", "db": s.DBName}
	if s.Replica != nil {
		if note := s.Replica(); note != "" {
			answer["replica"] = note // a replica that does not serve leaves the instance ready: reads go to the primary
		}
	}
	_ = json.NewEncoder(w).Encode(answer)
}

// Drain makes /readyz answer 503 from now on, so that a load balancer stops
// sending new requests before the instance shuts down.
func (s *Server) Drain() { s.draining.Store(true) }
