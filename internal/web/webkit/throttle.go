package webkit

import (
	"net/http"
	"strconv"
	"time"
)

// RateLimited counts one event for key against limit per window; the
// counts live in the database (accord.ThrottleService), so every instance
// shares them. Over the limit it returns the time left in the window, and
// has set Retry-After to it; else 0.
func (k *Kit) RateLimited(w http.ResponseWriter, r *http.Request, key string, limit int, window time.Duration) (time.Duration, error) {
	ok, wait, err := k.store.Throttle(r.Context(), key, limit, window)
	if err != nil || ok {
		return 0, err
	}
	w.Header().Set("Retry-After", strconv.Itoa(int(wait/time.Second)))
	return wait, nil
}
