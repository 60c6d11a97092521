package api

import (
	"testing"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/store/storetest"
)

func TestAuthentication(t *testing.T) {
	e := newEnv(t)
	viewer, viewerT := e.user("viewer@example.org", accord.RoleViewer, nil)
	revokedT := e.token(viewer)
	tokens, err := e.db.ListTokens(storetest.As(viewer), viewer.ID)
	if err != nil {
		t.Fatal(err)
	}
	if err := e.db.RevokeToken(storetest.As(viewer), viewer.ID, tokens[len(tokens)-1].ID); err != nil {
		t.Fatal(err)
	}
	disabled, disabledT := e.user("gone@example.org", accord.RoleEditor, nil)
	disabled.Disabled = true
	if err := e.db.UpdateUser(storetest.Admin(), disabled); err != nil {
		t.Fatal(err)
	}

	for _, c := range []struct {
		name   string
		header string
	}{
		{"no header", ""},
		{"empty bearer", "Bearer "},
		{"basic scheme", "Basic YWRtaW46YWRtaW4="},
		{"unknown token", "Bearer accord_not-a-real-token"},
		{"revoked token", "Bearer " + revokedT},
		{"disabled user", "Bearer " + disabledT},
		{"token without scheme", viewerT},
	} {
		t.Run(c.name, func(t *testing.T) {
			var headers []string
			if c.header != "" {
				headers = []string{"Authorization", c.header}
			}
			r := e.do("GET", "/api/v1/organizations", "", nil, headers...).want(401)
			p := r.problem()
			if r.header.Get("WWW-Authenticate") != "Bearer" {
				t.Errorf("WWW-Authenticate %q", r.header.Get("WWW-Authenticate"))
			}
			if p.Type != "https://accord.dev/problems/unauthorized" || p.Detail == "" {
				t.Errorf("problem %+v", p)
			}
		})
	}

	e.do("GET", "/api/v1/organizations", viewerT, nil).want(200)
	e.do("GET", "/api/v1/organizations", "", nil, "Authorization", "bearer "+viewerT).want(200)
	e.do("GET", "/api/v1/openapi.json", "", nil).want(200)

	// The token's user is the actor: a viewer may read but not write.
	p := e.do("POST", "/api/v1/organizations", viewerT, map[string]any{"name_en": "New", "type": "40"}).want(403).problem()
	if p.Type != "https://accord.dev/problems/forbidden" {
		t.Errorf("problem %+v", p)
	}
	var me accord.User
	e.do("GET", "/api/v1/users/me", viewerT, nil).want(200).json(&me)
	if me.ID != viewer.ID || me.Role != accord.RoleViewer {
		t.Errorf("me = %+v", me)
	}
}
