package web

import (
	"net/http"

	"github.com/accordhq/accord/internal/middleware"
)

// clientAddr is the address of the client a request came from, read
// through the trusted proxies (the public forms' limits key on it).
func (s *Server) clientAddr(r *http.Request) string {
	return middleware.Proxies(s.TrustedProxies).ClientAddr(r)
}

// viaHTTPS reports whether the request reached Accord over TLS, directly or
// through a trusted proxy that says so.
func (s *Server) viaHTTPS(r *http.Request) bool {
	return middleware.Proxies(s.TrustedProxies).ViaHTTPS(r)
}

// secureCookies reports whether cookies set in answer to r are marked
// Secure: always when configured so, else when r came over HTTPS.
func (s *Server) secureCookies(r *http.Request) bool { return s.SecureCookies || s.viaHTTPS(r) }
