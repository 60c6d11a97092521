package web

import (
	"context"
	"encoding/json"
	"net/http"
	"time"
)

// healthz answers as soon as the process serves; it names the database kind.
func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(map[string]string{"status": "ok", "db": s.DBName})
}

// readyz answers 200 only when the database answers too.
func (s *Server) readyz(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	w.Header().Set("Content-Type", "application/json")
	if err := s.Store.Ping(ctx); err != nil {
		w.WriteHeader(http.StatusServiceUnavailable)
		_ = json.NewEncoder(w).Encode(map[string]string{"status": "unavailable", "db": s.DBName})
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
