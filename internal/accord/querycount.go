package accord

import (
	"context"
	"sync/atomic"
)

type queryCountKey struct{}

// WithQueryCount returns a context in which the store counts the SQL
// statements it runs, and the counter it adds to. The web server counts
// per request this way, so that a page that runs a query per row shows.
// It lives in the domain package so that the web server does not import a
// store to start the count.
func WithQueryCount(ctx context.Context) (context.Context, *atomic.Int64) {
	n := new(atomic.Int64)
	return context.WithValue(ctx, queryCountKey{}, n), n
}

// CountQuery adds one to the statement counter of ctx, if it has one.
func CountQuery(ctx context.Context) {
	if n, ok := ctx.Value(queryCountKey{}).(*atomic.Int64); ok {
		n.Add(1)
	}
}
