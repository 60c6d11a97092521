package web

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/web/webkit"
)

func TestHealth(t *testing.T) {
	e := newEnv(t)
	b := e.browser()
	for _, path := range []string{"/healthz", "/readyz"} {
		p := b.get(path)
		var body map[string]string
		if err := json.Unmarshal([]byte(p.Body), &body); err != nil || p.StatusCode != 200 || body["db"] != "sqlite" {
			t.Errorf("%s: %d %s", path, p.StatusCode, p.Body)
		}
	}
}

func TestSignInAndOut(t *testing.T) {
	e := newEnv(t)
	e.user("officer@example.org", accord.RoleOfficer, nil)
	b := e.browser()

	if p := b.get("/app/organizations"); p.StatusCode != http.StatusSeeOther || !strings.HasPrefix(p.Header.Get("Location"), "/app/login?next=") {
		t.Fatalf("anonymous visit: %d to %q", p.StatusCode, p.Header.Get("Location"))
	}
	p := b.post("/app/login", url.Values{"email": {"officer@example.org"}, "password": {"wrong password!"}}, "/app/login")
	if p.StatusCode != http.StatusUnauthorized || p.text(`[role="alert"]`) != "The email or password is wrong." {
		t.Errorf("wrong password: %d %q", p.StatusCode, p.text(`[role="alert"]`))
	}
	if v, _ := p.Doc.Find("#email").Attr("value"); v != "officer@example.org" {
		t.Errorf("email not kept after a failed sign-in: %q", v)
	}
	p = b.post("/app/login", url.Values{"email": {"officer@example.org"}, "password": {testPassword}, "next": {"/app/people"}}, "/app/login")
	if p.StatusCode != http.StatusSeeOther || p.Header.Get("Location") != "/app/people" {
		t.Fatalf("sign in: %d to %q", p.StatusCode, p.Header.Get("Location"))
	}
	var session *http.Cookie
	for _, c := range p.Cookies() {
		if c.Name == webkit.SessionCookie {
			session = c
		}
	}
	if session == nil || !session.HttpOnly || session.SameSite != http.SameSiteLaxMode {
		t.Errorf("session cookie: %+v", session)
	}
	if p := b.get("/app/people"); p.StatusCode != 200 || !strings.Contains(p.text(".who"), "officer") {
		t.Errorf("signed-in page: %d %q", p.StatusCode, p.text(".who"))
	}
	b.post("/app/logout", url.Values{}, "/app/")
	if p := b.get("/app/people"); p.StatusCode != http.StatusSeeOther {
		t.Errorf("after sign-out: %d", p.StatusCode)
	}
}

func TestOpenRedirectRefused(t *testing.T) {
	for _, next := range []string{"https://evil.example/", "//evil.example", `/\evil.example`, "javascript:alert(1)", ""} {
		if got := safeNext(next); got != "/app/" {
			t.Errorf("safeNext(%q) = %q", next, got)
		}
	}
	if got := safeNext("/app/people?q=x"); got != "/app/people?q=x" {
		t.Errorf("local next refused: %q", got)
	}
}

func TestSignInRateLimited(t *testing.T) {
	e := newEnv(t)
	e.user("admin@example.org", accord.RoleAdmin, nil)
	b := e.browser()
	var last page
	for i := 0; i < 6; i++ {
		last = b.post("/app/login", url.Values{"email": {"admin@example.org"}, "password": {"guess number " + string(rune('a'+i))}}, "/app/login")
	}
	if last.StatusCode != http.StatusTooManyRequests || last.Header.Get("Retry-After") == "" {
		t.Fatalf("sixth guess: %d", last.StatusCode)
	}
	// From a browser that never signed in as the account, even the right
	// password waits until the window has passed (see TestOwnerSignsInDuringAttack).
	if p := b.post("/app/login", url.Values{"email": {"admin@example.org"}, "password": {testPassword}}, "/app/login"); p.StatusCode != http.StatusTooManyRequests {
		t.Errorf("right password during lockout: %d", p.StatusCode)
	}
}

func TestCSRFRequired(t *testing.T) {
	e := newEnv(t)
	b := e.signedIn("editor@example.org", accord.RoleEditor, nil)
	p := b.post("/app/organizations", url.Values{"name_en": {"Forged"}, "type": {"40"}, "csrf": {"not-the-token"}}, "")
	if p.StatusCode != http.StatusForbidden {
		t.Errorf("forged form: %d", p.StatusCode)
	}
	// A cross-site request is refused before the handler, whatever the form says.
	req, _ := http.NewRequest(http.MethodPost, e.srv.URL+"/app/organizations", strings.NewReader("name_en=X&type=40"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	if p := b.do(req); p.StatusCode != http.StatusForbidden {
		t.Errorf("cross-site post: %d", p.StatusCode)
	}
	if _, total, _ := e.db.ListOrganizations(adminCtx(), accord.OrganizationFilter{}); total != 0 {
		t.Errorf("a forged form created %d organizations", total)
	}
}

func TestSecurityHeaders(t *testing.T) {
	e := newEnv(t)
	p := e.browser().get("/app/login")
	csp := p.Header.Get("Content-Security-Policy")
	if !strings.Contains(csp, "default-src 'none'") || !strings.Contains(csp, "frame-ancestors 'none'") {
		t.Errorf("CSP: %q", csp)
	}
	if p.Header.Get("X-Content-Type-Options") != "nosniff" {
		t.Error("nosniff missing")
	}
}

func TestOversizedFormRefused(t *testing.T) {
	e := newEnv(t)
	b := e.signedIn("editor@example.org", accord.RoleEditor, nil)
	p := b.post("/app/organizations", url.Values{"name_en": {strings.Repeat("x", 2<<20)}, "type": {"40"}}, "/app/organizations/new")
	if p.StatusCode != http.StatusRequestEntityTooLarge || !strings.Contains(p.Body, "too large") {
		t.Errorf("2 MiB form: %d %q", p.StatusCode, p.Body)
	}
}

func TestLanguageChoiceSavedForUser(t *testing.T) {
	e := newEnv(t)
	b := e.signedIn("officer@example.org", accord.RoleOfficer, nil)
	b.post("/language", url.Values{"lang": {"fr"}, "next": {"/app/"}}, "/app/")
	u, _, err := e.db.UserByEmail(adminCtx(), "officer@example.org")
	if err != nil || u.Language != "fr" {
		t.Fatalf("language not saved: %+v %v", u, err)
	}
	// Another browser, without the cookie, speaks French to this user.
	other := e.browser()
	other.post("/app/login", url.Values{"email": {"officer@example.org"}, "password": {testPassword}}, "/app/login")
	if l, _ := other.get("/app/").Doc.Find("html").Attr("lang"); l != "fr" {
		t.Errorf("other browser: lang=%q", l)
	}
}
