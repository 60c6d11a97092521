package middleware

import (
	"context"
	"net/http"
	"strings"
)

// mayLag marks the reads that a read replica may serve, a moment behind
// the primary: the funding dashboards, search and exports, in the pages
// and the API (store/replica.go keeps a user's own writes in view). It runs
// before the session or token is looked up; the store sends the reads made
// before the actor is known to the primary, so that a sign-in made a
// moment ago is found and the choice of database is made for the actor.
func mayLag(mark func(context.Context) context.Context, next http.Handler) http.Handler {
	if mark == nil {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodGet && lagTolerant(r) {
			r = r.WithContext(mark(r.Context()))
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
