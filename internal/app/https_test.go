package app

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/accordhq/accord/internal/middleware"
	"github.com/accordhq/accord/internal/store"
	"github.com/accordhq/accord/internal/store/storetest"
)

// TestHTTPSAnswers: answers over HTTPS, directly or through a trusted proxy
// that says so, carry Strict-Transport-Security and Secure cookies; plain
// HTTP ones, and a proxy's word from an untrusted peer, do not.
func TestHTTPSAnswers(t *testing.T) {
	t.Parallel()
	db := storetest.Open(t, store.SQLite)
	s, _, err := newHandler(db, Config{TrustedProxies: "10.0.0.0/8"}, discardLogger(), nil)
	if err != nil {
		t.Fatal(err)
	}
	tlsSrv := httptest.NewTLSServer(s)
	t.Cleanup(tlsSrv.Close)
	res, err := tlsSrv.Client().Get(tlsSrv.URL + "/app/login")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	check := func(what string, h http.Header, cookies []*http.Cookie, https bool) {
		t.Helper()
		if got := h.Get("Strict-Transport-Security"); (got == middleware.HSTS) != https {
			t.Errorf("%s: Strict-Transport-Security %q", what, got)
		}
		if len(cookies) == 0 {
			t.Fatalf("%s: no cookie set", what)
		}
		for _, c := range cookies {
			if c.Secure != https {
				t.Errorf("%s: cookie %s Secure=%v", what, c.Name, c.Secure)
			}
		}
	}
	check("over TLS", res.Header, res.Cookies(), true)
	for _, c := range []struct {
		what, peer, proto string
		https             bool
	}{
		{"plain HTTP", "192.0.2.1:5000", "", false},
		{"a trusted proxy saying https", "10.0.0.2:5000", "https", true},
		{"a trusted proxy saying http", "10.0.0.2:5000", "http", false},
		{"an untrusted peer saying https", "192.0.2.1:5000", "https", false},
	} {
		r := httptest.NewRequest(http.MethodGet, "/app/login", nil)
		r.RemoteAddr = c.peer
		if c.proto != "" {
			r.Header.Set("X-Forwarded-Proto", c.proto)
		}
		w := httptest.NewRecorder()
		s.ServeHTTP(w, r)
		check(c.what, w.Header(), w.Result().Cookies(), c.https)
	}
}
