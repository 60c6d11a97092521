package web

import (
	"net/http"
	"strconv"
	"time"
)

// Limits on sign-in and the public forms. Their counts live in the
// database (accord.ThrottleService), so every instance shares them.
const (
	// signinFailures failed sign-ins per signinWindow are allowed for an
	// account from browsers it has not signed in from, and as many for each
	// browser that has (see device.go): an attacker who locks the first out
	// does not lock out the account's owner.
	signinFailures = 5
	signinWindow   = 15 * time.Minute

	commentPostLimit  = 10 // per client address per commentPostWindow
	commentPostWindow = 10 * time.Minute
	contactAddrLimit  = 5 // posts per client address per contactAddrWindow
	contactAddrWindow = 10 * time.Minute
	contactFromLimit  = 3 // messages per sender's email per contactFromWindow
	contactFromWindow = time.Hour
)

// rateLimited counts one event for key. Over the limit it returns the
// time left in the window, and has set Retry-After to it; else 0.
func (s *Server) rateLimited(w http.ResponseWriter, r *http.Request, key string, limit int, window time.Duration) (time.Duration, error) {
	ok, wait, err := s.Store.Throttle(r.Context(), key, limit, window)
	if err != nil || ok {
		return 0, err
	}
	w.Header().Set("Retry-After", strconv.Itoa(int(wait/time.Second)))
	return wait, nil
}
