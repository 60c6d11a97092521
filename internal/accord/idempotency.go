package accord

import (
	"context"
	"sync/atomic"
	"time"
)

// IdempotencyTTL is how long a request's Idempotency-Key is remembered
// (IETF draft-ietf-httpapi-idempotency-key-header): a retry within it gets
// the first answer, a request after it is carried out anew.
const IdempotencyTTL = 24 * time.Hour

// IdempotencyClaim is a request made with an Idempotency-Key. Carried in the
// context, it makes the store record the key in the same transaction as the
// request's first write, so that the key is taken if and only if the write
// committed: a retry on any instance then finds it and creates nothing.
type IdempotencyClaim struct {
	Key         string
	Fingerprint string // a hash of the request: method, path, content type, body
	taken       atomic.Bool
}

// Taken reports whether a write committed the claim.
func (c *IdempotencyClaim) Taken() bool { return c.taken.Load() }

// MarkTaken records that a write committed the claim; the store calls it.
func (c *IdempotencyClaim) MarkTaken() { c.taken.Store(true) }

type idempotencyKey struct{}

// WithIdempotencyClaim returns ctx carrying c.
func WithIdempotencyClaim(ctx context.Context, c *IdempotencyClaim) context.Context {
	return context.WithValue(ctx, idempotencyKey{}, c)
}

// IdempotencyClaimFrom returns the claim ctx carries, or nil.
func IdempotencyClaimFrom(ctx context.Context) *IdempotencyClaim {
	c, _ := ctx.Value(idempotencyKey{}).(*IdempotencyClaim)
	return c
}

// StoredResponse is the answer given to a request with an Idempotency-Key,
// kept to answer its retries the same way.
type StoredResponse struct {
	Status      int
	Location    string
	ETag        string
	ContentType string
	Body        []byte
}

// IdempotentRequest is what is known of an earlier request with a key.
type IdempotentRequest struct {
	Fingerprint string
	CreatedAt   time.Time
	Response    *StoredResponse // nil while it runs, or when its answer was lost
}

// IdempotencyService keeps the keys of the actor's requests.
type IdempotencyService interface {
	// IdempotentRequest returns the actor's unexpired request with key, or ENOTFOUND.
	IdempotentRequest(ctx context.Context, key string) (*IdempotentRequest, error)
	// SaveIdempotentResponse stores the answer to the actor's request with
	// key, whose claim a write committed, and sweeps expired keys.
	SaveIdempotentResponse(ctx context.Context, key string, res *StoredResponse) error
}
