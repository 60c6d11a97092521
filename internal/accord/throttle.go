package accord

import (
	"context"
	"time"
)

// ThrottleService counts events per key in the database, so that every
// instance sharing it sees the same counts. A window starts with a key's
// first event and lasts window; a key over limit waits for its end.
type ThrottleService interface {
	// Throttle counts one event for key and reports whether it is within
	// limit; when it is not, retryAfter is the time left in the window.
	Throttle(ctx context.Context, key string, limit int, window time.Duration) (allowed bool, retryAfter time.Duration, err error)
	// ThrottleRefund takes back one event of key, for an attempt that
	// proved not to count (sign-in counts only failures).
	ThrottleRefund(ctx context.Context, key string) error
}
