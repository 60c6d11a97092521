package web

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
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
	srv := httptest.NewServer(withAPI(e.t, s, e.db))
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
