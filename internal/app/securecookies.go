package app

import (
	"net"
	"net/netip"
)

// defaultSecureCookies marks cookies Secure unless told otherwise or the
// server listens only on loopback, as `serve --demo` and the tests do on
// plain http://127.0.0.1. Requests that arrive over TLS, or through a
// trusted proxy that says https, get Secure cookies in any case (package webkit).
func (c *Config) defaultSecureCookies() {
	if c.secureCookiesSet {
		return
	}
	host, _, err := net.SplitHostPort(c.Addr)
	if err != nil {
		return // Validate names the address
	}
	a, err := netip.ParseAddr(host)
	c.SecureCookies = !(host == "localhost" || err == nil && a.IsLoopback())
}
