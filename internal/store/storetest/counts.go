package storetest

import (
	"context"
	"testing"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/store"
)

// testCountsFollowChanges: the store keeps list totals while the database
// does not change; a total must still follow every committed change at
// once, made by this instance or by another one on the same database, and
// differ between users who may see different rows.
func testCountsFollowChanges(t *testing.T, db *store.DB) {
	ctx := Admin()
	total := func(ctx context.Context, what string, want int) {
		t.Helper()
		for range 2 { // the second answer comes from what was kept
			_, n, err := db.ListOrganizations(ctx, accord.OrganizationFilter{PerPage: 1})
			if err != nil {
				t.Fatal(err)
			}
			if n != want {
				t.Fatalf("%s: %d organizations, want %d", what, n, want)
			}
		}
	}
	who := MustCreateOrg(t, db, NewOrg("World Health Organization", "WHO"))
	total(ctx, "one organization", 1)
	icrc := MustCreateOrg(t, db, NewOrg("International Committee of the Red Cross", "ICRC"))
	total(ctx, "created here", 2)

	other, err := store.Open(context.Background(), db.DSN())
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	MustCreateOrg(t, other, NewOrg("International Organization for Migration", "IOM"))
	total(ctx, "created by another instance", 3)
	if _, err := other.ArchiveOrganization(ctx, icrc.ID, icrc.Version, true); err != nil {
		t.Fatal(err)
	}
	total(ctx, "archived by another instance", 2)

	partner := &accord.User{Email: "focal@who.int", Name: "WHO focal point", Role: accord.RolePartner, OrgID: &who.ID}
	if err := db.CreateUser(ctx, partner, "x"); err != nil {
		t.Fatal(err)
	}
	total(As(partner), "a partner's own", 1)
	total(ctx, "staff after the partner", 2)
}
