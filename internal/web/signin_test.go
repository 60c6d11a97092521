package web

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"strconv"
	"testing"
	"time"

	"github.com/accordhq/accord/internal/accord"
)

// newInstance starts another Accord instance on e's database, as a second
// server behind a load balancer would be.
func (e *env) newInstance(d Deps) *env {
	e.t.Helper()
	d.Store, d.DBName, d.Logger = e.db, "sqlite", slog.New(slog.NewTextHandler(io.Discard, nil))
	s, err := New(d)
	if err != nil {
		e.t.Fatal(err)
	}
	srv := httptest.NewServer(withAPI(s, e.db))
	e.t.Cleanup(srv.Close)
	return &env{t: e.t, db: e.db, srv: srv}
}

func (b *browser) signIn(email, password string) page {
	b.e.t.Helper()
	return b.post("/app/login", url.Values{"email": {email}, "password": {password}}, "/app/login")
}

// TestSignInLimitSharedByInstances: guesses spread over two instances count
// together (they were counted per instance, doubling an attacker's tries).
func TestSignInLimitSharedByInstances(t *testing.T) {
	a := newEnv(t)
	b := a.newInstance(Deps{})
	a.user("admin@example.org", accord.RoleAdmin, nil)
	var last page
	for i := range signinFailures + 1 {
		e := []*env{a, b}[i%2]
		last = e.browser().signIn("admin@example.org", "guess "+strconv.Itoa(i))
	}
	if last.StatusCode != http.StatusTooManyRequests {
		t.Errorf("guess %d, spread over two instances: %d, want 429", signinFailures+1, last.StatusCode)
	}
}

// TestOwnerSignsInDuringAttack: an attacker's failures lock out browsers the
// account never used, not its owner's (OWASP device cookies).
func TestOwnerSignsInDuringAttack(t *testing.T) {
	e := newEnv(t)
	owner := e.signedIn("admin@example.org", accord.RoleAdmin, nil)
	if p := owner.post("/app/logout", url.Values{}, "/app/"); p.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign out: %d", p.StatusCode)
	}
	attacker := e.browser()
	var last page
	for i := range 50 {
		last = attacker.signIn("admin@example.org", "guess "+strconv.Itoa(i))
	}
	if last.StatusCode != http.StatusTooManyRequests || last.Header.Get("Retry-After") == "" {
		t.Fatalf("50th guess: %d, Retry-After %q", last.StatusCode, last.Header.Get("Retry-After"))
	}
	if s, _ := strconv.Atoi(last.Header.Get("Retry-After")); s <= 0 || s > int(signinWindow/time.Second) {
		t.Errorf("Retry-After %d s, want within the %s window", s, signinWindow)
	}
	if msg := last.text(".error, [role=alert]"); msg == "" {
		t.Errorf("429 page says nothing: %s", last.Body)
	}
	// The owner mistypes once, then signs in, from the browser they use.
	if p := owner.signIn("admin@example.org", "a typo"); p.StatusCode != http.StatusUnauthorized {
		t.Errorf("owner's typo during the attack: %d, want 401", p.StatusCode)
	}
	if p := owner.signIn("admin@example.org", testPassword); p.StatusCode != http.StatusSeeOther {
		t.Errorf("owner during the attack: %d, want 303", p.StatusCode)
	}
	// A device cookie is for the account it signed in as: the owner's
	// browser guessing at another account counts on that account.
	owner.post("/app/logout", url.Values{}, "/app/")
	e.user("other@example.org", accord.RoleViewer, nil)
	for i := range signinFailures {
		owner.signIn("other@example.org", "guess "+strconv.Itoa(i))
	}
	if p := e.browser().signIn("other@example.org", "another guess"); p.StatusCode != http.StatusTooManyRequests {
		t.Errorf("guesses from the owner's browser at another account: not counted on it (%d)", p.StatusCode)
	}
}

// TestColleaguesBehindOneProxy: successful sign-ins do not count, so six
// colleagues behind one address all sign in within a minute.
func TestColleaguesBehindOneProxy(t *testing.T) {
	e := newEnv(t)
	for i := range 6 {
		email := "colleague" + strconv.Itoa(i) + "@example.org"
		e.user(email, accord.RoleViewer, nil)
		if p := e.browser().signIn(email, testPassword); p.StatusCode != http.StatusSeeOther {
			t.Errorf("colleague %d: %d, want 303", i+1, p.StatusCode)
		}
	}
}

// TestForwardedForTrusted: the public forms' limits key on the client's
// address, read from X-Forwarded-For only when the peer is a trusted proxy.
func TestForwardedForTrusted(t *testing.T) {
	now := time.Date(2022, 7, 25, 9, 0, 0, 0, time.UTC)
	base := newClockEnv(t, &now)
	clock := func() time.Time { return now }
	behindProxy := base.newInstance(Deps{Now: clock, TrustedProxies: []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8")}})
	untrusted := base.newInstance(Deps{Now: clock, TrustedProxies: []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8")}})
	send := func(e *env, forwardedFor string, i int) int {
		b := e.browser()
		b.Header = http.Header{"X-Forwarded-For": {forwardedFor}}
		f := b.contactFields("/en/contact")
		f.Set("name", "Visitor")
		f.Set("email", "visitor"+strconv.Itoa(i)+"@example.org")
		f.Set("category", "news_tip")
		f.Set("message", "The Sahel workshop moved to Dakar.")
		now = now.Add(10 * time.Second)
		return b.sendContact("/en/contact", f, "", nil).StatusCode
	}
	// Six visitors behind the trusted proxy each have their own count.
	for i := range contactAddrLimit + 1 {
		if status := send(behindProxy, "203.0.113."+strconv.Itoa(i+1)+", 127.0.0.1", i); status != http.StatusSeeOther {
			t.Errorf("visitor %d behind the trusted proxy: %d, want 303", i+1, status)
		}
	}
	// One visitor claiming a new address each time is one visitor, also
	// when the posts go to two instances.
	now = now.Add(contactAddrWindow)
	var last int
	for i := range contactAddrLimit + 1 {
		last = send([]*env{untrusted, base}[i%2], "198.51.100."+strconv.Itoa(i+1), 100+i)
	}
	if last != http.StatusTooManyRequests {
		t.Errorf("spoofed X-Forwarded-For from untrusted peers, over two instances: post %d got %d, want 429", contactAddrLimit+1, last)
	}
}

func TestClientAddr(t *testing.T) {
	s := &Server{Deps: Deps{TrustedProxies: []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8"), netip.MustParsePrefix("2001:db8:ffff::/48")}}}
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
		if got := s.clientAddr(r); got != c.want {
			t.Errorf("peer %s, X-Forwarded-For %q, Forwarded %q: %s, want %s", c.peer, c.xff, c.forwarded, got, c.want)
		}
	}
}
