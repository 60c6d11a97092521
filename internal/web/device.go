package web

import (
	"crypto/hmac"
	"net/http"
	"strings"
	"time"

	"github.com/accordhq/accord/internal/auth"
	"github.com/accordhq/accord/internal/web/webkit"
)

// The OWASP "device cookie" against account lockout: a browser that has
// signed in as an account gets a cookie signed for that account. Failed
// sign-ins from browsers without one count against the account and are
// throttled together; a browser with one is throttled on its own counter,
// so its owner still signs in while an attacker is held back.
// https://owasp.org/www-community/Slow_Down_Online_Guessing_Attacks_with_Device_Cookies
const (
	deviceCookie = "accord_device"
	deviceMaxAge = 365 * 24 * 3600
)

// signinFailures failed sign-ins per signinWindow are allowed for an
// account from browsers it has not signed in from, and as many for each
// browser that has: an attacker who locks the first out does not lock out
// the account's owner. The counts live in the database
// (webkit.Kit.RateLimited), so every instance shares them.
const (
	signinFailures = 5
	signinWindow   = 15 * time.Minute
)

// signinThrottleKey is the counter a sign-in as email from this browser
// counts against: its device's when it has a device cookie for email,
// else the account's.
func signinThrottleKey(r *http.Request, key []byte, email string) string {
	if c, err := r.Cookie(deviceCookie); err == nil {
		if nonce, sig, ok := strings.Cut(c.Value, "."); ok && hmac.Equal([]byte(sig), []byte(webkit.Sign(key, "device", email, nonce))) {
			return "signin-device:" + nonce
		}
	}
	return "signin-account:" + email
}

// setDeviceCookie marks the browser as one that has signed in as email.
func (s *Server) setDeviceCookie(w http.ResponseWriter, r *http.Request, key []byte, email string) {
	nonce, _ := auth.NewSecret("")
	http.SetCookie(w, &http.Cookie{Name: deviceCookie, Value: nonce + "." + webkit.Sign(key, "device", email, nonce), Path: "/app/login",
		MaxAge: deviceMaxAge, HttpOnly: true, Secure: s.Kit.SecureCookies(r), SameSite: http.SameSiteStrictMode})
}
