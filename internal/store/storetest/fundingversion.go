package storetest

import (
	"context"
	"testing"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/store"
)

// testFundingVersion: the funding version moves with every write that
// changes what the funding tables show — flows, appeals, names, the tree
// of organizations, bulk loads — and not with writes that do not.
func testFundingVersion(t *testing.T, db *store.DB) {
	ctx := Admin()
	last, err := db.FundingVersion(ctx)
	if err != nil {
		t.Fatal(err)
	}
	moved := func(what string, want bool) {
		t.Helper()
		v, err := db.FundingVersion(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if (v != last) != want {
			t.Errorf("%s: version %d → %d; moved should be %v", what, last, v, want)
		}
		last = v
	}
	who := MustCreateOrg(t, db, &accord.Organization{NameEN: "World Health Organization", Acronym: "WHO", Type: "40"})
	donor := MustCreateOrg(t, db, &accord.Organization{NameEN: "Islamic Development Bank", Acronym: "IsDB", Type: "40"})
	moved("new organizations", false)

	f := &accord.Flow{Status: "pledge", SourceOrgID: donor.ID, DestOrgID: &who.ID, Country: "AF", Amount: "1000", Currency: "USD", ValueDate: "2023-01-01"}
	if err := db.CreateFlow(ctx, f); err != nil {
		t.Fatal(err)
	}
	moved("a flow created", true)
	if _, err := db.AdvanceFlow(ctx, f.ID, f.Version, "paid", "2023-02-01"); err != nil {
		t.Fatal(err)
	}
	moved("a flow paid", true)
	a := &accord.Appeal{Title: "Health, Afghanistan", Country: "AF", Amount: "5000", Currency: "USD", Start: "2023-01-01"}
	if err := db.CreateAppeal(ctx, a); err != nil {
		t.Fatal(err)
	}
	moved("an appeal created", true)
	donor.NameEN = "Islamic Development Bank Group"
	if err := db.UpdateOrganization(ctx, donor); err != nil {
		t.Fatal(err)
	}
	moved("a donor renamed", true)
	who.ParentID = &donor.ID
	if err := db.UpdateOrganization(ctx, who); err != nil {
		t.Fatal(err)
	}
	moved("an organization moved under another", true)
	who.Website = "https://www.who.int"
	if err := db.UpdateOrganization(ctx, who); err != nil {
		t.Fatal(err)
	}
	moved("a website changed", false)

	w, err := db.NewBulkWriter(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Flows([]store.BulkFlow{{Flow: &accord.Flow{Type: "standard", Contribution: "financial", Rate: "1", RateDate: "2023-05-01", Status: "paid", SourceOrgID: donor.ID, Country: "ML", Amount: "700", Currency: "USD",
		ValueDate: "2023-05-01"}}}); err != nil {
		t.Fatal(err)
	}
	if err := w.Commit(); err != nil {
		t.Fatal(err)
	}
	moved("a bulk load of flows", true)
}
