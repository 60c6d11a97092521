package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/store/storetest"
	"github.com/accordhq/accord/internal/web/webkit"
)

// plant sets a cookie in the browser as another site or a network attacker
// could (cookie tossing), for the server's host.
func (b *browser) plant(name, value string) {
	u, _ := url.Parse(b.e.srv.URL)
	b.Client.Jar.SetCookies(u, []*http.Cookie{{Name: name, Value: value, Path: "/"}})
}

// TestCSRFTokenBoundToSession: a token of the attacker's choosing, with a
// matching planted cookie, is refused (it was accepted at 3 characters),
// and a session's token is not good for another session.
func TestCSRFTokenBoundToSession(t *testing.T) {
	e := newEnv(t)
	victim := e.signedIn("editor@example.org", accord.RoleEditor, nil)
	org := url.Values{"name_en": {"Forged Organization"}, "type": {"40"}}
	for _, token := range []string{"abc", strings.Repeat("x", 43)} {
		victim.plant(webkit.CSRFCookie, token)
		org.Set("csrf", token)
		if p := victim.post("/app/organizations", org, ""); p.StatusCode != http.StatusForbidden {
			t.Errorf("planted cookie and token %q: %d, want 403", token, p.StatusCode)
		}
	}
	// Signed out, too: the sign-in form takes no planted pair.
	visitor := e.browser()
	visitor.plant(webkit.CSRFCookie, "abc")
	if p := visitor.post("/app/login", url.Values{"email": {"editor@example.org"}, "password": {testPassword}, "csrf": {"abc"}}, ""); p.StatusCode != http.StatusForbidden {
		t.Errorf("sign-in with a planted token: %d, want 403", p.StatusCode)
	}
	// A token read in one session is refused in the next one, in the same browser.
	page := victim.get("/app/organizations/new")
	old, _ := page.Doc.Find(`input[name="csrf"]`).First().Attr("value")
	if len(old) < 32 {
		t.Fatalf("token %q: want at least 32 characters", old)
	}
	victim.post("/app/logout", url.Values{}, "/app/")
	if p := victim.post("/app/login", url.Values{"email": {"editor@example.org"}, "password": {testPassword}}, "/app/login"); p.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign in again: %d", p.StatusCode)
	}
	org.Set("csrf", old)
	if p := victim.post("/app/organizations", org, ""); p.StatusCode != http.StatusForbidden {
		t.Errorf("the previous session's token: %d, want 403", p.StatusCode)
	}
	if p := victim.post("/app/organizations", org, "/app/organizations/new"); p.StatusCode != http.StatusSeeOther {
		t.Errorf("the session's own token: %d, want 303", p.StatusCode)
	}
	if orgs, total, _ := e.db.ListOrganizations(storetest.Admin(), accord.OrganizationFilter{}); total != 1 {
		t.Errorf("%d organizations saved, want 1: %v", total, orgs)
	}
}
