// Package querycount counts the SQL statements a request runs, so that a
// page that runs a query per row shows (the X-Accord-Queries header, and
// the benchmarks that read it). It is a measuring tool, not part of the
// domain: package middleware starts a count for every request, the store adds to it.
package querycount

import (
	"context"
	"sync/atomic"
)

type key struct{}

// With returns a context in which statements are counted, and the counter.
func With(ctx context.Context) (context.Context, *atomic.Int64) {
	n := new(atomic.Int64)
	return context.WithValue(ctx, key{}, n), n
}

// Add adds one to the counter of ctx, if it has one.
func Add(ctx context.Context) {
	if n, ok := ctx.Value(key{}).(*atomic.Int64); ok {
		n.Add(1)
	}
}
