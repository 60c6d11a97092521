package middleware

import (
	"net/http"
	"strconv"
	"sync/atomic"

	"github.com/accordhq/accord/internal/querycount"
)

// queryCountHeader carries the number of SQL statements a request ran, so
// that a benchmark (bench/pages) or a developer's curl -i sees a page that
// runs a query per row. It says nothing about the data itself.
const queryCountHeader = "X-Accord-Queries"

// countQueries counts the SQL statements each request runs, sign-in
// included, and reports them in a response header. Pages and API answers
// are encoded into a buffer before they are written, so the count is
// complete when the header goes out.
func countQueries(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, n := querycount.With(r.Context())
		next.ServeHTTP(&queryCountWriter{ResponseWriter: w, n: n}, r.WithContext(ctx))
	})
}

type queryCountWriter struct {
	http.ResponseWriter
	n    *atomic.Int64
	sent bool
}

func (w *queryCountWriter) header() {
	if !w.sent {
		w.sent = true
		w.Header().Set(queryCountHeader, strconv.FormatInt(w.n.Load(), 10))
	}
}

func (w *queryCountWriter) WriteHeader(code int) {
	w.header()
	w.ResponseWriter.WriteHeader(code)
}

func (w *queryCountWriter) Write(b []byte) (int, error) {
	w.header()
	return w.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (w *queryCountWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }
