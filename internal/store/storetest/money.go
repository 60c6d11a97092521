package storetest

import (
	"strings"
	"testing"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/store"
)

// testCounting builds flows with known totals and checks every rule of counting.
func testCounting(t *testing.T, db *store.DB) {
	ctx := Admin()
	ids, _ := genevaWorld(t, db)
	donor := MustCreateOrg(t, db, &accord.Organization{NameEN: "Islamic Development Bank", Acronym: "IsDB", Type: "40"}).ID
	if err := db.SetRates(ctx, []accord.ExchangeRate{
		{Currency: "SAR", Date: "2022-01-01", Rate: "3.75", Source: "SAMA"},
		{Currency: "EUR", Date: "2022-01-01", Rate: "0.80", Source: "ECB"},
		{Currency: "EUR", Date: "2022-07-01", Rate: "1.00", Source: "ECB"},
	}); err != nil {
		t.Fatal(err)
	}
	// Exchange rate by value date: the latest on or before it.
	if r, err := db.RateOn(ctx, "eur", "2022-06-30"); err != nil || r.Rate != "0.80" {
		t.Errorf("EUR on 2022-06-30: %+v %v", r, err)
	}
	if _, err := db.RateOn(ctx, "EUR", "2021-12-31"); accord.ErrorCode(err) != accord.ENOTFOUND {
		t.Errorf("EUR before any rate: %v", err)
	}
	appeal := &accord.Appeal{Title: "Health sector, Afghanistan", Country: "AF", Amount: "10000000", Currency: "USD", Start: "2022-01-01"}
	sahel := &accord.Appeal{Title: "Vaccines for the Sahel", Group: "SAHEL", Amount: "7500000", Currency: "SAR", Start: "2022-03-01"}
	for _, a := range []*accord.Appeal{appeal, sahel} {
		if err := db.CreateAppeal(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	if sahel.AmountUSD != "2000000.00" {
		t.Errorf("SAR 7.5m at 3.75 = %s, want USD 2,000,000.00", sahel.AmountUSD)
	}
	mk := func(f accord.Flow) *accord.Flow {
		t.Helper()
		if err := db.CreateFlow(ctx, &f); err != nil {
			t.Fatalf("flow %q: %v", f.Description, err)
		}
		return &f
	}
	who := ids["WHO"]
	// Afghanistan: 1m paid, 2m committed, 3m pledged.
	mk(accord.Flow{Description: "paid", Status: "paid", SourceOrgID: donor, DestOrgID: &who, Country: "AF", Amount: "1000000", Currency: "USD", ValueDate: "2022-02-01", AppealID: &appeal.ID})
	pledge := mk(accord.Flow{Description: "pledge becomes commitment", Status: "pledge", SourceOrgID: donor, Country: "AF", Amount: "2000000", Currency: "USD", ValueDate: "2022-02-01", AppealID: &appeal.ID})
	mk(accord.Flow{Description: "pledged only", Status: "pledge", SourceOrgID: donor, Country: "AF", Amount: "3000000", Currency: "USD", ValueDate: "2022-02-01"})
	if _, err := db.AdvanceFlow(ctx, pledge.ID, 1, accord.FlowCommitment, "2022-03-01"); err != nil {
		t.Fatal(err)
	}
	if _, err := db.AdvanceFlow(ctx, pledge.ID, 2, accord.FlowPledge, "2022-04-01"); accord.ErrorCode(err) != accord.EINVALID {
		t.Errorf("commitment back to pledge: %v", err)
	}
	// A multi-year parked parent of EUR 1.6m at 0.80 (USD 2m), split into two years: counted once, by its children.
	parent := mk(accord.Flow{Description: "multi-year", Status: "commitment", Type: "parked", SourceOrgID: donor, Country: "AF", Amount: "1600000", Currency: "EUR", ValueDate: "2022-02-01"})
	if parent.Rate != "0.80" || parent.RateDate != "2022-01-01" || parent.AmountUSD != "2000000.00" {
		t.Errorf("rate by value date: %+v", parent)
	}
	mk(accord.Flow{Description: "year 1", Status: "commitment", SourceOrgID: donor, Country: "AF", Amount: "1000000", Currency: "USD", ValueDate: "2022-02-01", Year: 2022, ParentID: &parent.ID})
	mk(accord.Flow{Description: "year 2", Status: "commitment", SourceOrgID: donor, Country: "AF", Amount: "1000000", Currency: "USD", ValueDate: "2022-02-01", Year: 2023, ParentID: &parent.ID})
	err := db.CreateFlow(ctx, &accord.Flow{Description: "too much", Status: "commitment", SourceOrgID: donor, Country: "AF", Amount: "1", Currency: "USD", ValueDate: "2022-02-01", ParentID: &parent.ID})
	if f := accord.ErrorFields(err); len(f) != 1 || f[0].Field != "amount" {
		t.Errorf("child larger than what is left of its parent: %v", err)
	}
	// Pass-through: donor → WHO (USD 500k) → passed through to the Sahel group: counted once, on the group.
	through := mk(accord.Flow{Description: "to WHO", Status: "paid", Type: "pass_through", SourceOrgID: donor, DestOrgID: &who, Group: "SAHEL", Amount: "500000", Currency: "USD", ValueDate: "2022-05-01"})
	mk(accord.Flow{Description: "WHO to the Sahel", Status: "paid", SourceOrgID: who, Group: "SAHEL", Amount: "500000", Currency: "USD", ValueDate: "2022-05-01", ParentID: &through.ID})

	rows, total, err := fundingTable(ctx, db.FundingReport, accord.FundingFilter{By: "country"})
	if err != nil {
		t.Fatal(err)
	}
	by := map[string]accord.FundingRow{}
	for _, r := range rows {
		by[r.Key] = r
	}
	af, sh := by["AF"], by["SAHEL"]
	// AF firm: 1m paid + 2m commitment + 2m from the parked parent's children = 5m; pledged 3m.
	if af.Requirement != 10000000 || af.Firm != 5000000 || af.Paid != 1000000 || af.Pledged != 3000000 || af.Gap != 5000000 || af.Covered != 50 {
		t.Errorf("Afghanistan: %+v", af)
	}
	if sh.Requirement != 2000000 || sh.Firm != 500000 || sh.Gap != 1500000 || sh.Label != "Sahel" {
		t.Errorf("Sahel: %+v", sh)
	}
	if _, ok := by["ML"]; ok {
		t.Error("a flow to the Sahel is counted again on Mali")
	}
	// One status alone: Afghanistan's commitments are 2m and the parked parent's two 1m children.
	if r, err := db.FundingReport(ctx, accord.FundingFilter{By: "country", Status: accord.FlowCommitment}); err != nil || r.Lines[0].Key != "AF" ||
		r.Lines[0].Firm != 400000000 || r.Lines[0].Paid != 0 || r.Lines[0].Pledged != 0 || r.Lines[0].Gap() != 600000000 {
		t.Errorf("commitments by country: %+v (%v)", r, err)
	}
	if fe := accord.ErrorFields(fundingErr(db.FundingReport(ctx, accord.FundingFilter{By: "country", Status: "promised"}))); len(fe) != 1 || fe[0].Field != "status" {
		t.Errorf("funding of an unknown status: %v", fe)
	}
	if total.Firm != 5500000 || total.Requirement != 12000000 || total.Pledged != 3000000 {
		t.Errorf("total: %+v", total)
	}
	// By year, the multi-year parent's children land in their own years.
	years, _, _ := fundingTable(ctx, db.FundingReport, accord.FundingFilter{By: "year"})
	for _, r := range years {
		if r.Key == "2023" && r.Firm != 1000000 {
			t.Errorf("2023: %+v", r)
		}
	}
	// By appeal: only flows tied to it count for it.
	appeals, _, _ := fundingTable(ctx, db.FundingReport, accord.FundingFilter{By: "appeal", Years: []int{2022}})
	for _, r := range appeals {
		if r.Key == itoaID(appeal.ID) && (r.Firm != 3000000 || r.Requirement != 10000000) {
			t.Errorf("appeal row: %+v", r)
		}
	}
	// Rates changing later do not recompute history.
	if err := db.SetRates(ctx, []accord.ExchangeRate{{Currency: "EUR", Date: "2022-01-01", Rate: "0.50", Source: "revised"}}); err != nil {
		t.Fatal(err)
	}
	if got, _ := db.GetFlow(ctx, parent.ID); got.AmountUSD != "2000000.00" || got.Rate != "0.80" {
		t.Errorf("a rate change recomputed history: %+v", got)
	}
	// Children come only under parked or pass-through parents, and never ahead of them.
	standard := mk(accord.Flow{Description: "standard", Status: "pledge", SourceOrgID: donor, Country: "AF", Amount: "100", Currency: "USD", ValueDate: "2022-02-01"})
	if fe := accord.ErrorFields(db.CreateFlow(ctx, &accord.Flow{Status: "pledge", SourceOrgID: donor, Amount: "1", Currency: "USD", ValueDate: "2022-02-01", ParentID: &standard.ID})); len(fe) != 1 || fe[0].Field != "parent_id" {
		t.Errorf("child of a standard flow: %v", fe)
	}
	parkedPledge := mk(accord.Flow{Description: "parked pledge", Status: "pledge", Type: "parked", SourceOrgID: donor, Country: "AF", Amount: "100", Currency: "USD", ValueDate: "2022-02-01"})
	if fe := accord.ErrorFields(db.CreateFlow(ctx, &accord.Flow{Status: "paid", SourceOrgID: donor, Amount: "1", Currency: "USD", ValueDate: "2022-02-01", ParentID: &parkedPledge.ID})); len(fe) != 1 || fe[0].Field != "status" {
		t.Errorf("paid child of a pledged parent: %v", fe)
	}
	// Bad input names the field.
	for field, f := range map[string]accord.Flow{
		"rate:usd": {SourceOrgID: donor, Amount: "5", Currency: "USD", Rate: "2", ValueDate: "2022-01-01"},
		"amount":   {SourceOrgID: donor, Amount: "-5", Currency: "USD", ValueDate: "2022-01-01"},
		"currency": {SourceOrgID: donor, Amount: "5", Currency: "XYZ", ValueDate: "2022-01-01"},
		"rate":     {SourceOrgID: donor, Amount: "5", Currency: "CHF", ValueDate: "2022-01-01"},
		"status":   {SourceOrgID: donor, Amount: "5", Currency: "USD", ValueDate: "2022-01-01", Status: "promised"},
	} {
		if fe := accord.ErrorFields(db.CreateFlow(ctx, &f)); len(fe) == 0 || fe[0].Field != strings.TrimSuffix(field, ":usd") {
			t.Errorf("%s: %v", field, fe)
		}
	}
	// A partner of WHO counts only the flows WHO gives or receives.
	partner := &accord.User{Email: "focal@who.int", Name: "WHO", Role: accord.RolePartner, OrgID: &who}
	if err := db.CreateUser(ctx, partner, "x"); err != nil {
		t.Fatal(err)
	}
	_, ptotal, _ := fundingTable(As(partner), db.FundingReport, accord.FundingFilter{By: "country"})
	if ptotal.Firm != 1500000 {
		t.Errorf("WHO's partner counts %v firm, want 1,500,000 (1m paid to WHO, 500k through WHO)", ptotal.Firm)
	}
	if _, total, _ := db.ListFlows(As(partner), accord.FlowFilter{}); total != 3 {
		t.Errorf("WHO's partner lists %d flows, want 3", total)
	}
}

func itoaID(id int64) string { return store.FormatID(id) }
