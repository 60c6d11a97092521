package middleware

import "net/http"

// HSTS asks browsers to come back over HTTPS only, for a year; it is sent
// on HTTPS answers only (RFC 6797), and not for subdomains, which may be
// other services of the organization.
const HSTS = "max-age=31536000"

// securityHeaders sets the headers that every answer carries, page or
// JSON. The pages add their Content-Security-Policy and framing ban
// (webkit.Kit.Pages): they mean nothing to JSON.
func securityHeaders(proxies Proxies, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		if proxies.ViaHTTPS(r) {
			h.Set("Strict-Transport-Security", HSTS)
		}
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "same-origin")
		next.ServeHTTP(w, r)
	})
}
