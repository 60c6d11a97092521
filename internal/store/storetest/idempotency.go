package storetest

import (
	"testing"
	"time"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/store"
)

// testIdempotencyKeys: a key is taken only by a write that commits, its
// answer is kept for its user alone, and after a day the key is free again.
func testIdempotencyKeys(t *testing.T, db *store.DB) {
	u := &accord.User{Email: "ada@example.org", Name: "Ada", Role: accord.RoleAdmin}
	if err := db.CreateUser(Admin(), u, "unused-hash"); err != nil {
		t.Fatal(err)
	}
	other := &accord.User{Email: "omar@example.org", Name: "Omar", Role: accord.RoleOfficer}
	if err := db.CreateUser(Admin(), other, "unused-hash"); err != nil {
		t.Fatal(err)
	}
	withClaim := func(u *accord.User, fingerprint string) (*accord.IdempotencyClaim, error) {
		c := &accord.IdempotencyClaim{Key: "k1", Fingerprint: fingerprint}
		return c, db.CreateOrganization(accord.WithIdempotencyClaim(As(u), c), NewOrg("World Health Organization", "WHO"))
	}

	// A write that fails takes nothing.
	c := &accord.IdempotencyClaim{Key: "k1", Fingerprint: "f1"}
	if err := db.CreateOrganization(accord.WithIdempotencyClaim(As(u), c), &accord.Organization{}); err == nil || c.Taken() {
		t.Fatalf("an invalid create: %v, claim taken %v", err, c.Taken())
	}
	if _, err := db.IdempotentRequest(As(u), "k1"); accord.ErrorCode(err) != accord.ENOTFOUND {
		t.Fatalf("key after a failed write: %v, want not found", err)
	}

	if c, err := withClaim(u, "f1"); err != nil || !c.Taken() {
		t.Fatalf("create with a key: %v, taken %v", err, c.Taken())
	}
	if _, err := withClaim(u, "f1"); accord.ErrorCode(err) != accord.ECONFLICT {
		t.Errorf("a second write with the key: %v, want a conflict", err)
	}
	res := &accord.StoredResponse{Status: 201, Location: "/api/v1/organizations/1", ETag: `"1"`, ContentType: "application/json", Body: []byte(`{"id":1}`)}
	if err := db.SaveIdempotentResponse(As(u), "k1", res); err != nil {
		t.Fatal(err)
	}
	got, err := db.IdempotentRequest(As(u), "k1")
	if err != nil || got.Fingerprint != "f1" || got.Response == nil || got.Response.Status != 201 || got.Response.Location != res.Location ||
		got.Response.ETag != res.ETag || string(got.Response.Body) != `{"id":1}` {
		t.Fatalf("stored request: %+v %+v, %v", got, got.Response, err)
	}
	if _, err := db.IdempotentRequest(As(other), "k1"); accord.ErrorCode(err) != accord.ENOTFOUND {
		t.Errorf("another user's key is visible: %v", err)
	}
	if c, err := withClaim(other, "f2"); err != nil || !c.Taken() {
		t.Errorf("another user's key of the same name: %v", err)
	}

	later := time.Now().UTC().Add(accord.IdempotencyTTL + time.Hour)
	db.UseClock(func() time.Time { return later })
	if _, err := db.IdempotentRequest(As(u), "k1"); accord.ErrorCode(err) != accord.ENOTFOUND {
		t.Errorf("a key a day old is still answered: %v", err)
	}
	if c, err := withClaim(u, "f3"); err != nil || !c.Taken() {
		t.Errorf("an expired key taken again: %v", err)
	}
}
