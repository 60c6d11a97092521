package api

import (
	"fmt"
	"strings"
	"testing"

	"github.com/accordhq/accord/internal/accord"
)

func TestTokens(t *testing.T) {
	e := newEnv(t)
	editor, editorT := e.user("editor@example.org", accord.RoleEditor, nil)
	_, otherT := e.user("other@example.org", accord.RoleEditor, nil)

	// The secret is shown once, in the answer to POST.
	r := e.do("POST", "/api/v1/tokens", editorT, map[string]string{"name": "nightly export"}).want(201)
	var created struct {
		accord.Token
		Secret string `json:"token"`
	}
	r.json(&created)
	if !strings.HasPrefix(created.Secret, "accord_") || created.ID == 0 || created.UserID != editor.ID || created.Name != "nightly export" {
		t.Fatalf("created %s", r.body)
	}
	list := e.do("GET", "/api/v1/tokens", editorT, nil).want(200)
	if strings.Contains(string(list.body), created.Secret) {
		t.Errorf("the list shows the secret again")
	}
	items, total := listOf[accord.Token](list)
	if total != 2 || items[1].ID != created.ID {
		t.Errorf("tokens: %s", list.body)
	}
	if _, total := listOf[accord.Token](e.do("GET", "/api/v1/tokens", otherT, nil).want(200)); total != 1 {
		t.Errorf("another user sees %d tokens", total)
	}

	// The new token works, is marked used, and is someone else's to revoke only by its owner.
	var me accord.User
	e.do("GET", "/api/v1/users/me", created.Secret, nil).want(200).json(&me)
	if me.ID != editor.ID {
		t.Errorf("token acts as %+v", me)
	}
	items, _ = listOf[accord.Token](e.do("GET", "/api/v1/tokens", editorT, nil))
	if items[1].LastUsedAt == nil {
		t.Errorf("last use not noted")
	}
	path := fmt.Sprintf("/api/v1/tokens/%d", created.ID)
	e.do("DELETE", path, otherT, nil).want(404)
	e.do("GET", "/api/v1/users/me", created.Secret, nil).want(200)

	// Revoked, it stops working at once.
	r = e.do("DELETE", path, editorT, nil).want(204)
	if len(r.body) != 0 {
		t.Errorf("204 with a body: %s", r.body)
	}
	e.do("GET", "/api/v1/users/me", created.Secret, nil).want(401)
	e.do("DELETE", path, editorT, nil).want(404)
	if _, total := listOf[accord.Token](e.do("GET", "/api/v1/tokens", editorT, nil)); total != 1 {
		t.Errorf("revoked token still listed")
	}

	// Bad input.
	if p := e.do("POST", "/api/v1/tokens", editorT, map[string]string{"name": "  "}).want(400).problem(); !p.names("name") {
		t.Errorf("empty name: %v", p.fields())
	}
	e.do("POST", "/api/v1/tokens", editorT, map[string]any{"name": "x", "user_id": 1}).want(400)
	e.do("GET", "/api/v1/tokens?user_id=1", editorT, nil).want(400)
	if items, total := listOf[accord.Token](e.do("GET", "/api/v1/tokens?page=2&per_page=1", editorT, nil).want(200)); total != 1 || len(items) != 0 {
		t.Errorf("page 2 of 1 token: %d items, total %d", len(items), total)
	}
	e.do("DELETE", "/api/v1/tokens/first", editorT, nil).want(400)
}
