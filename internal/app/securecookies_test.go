package app

import (
	"io"
	"net/netip"
	"slices"
	"strings"
	"testing"
)

// TestSecureCookiesByDefault: cookies are Secure unless Accord listens only
// on loopback (serve --demo on http://127.0.0.1) or is told otherwise.
func TestSecureCookiesByDefault(t *testing.T) {
	for _, c := range []struct {
		env  map[string]string
		args []string
		want bool
	}{
		{nil, nil, false}, // 127.0.0.1:8080
		{nil, []string{"--addr", "0.0.0.0:8080"}, true},
		{nil, []string{"--addr", ":8080"}, true},
		{nil, []string{"--addr", "[::1]:8080"}, false},
		{nil, []string{"--addr", "localhost:8080"}, false},
		{nil, []string{"--addr", "127.0.0.1:8080", "--secure-cookies"}, true},
		{nil, []string{"--addr", "0.0.0.0:8080", "--secure-cookies=false"}, false},
		{map[string]string{"ACCORD_SECURE_COOKIES": "false", "ACCORD_ADDR": "0.0.0.0:8080"}, nil, false},
		{map[string]string{"ACCORD_SECURE_COOKIES": "true"}, nil, true},
	} {
		m := &Main{Stderr: io.Discard, Getenv: func(k string) string { return c.env[k] }}
		cfg, err := m.parse("serve", c.args, true, nil)
		if err != nil || cfg.SecureCookies != c.want {
			t.Errorf("serve %v with %v: Secure cookies %v (%v), want %v", c.args, c.env, cfg.SecureCookies, err, c.want)
		}
	}
}

func TestTrustedProxies(t *testing.T) {
	got, err := parseTrustedProxies(" 10.0.0.0/8, 192.0.2.1 ,2001:db8::/32,10.1.2.3/16")
	want := []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8"), netip.MustParsePrefix("192.0.2.1/32"),
		netip.MustParsePrefix("2001:db8::/32"), netip.MustParsePrefix("10.1.0.0/16")}
	if err != nil || !slices.Equal(got, want) {
		t.Errorf("parsed %v (%v), want %v", got, err, want)
	}
	if _, err := parseTrustedProxies("10.0.0.0/33,proxy.example"); err == nil || !strings.Contains(err.Error(), `"10.0.0.0/33", "proxy.example"`) {
		t.Errorf("bad entries: %v", err)
	}
}
