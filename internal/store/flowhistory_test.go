package store_test

import (
	"testing"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/store/storetest"
)

// TestFlowRecords checks, on each database, a flow's history in order, its
// children, the rates table newest first, and that a partner reads neither
// the history nor the children of flows its organization has no part in.
func TestFlowRecords(t *testing.T) {
	for _, d := range storetest.Dialects {
		t.Run(string(d), func(t *testing.T) {
			db := storetest.Open(t, d)
			ctx := storetest.Admin()
			donor := storetest.MustCreateOrg(t, db, storetest.NewOrg("Islamic Development Bank", "IsDB")).ID
			who := storetest.MustCreateOrg(t, db, storetest.NewOrg("World Health Organization", "WHO")).ID
			icrc := storetest.MustCreateOrg(t, db, storetest.NewOrg("International Committee of the Red Cross", "ICRC")).ID
			if err := db.SetRates(ctx, []accord.ExchangeRate{{Currency: "EUR", Date: "2023-01-02", Rate: "0.94", Source: "ECB"},
				{Currency: "EUR", Date: "2024-01-02", Rate: "0.91", Source: "ECB"}, {Currency: "SAR", Date: "2022-01-01", Rate: "3.75"}}); err != nil {
				t.Fatal(err)
			}
			if rates, err := db.ListRates(ctx, "", 2); err != nil || len(rates) != 2 || rates[0].Date != "2024-01-02" || rates[1].Date != "2023-01-02" {
				t.Errorf("newest two rates: %+v %v", rates, err)
			}
			if rates, err := db.ListRates(ctx, "sar", 10); err != nil || len(rates) != 1 || rates[0].Rate != "3.75" {
				t.Errorf("SAR rates: %+v %v", rates, err)
			}
			parent := &accord.Flow{Status: "pledge", Type: "parked", SourceOrgID: donor, DestOrgID: &icrc, Country: "AF", Amount: "2000000", Currency: "USD", ValueDate: "2023-01-10"}
			if err := db.CreateFlow(ctx, parent); err != nil {
				t.Fatal(err)
			}
			if _, err := db.AdvanceFlow(ctx, parent.ID, 1, accord.FlowCommitment, "2023-02-01"); err != nil {
				t.Fatal(err)
			}
			if _, err := db.AdvanceFlow(ctx, parent.ID, 2, accord.FlowPaid, "2023-03-01"); err != nil {
				t.Fatal(err)
			}
			history, err := db.FlowHistory(ctx, parent.ID)
			if err != nil || len(history) != 3 {
				t.Fatalf("history: %+v %v", history, err)
			}
			for i, want := range []string{"pledge", "commitment", "paid"} {
				if history[i].Status != want || history[i].AmountUSD != "2000000.00" {
					t.Errorf("step %d: %+v, want %s", i, history[i], want)
				}
			}
			if history[2].Date != "2023-03-01" || history[0].By == "" {
				t.Errorf("last step: %+v", history[2])
			}
			for _, year := range []int{2024, 2023} {
				child := &accord.Flow{Status: "paid", SourceOrgID: donor, DestOrgID: &icrc, Country: "AF", Amount: "1000000", Currency: "USD",
					ValueDate: "2023-01-10", Year: year, ParentID: &parent.ID}
				if err := db.CreateFlow(ctx, child); err != nil {
					t.Fatal(err)
				}
			}
			children, err := db.ChildFlows(ctx, parent.ID)
			if err != nil || len(children) != 2 || children[0].Year != 2023 || children[1].Year != 2024 {
				t.Errorf("children by year: %+v %v", children, err)
			}
			partner := &accord.User{Email: "focal@who.int", Name: "WHO", Role: accord.RolePartner, OrgID: &who}
			if err := db.CreateUser(ctx, partner, "x"); err != nil {
				t.Fatal(err)
			}
			if _, err := db.FlowHistory(storetest.As(partner), parent.ID); accord.ErrorCode(err) != accord.ENOTFOUND {
				t.Errorf("WHO's partner reads the history of a flow to the ICRC: %v", err)
			}
			if children, err := db.ChildFlows(storetest.As(partner), parent.ID); err != nil || len(children) != 0 {
				t.Errorf("WHO's partner sees %d children of a flow to the ICRC (%v)", len(children), err)
			}
		})
	}
}
