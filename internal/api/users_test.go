package api

import (
	"fmt"
	"strings"
	"testing"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/auth"
	"github.com/accordhq/accord/internal/store/storetest"
)

func TestUsers(t *testing.T) {
	e := newEnv(t)
	officer, officerT := e.user("officer@example.org", accord.RoleOfficer, nil)
	who := e.org("World Health Organization", "WHO")

	// Administrators only.
	e.do("GET", "/api/v1/users", officerT, nil).want(403).problem()
	e.do("POST", "/api/v1/users", officerT, map[string]any{"email": "x@example.org", "name": "X", "role": "admin", "password": "long enough password"}).want(403)
	e.do("GET", fmt.Sprintf("/api/v1/users/%d", e.admin.ID), officerT, nil).want(404)

	// Password rules, with the other fields' problems in the same answer.
	p := e.do("POST", "/api/v1/users", e.adminT, map[string]any{"email": "new@example.org", "name": "New", "role": "viewer", "password": "short"}).want(400).problem()
	if len(p.Errors) != 1 || p.Errors[0].Field != "password" || !strings.Contains(p.Errors[0].Message, "too short") {
		t.Errorf("short password: %+v", p.Errors)
	}
	// Common, blank and personal passwords (NIST SP 800-63B), refused by name.
	for pw, rule := range map[string]string{"password1234": "common and breached", "            ": "only spaces", "New.Person@example.org": "email address or name"} {
		p = e.do("POST", "/api/v1/users", e.adminT, map[string]any{"email": "new.person@example.org", "name": "New", "role": "viewer", "password": pw}).want(400).problem()
		if len(p.Errors) != 1 || p.Errors[0].Field != "password" || !strings.Contains(p.Errors[0].Message, rule) {
			t.Errorf("password %q: %+v, want %q", pw, p.Errors, rule)
		}
	}
	p = e.do("POST", "/api/v1/users", e.adminT, map[string]any{"email": "not an email", "name": "", "role": "king"}).want(400).problem()
	for _, f := range []string{"password", "email", "name", "role"} {
		if !p.names(f) {
			t.Errorf("problem does not name %s: %v", f, p.fields())
		}
	}
	p = e.do("POST", "/api/v1/users", e.adminT, map[string]any{"email": "p@example.org", "name": "P", "role": "partner", "password": "long enough password"}).want(400).problem()
	if !p.names("org_id") {
		t.Errorf("partner without organization: %v", p.fields())
	}

	// Create; the password is stored hashed and never shown.
	r := e.do("POST", "/api/v1/users", e.adminT, map[string]any{"email": " Focal@WHO.int ", "name": "WHO focal point", "role": "partner",
		"org_id": who.ID, "password": "correct horse battery"}).want(201)
	if strings.Contains(string(r.body), "correct horse") || strings.Contains(string(r.body), "argon2") {
		t.Errorf("answer shows the password: %s", r.body)
	}
	var focal accord.User
	r.json(&focal)
	if focal.Email != "focal@who.int" || focal.OrgID == nil || *focal.OrgID != who.ID || r.header.Get("Location") != fmt.Sprintf("/api/v1/users/%d", focal.ID) {
		t.Errorf("created %+v", focal)
	}
	if _, hash, err := e.db.UserByEmail(storetest.Admin(), "focal@who.int"); err != nil || !auth.CheckPassword(hash, "correct horse battery") {
		t.Errorf("password not stored as a hash of itself: %v", err)
	}
	p = e.do("POST", "/api/v1/users", e.adminT, map[string]any{"email": "focal@who.int", "name": "Again", "role": "viewer", "password": "correct horse battery"}).want(409).problem()
	if !p.names("email") {
		t.Errorf("duplicate email: %v", p.fields())
	}

	// Lists.
	items, total := listOf[accord.User](e.do("GET", "/api/v1/users?role=partner", e.adminT, nil).want(200))
	if total != 1 || items[0].ID != focal.ID {
		t.Errorf("role filter: %d", total)
	}
	if _, total := listOf[accord.User](e.do("GET", "/api/v1/users?q=officer&per_page=1", e.adminT, nil).want(200)); total != 1 {
		t.Errorf("q filter: %d", total)
	}
	e.do("GET", "/api/v1/users?role=king", e.adminT, nil).want(400)

	// A user reads and renames themselves, but may not promote themselves.
	var me accord.User
	r = e.do("GET", "/api/v1/users/me", officerT, nil).want(200)
	r.json(&me)
	if me.ID != officer.ID || r.header.Get("ETag") != `"1"` {
		t.Errorf("me %+v", me)
	}
	me.Name = "Renamed officer"
	e.do("PUT", fmt.Sprintf("/api/v1/users/%d", me.ID), officerT, me, "If-Match", `"1"`).want(200).json(&me)
	if me.Name != "Renamed officer" || me.Version != 2 {
		t.Errorf("renamed %+v", me)
	}
	me.Role = accord.RoleAdmin
	e.do("PUT", fmt.Sprintf("/api/v1/users/%d", me.ID), officerT, me).want(403)
	e.do("PUT", fmt.Sprintf("/api/v1/users/%d", me.ID), officerT, map[string]any{"version": 2, "email": me.Email, "name": "X", "role": "officer", "password": "new password here"}).want(400)
	adm := *e.admin
	adm.Name = "Taken over"
	e.do("PUT", fmt.Sprintf("/api/v1/users/%d", adm.ID), officerT, adm).want(404)

	// The administrator disables the officer: the token stops working.
	me.Role, me.Disabled = accord.RoleOfficer, true
	e.do("PUT", fmt.Sprintf("/api/v1/users/%d", me.ID), e.adminT, me, "If-Match", `"1"`).want(412)
	e.do("PUT", fmt.Sprintf("/api/v1/users/%d", me.ID), e.adminT, me, "If-Match", `"2"`).want(200)
	e.do("GET", "/api/v1/users/me", officerT, nil).want(401)
}
