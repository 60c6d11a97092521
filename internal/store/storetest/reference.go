package storetest

import (
	"context"
	"slices"
	"testing"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/store"
)

func testMigrations(t *testing.T, db *store.DB) {
	n, err := db.Migrate(context.Background())
	if err != nil || n != 0 {
		t.Errorf("second migrate applied %d (%v), want 0", n, err)
	}
	for _, d := range []store.Dialect{store.SQLite, store.Postgres} {
		if ms, err := store.Migrations(d); err != nil || len(ms) == 0 {
			t.Errorf("%s migrations: %d, %v", d, len(ms), err)
		}
	}
}

func testReferenceData(t *testing.T, db *store.DB) {
	ctx := context.Background()
	countries, err := db.Countries(ctx)
	if err != nil || len(countries) < 249 {
		t.Fatalf("countries: %d, %v", len(countries), err)
	}
	i := slices.IndexFunc(countries, func(c *accord.Country) bool { return c.Code == "AF" })
	if i < 0 || countries[i].NameAR != "أفغانستان" || countries[i].NameFR != "Afghanistan" {
		t.Errorf("AF: %+v", countries[i])
	}
	for list, code := range map[string]string{accord.ListOrgTypes: "40", accord.ListSectors: "12250", accord.ListSectorCategories: "122", accord.ListCurrencies: "SAR"} {
		codes, err := db.Codes(ctx, list)
		if err != nil || !slices.ContainsFunc(codes, func(c *accord.Code) bool { return c.Code == code }) {
			t.Errorf("%s lacks %s (%v)", list, code, err)
		}
	}
	if _, err := db.Codes(ctx, "nope"); accord.ErrorCode(err) != accord.ENOTFOUND {
		t.Errorf("unknown list: %v", err)
	}
}

func testCountryGroups(t *testing.T, db *store.DB) {
	ctx := Admin()
	groups, err := db.ListCountryGroups(ctx)
	if err != nil {
		t.Fatal(err)
	}
	byCode := map[string]*accord.CountryGroup{}
	for _, g := range groups {
		byCode[g.Code] = g
	}
	if oic := byCode["OIC"]; oic == nil || len(oic.Members) != 57 || !oic.BuiltIn {
		t.Fatalf("OIC group: %+v", oic)
	}
	if sahel := byCode["SAHEL"]; sahel == nil || !slices.Contains(sahel.Members, "ML") {
		t.Fatalf("Sahel group: %+v", sahel)
	}
	if err := db.UpdateCountryGroup(ctx, byCode["OIC"]); accord.ErrorCode(err) != accord.EFORBIDDEN {
		t.Errorf("editing a built-in group: %v", err)
	}
	g := &accord.CountryGroup{Code: "g5", NameEN: "G5 Sahel", Members: []string{"ml", "NE", "bf", "TD", "MR", "ML"}}
	if err := db.CreateCountryGroup(ctx, g); err != nil {
		t.Fatal(err)
	}
	if g.Code != "G5" || len(g.Members) != 5 || g.Members[0] != "BF" {
		t.Errorf("normalised group: %+v", g)
	}
	g.Members = append(g.Members, "XX")
	err = db.UpdateCountryGroup(ctx, g)
	if f := accord.ErrorFields(err); len(f) != 1 || f[0].Field != "members" {
		t.Errorf("unknown member: %v", err)
	}
	if err := db.DeleteCountryGroup(ctx, g.ID, g.Version); err != nil {
		t.Fatal(err)
	}
	if _, err := db.GetCountryGroup(ctx, g.ID); accord.ErrorCode(err) != accord.ENOTFOUND {
		t.Errorf("deleted group: %v", err)
	}
}
