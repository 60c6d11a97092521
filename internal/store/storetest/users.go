package storetest

import (
	"bytes"
	"testing"
	"time"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/store"
)

func testUsers(t *testing.T, db *store.DB) {
	ctx := Admin()
	u := &accord.User{Email: " Officer@Example.ORG ", Name: "An Officer", Role: accord.RoleOfficer}
	if err := db.CreateUser(ctx, u, "hash-1"); err != nil {
		t.Fatal(err)
	}
	if u.Email != "officer@example.org" {
		t.Errorf("email not normalised: %q", u.Email)
	}
	got, hash, err := db.UserByEmail(ctx, "OFFICER@example.org")
	if err != nil || hash != "hash-1" || got.ID != u.ID {
		t.Fatalf("by email: %+v %q %v", got, hash, err)
	}
	dup := &accord.User{Email: "officer@example.org", Name: "Again", Role: accord.RoleViewer}
	if err := db.CreateUser(ctx, dup, "x"); accord.ErrorCode(err) != accord.ECONFLICT {
		t.Errorf("duplicate email: %v", err)
	}
	if err := db.CreateUser(ctx, &accord.User{Email: "p@example.org", Name: "P", Role: accord.RolePartner}, "x"); accord.ErrorCode(err) != accord.EINVALID {
		t.Errorf("partner without organization: %v", err)
	}
	// A user may rename themselves but not promote themselves.
	self := As(u)
	me, _ := db.GetUser(self, u.ID)
	me.Name = "Renamed"
	if err := db.UpdateUser(self, me); err != nil {
		t.Fatal(err)
	}
	me.Role = accord.RoleAdmin
	if err := db.UpdateUser(self, me); accord.ErrorCode(err) != accord.EFORBIDDEN {
		t.Errorf("self-promotion: %v", err)
	}
	if err := db.SetPassword(self, u.ID, "hash-2"); err != nil {
		t.Fatal(err)
	}
	if _, hash, _ := db.UserByEmail(ctx, u.Email); hash != "hash-2" {
		t.Errorf("password not changed")
	}
}

func testSessionsAndTokens(t *testing.T, db *store.DB) {
	ctx := Admin()
	u := &accord.User{Email: "viewer@example.org", Name: "Viewer", Role: accord.RoleViewer}
	if err := db.CreateUser(ctx, u, "x"); err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	clock := now
	db.UseClock(func() time.Time { return clock })
	secret := bytes.Repeat([]byte{1}, 32)
	if err := db.CreateSession(ctx, secret, accord.Session{UserID: u.ID, ExpiresAt: now.Add(time.Hour)}); err != nil {
		t.Fatal(err)
	}
	if got, err := db.SessionUser(ctx, secret); err != nil || got.ID != u.ID {
		t.Fatalf("session user: %v", err)
	}
	clock = now.Add(2 * time.Hour)
	if _, err := db.SessionUser(ctx, secret); accord.ErrorCode(err) != accord.ENOTFOUND {
		t.Errorf("expired session still valid: %v", err)
	}
	clock = now
	if err := db.DeleteSession(ctx, secret); err != nil {
		t.Fatal(err)
	}
	if _, err := db.SessionUser(ctx, secret); err == nil {
		t.Error("session valid after sign-out")
	}

	self := As(u)
	tok := &accord.Token{UserID: u.ID, Name: "scripts"}
	tsecret := bytes.Repeat([]byte{2}, 32)
	if err := db.CreateToken(self, tok, tsecret); err != nil {
		t.Fatal(err)
	}
	if got, err := db.TokenUser(ctx, tsecret); err != nil || got.ID != u.ID {
		t.Fatalf("token user: %v", err)
	}
	list, _ := db.ListTokens(self, u.ID)
	if len(list) != 1 || list[0].LastUsedAt == nil {
		t.Errorf("tokens: %+v", list)
	}
	other := &accord.User{Email: "other@example.org", Name: "Other", Role: accord.RoleOfficer}
	_ = db.CreateUser(ctx, other, "x")
	if err := db.RevokeToken(As(other), u.ID, tok.ID); err == nil {
		t.Error("another user revoked my token")
	}
	if err := db.RevokeToken(self, u.ID, tok.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := db.TokenUser(ctx, tsecret); accord.ErrorCode(err) != accord.EUNAUTHORIZED {
		t.Errorf("revoked token still works: %v", err)
	}
	// Disabling a user ends their sessions.
	_ = db.CreateSession(ctx, secret, accord.Session{UserID: u.ID, ExpiresAt: now.Add(time.Hour)})
	fresh, _ := db.GetUser(ctx, u.ID)
	fresh.Disabled = true
	if err := db.UpdateUser(ctx, fresh); err != nil {
		t.Fatal(err)
	}
	if _, err := db.SessionUser(ctx, secret); err == nil {
		t.Error("disabled user keeps a session")
	}
}
