package webkit

import (
	"net/http"
	"net/http/httptest"
	"net/netip"
	"testing"
)

func TestClientAddr(t *testing.T) {
	k := New(Deps{TrustedProxies: []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8"), netip.MustParsePrefix("2001:db8:ffff::/48")}})
	for _, c := range []struct {
		peer, xff, forwarded, want string
	}{
		{"192.0.2.1:5000", "203.0.113.9", "", "192.0.2.1"},                                                              // untrusted peer: headers ignored
		{"10.0.0.2:5000", "", "", "10.0.0.2"},                                                                           // a proxy that says nothing
		{"10.0.0.2:5000", "6.6.6.6, 203.0.113.9", "", "203.0.113.9"},                                                    // rightmost untrusted hop
		{"10.0.0.2:5000", "203.0.113.9, 10.1.1.1", "", "203.0.113.9"},                                                   // skipping trusted hops
		{"10.0.0.2:5000", "unknown, 10.1.1.1", "", "10.1.1.1"},                                                          // no further than a hop that cannot be read
		{"10.0.0.2:5000", "1.1.1.1", `for=192.0.2.60;proto=https, for="[2001:db8:cafe::17]:4711"`, "2001:db8:cafe::17"}, // Forwarded wins
		{"10.0.0.2:5000", "", `for=198.51.100.7:1234;by=10.0.0.2`, "198.51.100.7"},
		{"[2001:db8:ffff::1]:443", "", `For="[2001:db8::9]"`, "2001:db8::9"},
		{"[::ffff:10.0.0.2]:5000", "192.0.2.44", "", "192.0.2.44"}, // IPv4-mapped peer
	} {
		r := httptest.NewRequest(http.MethodGet, "/", nil)
		r.RemoteAddr = c.peer
		if c.xff != "" {
			r.Header.Set("X-Forwarded-For", c.xff)
		}
		if c.forwarded != "" {
			r.Header.Set("Forwarded", c.forwarded)
		}
		if got := k.ClientAddr(r); got != c.want {
			t.Errorf("peer %s, X-Forwarded-For %q, Forwarded %q: %s, want %s", c.peer, c.xff, c.forwarded, got, c.want)
		}
	}
}
