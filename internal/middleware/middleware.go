// Package middleware holds what every answer of Accord passes through,
// the pages' and the JSON API's alike: security headers, the request log,
// the count of SQL statements, gzip for the clients that take it, the marking of reads a replica may serve,
// and what they read of the request (its client's address and scheme
// through trusted proxies, the check of its input).
//
// What the pages alone need (sessions, forms, cross-origin protection) is
// in package webkit (the front of the staff pages and the public site),
// what the API alone needs (tokens) in package api; each answers its own
// errors and panics, as a page or as a problem.
package middleware

import (
	"context"
	"log/slog"
	"net/http"
	"time"
)

// Options are what the shared middleware needs to know.
type Options struct {
	Logger  *slog.Logger
	Proxies Proxies // whose Forwarded and X-Forwarded-For headers are believed
	// MayLag marks a request whose reads a read replica may serve
	// (replicareads.go); nil: every read goes to the primary.
	MayLag func(context.Context) context.Context
}

// Wrap returns h behind the middleware every answer passes, outermost
// first: the query count (so that it includes everything), the request
// log, the compression of text answers, the security headers, and the
// marking of lag-tolerant reads.
func Wrap(h http.Handler, o Options) http.Handler {
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	return countQueries(logRequests(o.Logger, compressGzip(securityHeaders(o.Proxies, mayLag(o.MayLag, h)))))
}

type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (r *statusRecorder) WriteHeader(code int) {
	r.status = code
	r.ResponseWriter.WriteHeader(code)
}

func logRequests(log *slog.Logger, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(rec, r)
		log.Debug("request", "method", r.Method, "path", r.URL.Path, "status", rec.status, "duration", time.Since(start))
	})
}
