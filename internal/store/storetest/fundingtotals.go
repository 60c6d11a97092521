package storetest

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"testing"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/store"
)

// testFundingTotals writes flows by every write path (created, advanced,
// split under parked and pass-through parents, loaded in bulk) and checks
// after each step that every breakdown of the funding table, with and
// without filters, equals a recount from the flows (FundingRecount), and
// that the recount equals the rules of counting applied here, in Go, to the
// flows as listed. Funding reads totals kept on write; a write path that
// forgot them shows here.
func testFundingTotals(t *testing.T, db *store.DB) {
	ctx := Admin()
	who := MustCreateOrg(t, db, &accord.Organization{NameEN: "World Health Organization", Acronym: "WHO", Type: "40"})
	office := MustCreateOrg(t, db, &accord.Organization{NameEN: "WHO Country Office in Afghanistan", Type: "40", ParentID: &who.ID})
	donor := MustCreateOrg(t, db, &accord.Organization{NameEN: "Islamic Development Bank", Acronym: "IsDB", Type: "40"})
	icrc := MustCreateOrg(t, db, &accord.Organization{NameEN: "International Committee of the Red Cross", Acronym: "ICRC", Type: "21"})
	g := &accord.Agreement{Kind: "mou", Title: "OIC–WHO memorandum", Parties: []accord.AgreementParty{{OrgID: who.ID}, {OrgID: donor.ID}}}
	if err := db.CreateAgreement(ctx, g); err != nil {
		t.Fatal(err)
	}
	plan := &accord.Plan{Title: "Plan of action on health", StartDate: "2022-01-01", EndDate: "2024-12-31", Agreements: []accord.PlanAgreement{{AgreementID: g.ID}}}
	if err := db.CreatePlan(ctx, plan); err != nil {
		t.Fatal(err)
	}
	if err := db.SetRates(ctx, []accord.ExchangeRate{{Currency: "EUR", Date: "2022-01-01", Rate: "0.90", Source: "ECB"}}); err != nil {
		t.Fatal(err)
	}
	appeal := func(a accord.Appeal) *accord.Appeal {
		t.Helper()
		if err := db.CreateAppeal(ctx, &a); err != nil {
			t.Fatal(err)
		}
		return &a
	}
	af := appeal(accord.Appeal{Title: "Health, Afghanistan", Country: "AF", Sector: "12220", PlanID: &plan.ID, Amount: "9000000", Currency: "USD", Start: "2022-01-01"})
	sahel := appeal(accord.Appeal{Title: "Vaccines, Sahel", Group: "SAHEL", Sector: "12250", Amount: "4500000", Currency: "EUR", Start: "2023-01-01"})
	yemen := appeal(accord.Appeal{Title: "Food, Yemen", Country: "YE", Amount: "2000000", Currency: "USD", Start: "2023-01-01"})
	mk := func(f accord.Flow) *accord.Flow {
		t.Helper()
		if err := db.CreateFlow(ctx, &f); err != nil {
			t.Fatalf("flow %q: %v", f.Description, err)
		}
		return &f
	}
	advance := func(f *accord.Flow, to string) {
		t.Helper()
		got, err := db.GetFlow(ctx, f.ID)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.AdvanceFlow(ctx, f.ID, got.Version, to, "2023-06-01"); err != nil {
			t.Fatalf("flow %q to %s: %v", f.Description, to, err)
		}
	}

	// Created: every status, both contributions, a group, no place, nothing at all.
	mk(accord.Flow{Description: "paid", Status: "paid", SourceOrgID: donor.ID, DestOrgID: &who.ID, Country: "AF", Sector: "12220", PlanID: &plan.ID,
		AppealID: &af.ID, Amount: "1000000", Currency: "USD", ValueDate: "2022-02-01"})
	pledge := mk(accord.Flow{Description: "pledge", Status: "pledge", SourceOrgID: donor.ID, Country: "AF", AppealID: &af.ID, Amount: "2000000",
		Currency: "EUR", ValueDate: "2022-03-01"})
	committed := mk(accord.Flow{Description: "commitment", Status: "commitment", SourceOrgID: icrc.ID, Group: "SAHEL", Sector: "12250",
		AppealID: &sahel.ID, Amount: "750000", Currency: "USD", ValueDate: "2023-02-01"})
	mk(accord.Flow{Description: "vaccine doses", Status: "paid", Contribution: "in_kind", Quantity: "500000", Unit: "doses", SourceOrgID: who.ID,
		Country: "ML", Sector: "12250", AppealID: &sahel.ID, Amount: "1500000", Currency: "USD", ValueDate: "2023-03-01"})
	mk(accord.Flow{Description: "no place", Status: "pledge", SourceOrgID: icrc.ID, Amount: "10000", Currency: "USD", ValueDate: "2024-01-15"})
	mk(accord.Flow{Description: "nothing yet", Status: "commitment", SourceOrgID: donor.ID, DestOrgID: &office.ID, Country: "AF", Amount: "0",
		Currency: "USD", ValueDate: "2024-01-15"})
	checkTotals(t, db, "created")

	// Advanced, and an appeal revised.
	advance(pledge, accord.FlowCommitment)
	advance(committed, accord.FlowPaid)
	if _, err := db.ReviseAppeal(ctx, af.ID, 1, "9500000", "Mid-year review", "2022-06-30"); err != nil {
		t.Fatal(err)
	}
	checkTotals(t, db, "advanced")

	// Split: a parked parent by usage year, and a chain passed through WHO and its office.
	parked := mk(accord.Flow{Description: "multi-year", Status: "commitment", Type: "parked", SourceOrgID: donor.ID, Country: "AF", AppealID: &af.ID,
		Amount: "3000000", Currency: "USD", ValueDate: "2022-05-01"})
	for i, year := range []int{2022, 2023, 2024} {
		status := accord.FlowCommitment
		if i == 2 {
			status = accord.FlowPledge
		}
		mk(accord.Flow{Description: fmt.Sprintf("tranche %d", year), Status: status, SourceOrgID: donor.ID, Country: "AF", AppealID: &af.ID,
			Amount: "900000", Currency: "USD", ValueDate: "2022-05-01", Year: year, ParentID: &parked.ID})
	}
	through := mk(accord.Flow{Description: "to WHO", Status: "paid", Type: "pass_through", SourceOrgID: donor.ID, DestOrgID: &who.ID, Country: "AF",
		AppealID: &af.ID, Amount: "800000", Currency: "USD", ValueDate: "2023-04-01"})
	checkTotals(t, db, "pass-through parent alone")
	onward := mk(accord.Flow{Description: "WHO to its office", Status: "paid", Type: "pass_through", SourceOrgID: who.ID, DestOrgID: &office.ID,
		Country: "AF", AppealID: &af.ID, Amount: "800000", Currency: "USD", ValueDate: "2023-04-15", ParentID: &through.ID})
	mk(accord.Flow{Description: "office to the ICRC", Status: "commitment", SourceOrgID: office.ID, DestOrgID: &icrc.ID, Country: "AF",
		AppealID: &af.ID, Amount: "500000", Currency: "USD", ValueDate: "2023-05-01", ParentID: &onward.ID})
	advance(parked, accord.FlowPaid) // a parent's status counts through its children only
	lonely := mk(accord.Flow{Description: "parked, not split yet", Status: "paid", Type: "parked", SourceOrgID: icrc.ID, Group: "SAHEL",
		AppealID: &sahel.ID, Amount: "2000000", Currency: "EUR", ValueDate: "2023-01-10"})
	checkTotals(t, db, "split")

	// Loaded in bulk: a family of its own, a first child of a parent written
	// before (which stops being counted) and another child of a parent that has some.
	w, err := db.NewBulkWriter(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer w.Rollback()
	bulkParent := &accord.Flow{Description: "bulk parked", Status: "paid", Type: "parked", SourceOrgID: icrc.ID, Country: "YE", AppealID: &yemen.ID,
		Amount: "1200000", Currency: "EUR", Rate: "0.80", ValueDate: "2023-07-01"}
	loaded := []store.BulkFlow{
		{Flow: bulkParent, History: []accord.FlowEvent{{Status: "pledge", Date: "2023-07-01"}, {Status: "paid", Date: "2023-09-01"}}},
		{Flow: &accord.Flow{Description: "bulk 2023", Status: "paid", SourceOrgID: icrc.ID, Country: "YE", AppealID: &yemen.ID, Amount: "500000",
			Currency: "EUR", Rate: "0.80", ValueDate: "2023-07-01", Year: 2023}},
		{Flow: &accord.Flow{Description: "bulk 2024", Status: "commitment", SourceOrgID: icrc.ID, Country: "YE", AppealID: &yemen.ID, Amount: "500000",
			Currency: "EUR", Rate: "0.80", ValueDate: "2023-07-01", Year: 2024}},
		{Flow: &accord.Flow{Description: "bulk child of a parent written before", Status: "paid", SourceOrgID: icrc.ID, Group: "SAHEL",
			AppealID: &sahel.ID, Amount: "1000000", Currency: "EUR", Rate: "0.90", ValueDate: "2023-08-01"}},
		{Flow: &accord.Flow{Description: "bulk standard", Status: "paid", Contribution: "in_kind", Quantity: "2000", Unit: "medical kits",
			SourceOrgID: donor.ID, DestOrgID: &who.ID, Country: "SO", Amount: "400000", Currency: "USD", ValueDate: "2024-02-01"},
			History: []accord.FlowEvent{{Status: "commitment", Date: "2024-02-01"}, {Status: "paid", Date: "2024-03-01", By: "loader"}}},
		{Flow: &accord.Flow{Description: "bulk fourth tranche", Status: "pledge", SourceOrgID: donor.ID, Country: "AF", AppealID: &af.ID,
			Amount: "300000", Currency: "USD", ValueDate: "2022-05-01", Year: 2025, ParentID: &parked.ID}},
	}
	loaded[3].ParentID = &lonely.ID
	if err := w.Flows(loaded[:1]); err != nil {
		t.Fatal(err)
	}
	id := bulkParent.ID
	loaded[1].Parent, loaded[2].ParentID = bulkParent, &id
	if err := w.Flows(loaded[1:]); err != nil {
		t.Fatal(err)
	}
	if err := w.Commit(); err != nil {
		t.Fatal(err)
	}
	checkTotals(t, db, "bulk")
	history, err := db.FlowHistory(ctx, bulkParent.ID)
	if err != nil || len(history) != 2 || history[1].Status != "paid" || history[1].AmountUSD != "1500000.00" {
		t.Errorf("history of a bulk-loaded flow: %+v (%v)", history, err)
	}

	// A bulk load refuses what CreateFlow refuses, and leaves the totals as they were.
	w2, err := db.NewBulkWriter(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for name, f := range map[string]*accord.Flow{
		"more than the parent": {Status: "paid", SourceOrgID: icrc.ID, Amount: "2000000", Currency: "USD", ValueDate: "2023-08-01", ParentID: &lonely.ID},
		"a standard parent":    {Status: "pledge", SourceOrgID: donor.ID, Amount: "1", Currency: "USD", ValueDate: "2023-08-01", ParentID: &pledge.ID},
		"no rate":              {Status: "paid", SourceOrgID: donor.ID, Amount: "1", Currency: "EUR", ValueDate: "2023-08-01"},
	} {
		if err := w2.Flows([]store.BulkFlow{{Flow: f}}); err == nil {
			t.Errorf("bulk load took a flow with %s", name)
		}
	}
	w2.Rollback()
	checkTotals(t, db, "refused bulk load")

	// After the load, the ordinary write paths go on.
	advance(&accord.Flow{ID: loaded[2].ID}, accord.FlowPaid)
	mk(accord.Flow{Description: "after the load", Status: "pledge", SourceOrgID: icrc.ID, Country: "YE", AppealID: &yemen.ID, Amount: "100",
		Currency: "USD", ValueDate: "2024-01-01", ParentID: &id, Year: 2025})
	checkTotals(t, db, "after the load")

	// A partner of WHO: the flows WHO or its office gives or receives, and
	// the requirements of the appeals those flows are tied to (Afghanistan
	// and the Sahel, not Yemen).
	partner := &accord.User{Email: "focal@who.example", Name: "WHO focal point", Role: accord.RolePartner, OrgID: &who.ID}
	if err := db.CreateUser(ctx, partner, "x"); err != nil {
		t.Fatal(err)
	}
	pctx := As(partner)
	for _, by := range accord.FundingBy {
		rows, total, err := fundingTable(pctx, db.FundingReport, accord.FundingFilter{By: by})
		if err != nil {
			t.Fatal(err)
		}
		want := countByHand(t, db, by, func(f *accord.Flow) bool {
			return slices.Contains([]int64{who.ID, office.ID}, f.SourceOrgID) || f.DestOrgID != nil && slices.Contains([]int64{who.ID, office.ID}, *f.DestOrgID)
		})
		if got := figures(rows); !reflect.DeepEqual(got, want) {
			t.Errorf("WHO's partner by %s:\n got %v\nwant %v", by, got, want)
		}
		if by == "country" {
			// Firm: 1m paid to WHO, 1.5m of doses from WHO, the office's 500k to the ICRC, 400k of kits to WHO; 0 to the office.
			if total.Firm != 3400000 || total.Requirement != 9500000+5000000 || total.Pledged != 0 {
				t.Errorf("WHO's partner total: %+v", total)
			}
		}
	}
	if rows, _, err := fundingTable(pctx, db.FundingReport, accord.FundingFilter{By: "appeal"}); err != nil || slices.ContainsFunc(rows, func(r accord.FundingRow) bool {
		return r.Key == store.FormatID(yemen.ID)
	}) {
		t.Errorf("WHO's partner sees the Yemen appeal it has no flow in: %+v (%v)", rows, err)
	}
}

// fundingFilters are the filters checked for every breakdown.
var fundingFilters = []accord.FundingFilter{{}, {Years: []int{2022}}, {Years: []int{2023, 2025}}, {Contribution: "in_kind"},
	{Contribution: "financial", Years: []int{2024}}, {Years: []int{2030}}, {Status: accord.FlowPledge}, {Status: accord.FlowPaid, Years: []int{2022}}}

// checkTotals compares the funding table from the totals with a recount,
// for every breakdown and filter, and without filters with the rules
// applied by hand.
func checkTotals(t *testing.T, db *store.DB, step string) {
	t.Helper()
	ctx := Admin()
	for _, by := range accord.FundingBy {
		for _, ff := range fundingFilters {
			ff.By = by
			rows, total, err := fundingTable(ctx, db.FundingReport, ff)
			if err != nil {
				t.Fatalf("%s: %v", step, err)
			}
			again, againTotal, err := fundingTable(ctx, db.FundingRecount, ff)
			if err != nil {
				t.Fatalf("%s: %v", step, err)
			}
			if !reflect.DeepEqual(rows, again) || total != againTotal {
				t.Errorf("%s, by %s %+v: the totals kept on write\n%+v\n%+v\ndiffer from a recount\n%+v\n%+v", step, by, ff, rows, total, again, againTotal)
			}
			if len(ff.Years) > 0 || ff.Contribution != "" || ff.Status != "" {
				continue
			}
			if got, want := figures(rows), countByHand(t, db, by, nil); !reflect.DeepEqual(got, want) {
				t.Errorf("%s, by %s:\n got %v\nwant %v (by hand)", step, by, got, want)
			}
		}
	}
}

// figures are a funding table's rows as "key: requirement firm paid pledged".
func figures(rows []accord.FundingRow) map[string]string {
	out := map[string]string{}
	for _, r := range rows {
		out[r.Key] = fmt.Sprintf("%.2f %.2f %.2f %.2f", r.Requirement, r.Firm, r.Paid, r.Pledged)
	}
	return out
}

// countByHand applies the rules of counting to the flows and appeals as
// the store lists them: leaf flows only, firm = commitment + paid, pledges
// apart; for a partner, only the flows mine says are its own and the
// appeals they serve (nil mine: everything, as the administrator sees it).
func countByHand(t *testing.T, db *store.DB, by string, mine func(*accord.Flow) bool) map[string]string {
	t.Helper()
	ctx := Admin()
	var flows []*accord.Flow
	for page := 1; ; page++ {
		fs, total, err := db.ListFlows(ctx, accord.FlowFilter{Page: page, PerPage: 200})
		if err != nil {
			t.Fatal(err)
		}
		flows = append(flows, fs...)
		if len(flows) >= total {
			break
		}
	}
	parent := map[int64]bool{}
	served := map[int64]bool{}
	for _, f := range flows {
		if f.ParentID != nil {
			parent[*f.ParentID] = true
		}
		if f.AppealID != nil && (mine == nil || mine(f)) {
			served[*f.AppealID] = true
		}
	}
	id := func(p *int64) string {
		if p == nil {
			return ""
		}
		return store.FormatID(*p)
	}
	type sums struct{ req, firm, paid, pledged int64 }
	acc := map[string]*sums{}
	at := func(k string) *sums {
		if acc[k] == nil {
			acc[k] = &sums{}
		}
		return acc[k]
	}
	cents := func(usd string) int64 {
		v, _ := strconv.ParseFloat(usd, 64)
		return int64(v*100 + 0.5)
	}
	for _, f := range flows {
		if parent[f.ID] || mine != nil && !mine(f) {
			continue
		}
		k := map[string]string{"country": f.Country + f.Group, "partner": store.FormatID(f.SourceOrgID), "sector": f.Sector, "plan": id(f.PlanID),
			"appeal": id(f.AppealID), "year": strconv.Itoa(f.Year)}[by]
		s, c := at(k), cents(f.AmountUSD)
		switch f.Status {
		case accord.FlowPaid:
			s.firm += c
			s.paid += c
		case accord.FlowCommitment:
			s.firm += c
		default:
			s.pledged += c
		}
	}
	if by != "partner" {
		appeals, _, err := db.ListAppeals(ctx, "", 1, 200)
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range appeals {
			if mine != nil && !served[a.ID] {
				continue
			}
			k := map[string]string{"country": a.Country + a.Group, "sector": a.Sector, "plan": id(a.PlanID), "appeal": store.FormatID(a.ID),
				"year": string(a.Start)[:4]}[by]
			at(k).req += cents(a.AmountUSD)
		}
	}
	out := map[string]string{}
	for k, s := range acc {
		out[k] = fmt.Sprintf("%.2f %.2f %.2f %.2f", float64(s.req)/100, float64(s.firm)/100, float64(s.paid)/100, float64(s.pledged)/100)
	}
	return out
}

// fundingTable is the report of a filter in US dollars, as the API writes
// it, counted by count (FundingReport or FundingRecount).
func fundingTable(ctx context.Context, count func(context.Context, accord.FundingFilter) (*accord.FundingReport, error), ff accord.FundingFilter) ([]accord.FundingRow, accord.FundingRow, error) {
	r, err := count(ctx, ff)
	if err != nil {
		return nil, accord.FundingRow{}, err
	}
	rows, total := r.Table()
	return rows, total, nil
}

// fundingErr is the error of a count, for tests of refusals.
func fundingErr(_ *accord.FundingReport, err error) error { return err }
