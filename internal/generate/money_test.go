package generate_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/generate"
	"github.com/accordhq/accord/internal/store"
	"github.com/accordhq/accord/internal/store/storetest"
)

// testMoney checks the generated appeals and flows: as many as expected;
// amounts in US dollars that are the amount at the stored rate; goods with
// a quantity and a unit; children under parked or pass-through parents,
// never ahead of them nor larger together; histories that move forward to
// the flow's status; a few donors giving most; flows to the home
// organization; and funding totals that equal a recount.
func testMoney(t *testing.T, db *store.DB, res *generate.Result) {
	ctx := storetest.Admin()
	if _, n, err := db.ListAppeals(ctx, "", 1, 1); err != nil || n != res.Appeals {
		t.Errorf("appeals: %d (%v), want %d", n, err, res.Appeals)
	}
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
	if len(flows) != res.Flows {
		t.Fatalf("flows: %d, want %d", len(flows), res.Flows)
	}
	byID := map[int64]*accord.Flow{}
	for _, f := range flows {
		byID[f.ID] = f
	}
	children := map[int64]int64{} // cents of the children, by parent
	seen := map[string]map[string]bool{"status": {}, "type": {}, "contribution": {}, "currency": {}}
	given := map[int64]int{}
	toHome := 0
	for i, f := range flows {
		for k, v := range map[string]string{"status": f.Status, "type": f.Type, "contribution": f.Contribution, "currency": f.Currency} {
			seen[k][v] = true
		}
		given[f.SourceOrgID]++
		if f.DestOrgID != nil && *f.DestOrgID == res.HomeOrgID {
			toHome++
		}
		if usd, ok := accord.Convert(f.Amount, f.Rate); !ok || usd != f.AmountUSD {
			t.Errorf("flow %d: %s %s at %s is USD %s, not %s", f.ID, f.Amount, f.Currency, f.Rate, usd, f.AmountUSD)
		}
		if (f.Contribution == "in_kind") != (f.Quantity != "" && f.Unit != "") {
			t.Errorf("flow %d (%s): quantity %q, unit %q", f.ID, f.Contribution, f.Quantity, f.Unit)
		}
		if f.Year < 2015 || f.Year > 2030 || f.ValueDate < "2015-01-01" || string(f.ValueDate) > today.Format("2006-01-02") {
			t.Errorf("flow %d: year %d, value date %s", f.ID, f.Year, f.ValueDate)
		}
		if f.ParentID != nil {
			p := byID[*f.ParentID]
			if p == nil || p.Type == "standard" || !accord.CanBecome(f.Status, p.Status) {
				t.Errorf("flow %d (%s) under %+v", f.ID, f.Status, p)
				continue
			}
			children[p.ID] += cents(f.AmountUSD)
		}
		if i%10 == 0 {
			history, err := db.FlowHistory(ctx, f.ID)
			if err != nil || len(history) == 0 || history[len(history)-1].Status != f.Status || history[0].Date != f.ValueDate {
				t.Errorf("flow %d (%s on %s): history %+v (%v)", f.ID, f.Status, f.ValueDate, history, err)
			}
		}
	}
	for id, c := range children {
		if c > cents(byID[id].AmountUSD) {
			t.Errorf("flow %d: children of USD %d cents, more than its %s", id, c, byID[id].AmountUSD)
		}
	}
	for k, want := range map[string]int{"status": 3, "type": 3, "contribution": 2, "currency": 5} {
		if len(seen[k]) < want {
			t.Errorf("only %v among the %ss", seen[k], k)
		}
	}
	counts := slices.Sorted(func(yield func(int) bool) {
		for _, n := range given {
			if !yield(-n) {
				return
			}
		}
	})
	top := 0
	for _, n := range counts[:min(5, len(counts))] {
		top -= n
	}
	if len(given) < 10 || top*100 < 30*len(flows) {
		t.Errorf("%d donors, the top five giving %d of %d flows: not a few big donors", len(given), top, len(flows))
	}
	if toHome == 0 || len(children) == 0 {
		t.Errorf("%d flows to the home organization, %d parents", toHome, len(children))
	}
	for _, by := range accord.FundingBy {
		report, err := db.FundingReport(ctx, accord.FundingFilter{By: by})
		recount, err2 := db.FundingRecount(ctx, accord.FundingFilter{By: by})
		if err != nil || err2 != nil {
			t.Fatalf("by %s: %v, %v", by, err, err2)
		}
		rows, total := report.Table()
		again, againTotal := recount.Table()
		if fmt.Sprint(rows) != fmt.Sprint(again) || total != againTotal {
			t.Errorf("by %s: the totals kept on write differ from a recount (%v, %v)", by, err, err2)
		}
		if total.Firm == 0 || by != "partner" && total.Requirement == 0 {
			t.Errorf("by %s: %+v", by, total)
		}
	}
}

// cents turns "1234.56" into 123456.
func cents(usd string) int64 {
	var whole, frac int64
	_, _ = fmt.Sscanf(usd, "%d.%d", &whole, &frac)
	return whole*100 + frac
}
