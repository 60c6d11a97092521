package demo

import (
	"strings"
	"testing"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/store"
	"github.com/accordhq/accord/internal/store/storetest"
)

// TestMoneyDemo loads the demo world with its appeals and flows and checks
// that the dashboards would show the figures the demo means to show.
func TestMoneyDemo(t *testing.T) {
	db := storetest.Open(t, store.SQLite)
	ctx := storetest.Admin()
	if ok, err := Load(ctx, db); err != nil || !ok {
		t.Fatalf("load: %v %v", ok, err)
	}
	if _, n, err := db.ListFlows(ctx, accord.FlowFilter{PerPage: 1}); err != nil {
		t.Fatal(err)
	} else if n == 0 { // until Load calls it
		orgs, _, err := db.ListOrganizations(ctx, accord.OrganizationFilter{Unlimited: true})
		if err != nil {
			t.Fatal(err)
		}
		ids := map[string]int64{}
		for _, o := range orgs {
			ids[o.Acronym] = o.ID
		}
		if err := loadMoney(ctx, db, ids); err != nil {
			t.Fatal(err)
		}
	}
	report, err := db.FundingReport(ctx, accord.FundingFilter{By: "country"})
	if err != nil {
		t.Fatal(err)
	}
	rows, total := report.Table()
	by := map[string]accord.FundingRow{}
	for _, r := range rows {
		by[r.Key] = r
	}
	// Afghanistan: 2m + 3.5m (doses, SAR) + 5m paid, 1.2m (kits) + 5m (SAR) committed, 2m pledged; needs 28m (revised) + 12m.
	if af := by["AF"]; af.Firm != 16700000 || af.Paid != 10500000 || af.Pledged != 2000000 || af.Requirement != 40000000 {
		t.Errorf("Afghanistan: %+v", af)
	}
	// The Sahel: EUR 4.6m at 0.92 committed, doses pledged; the parked parent is counted through its children in ML, NE and TD.
	if sh := by["SAHEL"]; sh.Firm != 5000000 || sh.Pledged != 2100000 || sh.Requirement != 8000000 {
		t.Errorf("Sahel: %+v", sh)
	}
	if ml := by["ML"]; ml.Firm != 3000000 || ml.Paid != 3000000 || ml.Covered != 50 {
		t.Errorf("Mali: %+v", ml)
	}
	if total.Firm != 31700000 {
		t.Errorf("firm funding counted %v, want 31,700,000 (each dollar once)", total.Firm)
	}
	flows, _, err := db.ListFlows(ctx, accord.FlowFilter{PerPage: 100})
	if err != nil {
		t.Fatal(err)
	}
	var doses bool
	for _, f := range flows {
		if !strings.Contains(f.Description, "illustrative") {
			t.Errorf("flow %d does not say its figures are illustrative: %q", f.ID, f.Description)
		}
		doses = doses || (f.Contribution == "in_kind" && f.Unit == "doses" && f.Quantity == "500000")
	}
	if !doses {
		t.Error("no in-kind flow of 500,000 vaccine doses")
	}
}
