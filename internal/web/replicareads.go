package web

import (
	"net/http"
	"strings"
)

// mayLag marks the reads that a read replica may serve, a moment behind
// the primary: the funding dashboards, search and exports, in the pages
// and the API (store/replica.go keeps a user's own writes in view). It runs
// after authenticate, so that the choice of database is made for the
// signed-in user, and never for the session lookup itself.
func (s *Server) mayLag(next http.Handler) http.Handler {
	if s.ReadsMayLag == nil {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodGet && lagTolerant(r) {
			r = r.WithContext(s.ReadsMayLag(r.Context()))
		}
		next.ServeHTTP(w, r)
	})
}

func lagTolerant(r *http.Request) bool {
	p := r.URL.Path
	switch {
	case p == "/app/search", p == "/api/v1/search", p == "/api/v1/funding",
		p == "/app/funding", strings.HasPrefix(p, "/app/funding/"):
		return true
	}
	f := r.URL.Query().Get("format")
	return f == "csv" || f == "xlsx" || f == "hxl"
}
