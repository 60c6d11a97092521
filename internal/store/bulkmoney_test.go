package store

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"testing"

	"github.com/accordhq/accord/internal/accord"
)

// TestFundingTotalsFollowEveryWrite writes flows and appeals by the store,
// by a bulk load and by hand (plain SQL updates and deletes, as a repair or
// another part of the program would), and after each step compares
// funding_totals, row by row, with a GROUP BY over flows and appeals: the
// totals are kept whoever writes.
func TestFundingTotalsFollowEveryWrite(t *testing.T) {
	for _, d := range []Dialect{SQLite, Postgres} {
		t.Run(string(d), func(t *testing.T) {
			db := openForBulk(t, d)
			ctx := accord.WithActor(context.Background(), accord.SystemActor)
			var orgs []int64
			for _, name := range []string{"Islamic Development Bank", "World Health Organization"} {
				o := &accord.Organization{NameEN: name, Type: "40"}
				if err := db.CreateOrganization(ctx, o); err != nil {
					t.Fatal(err)
				}
				orgs = append(orgs, o.ID)
			}
			mk := func(f accord.Flow) *accord.Flow {
				t.Helper()
				if err := db.CreateFlow(ctx, &f); err != nil {
					t.Fatal(err)
				}
				return &f
			}
			a := mk(accord.Flow{Status: "paid", SourceOrgID: orgs[0], DestOrgID: &orgs[1], Country: "AF", Sector: "12220", Amount: "1000", Currency: "USD", ValueDate: "2023-01-10"})
			b := mk(accord.Flow{Status: "pledge", SourceOrgID: orgs[1], Group: "SAHEL", Amount: "250", Currency: "USD", ValueDate: "2024-03-01"})
			parent := mk(accord.Flow{Status: "commitment", Type: "parked", SourceOrgID: orgs[0], Country: "NE", Amount: "900", Currency: "USD", ValueDate: "2023-05-01"})
			mk(accord.Flow{Status: "commitment", SourceOrgID: orgs[0], Country: "NE", Amount: "400", Currency: "USD", ValueDate: "2023-05-01", Year: 2024, ParentID: &parent.ID})
			if _, err := db.AdvanceFlow(ctx, b.ID, 1, accord.FlowCommitment, "2024-04-01"); err != nil {
				t.Fatal(err)
			}
			appeal := &accord.Appeal{Title: "Health, Afghanistan", Country: "AF", Sector: "12220", Amount: "5000", Currency: "USD", Start: "2023-01-01"}
			if err := db.CreateAppeal(ctx, appeal); err != nil {
				t.Fatal(err)
			}
			if _, err := db.ReviseAppeal(ctx, appeal.ID, 1, "6000", "Mid-year review", "2023-06-01"); err != nil {
				t.Fatal(err)
			}
			checkTotalsTable(t, db, "store")

			w, err := db.NewBulkWriter(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			bulkParent := &accord.Flow{Status: "paid", Type: "pass_through", SourceOrgID: orgs[0], DestOrgID: &orgs[1], Country: "YE", Amount: "800", Currency: "EUR", Rate: "0.8", ValueDate: "2022-06-01"}
			if err := w.Flows([]BulkFlow{
				{Flow: bulkParent},
				{Flow: &accord.Flow{Status: "paid", SourceOrgID: orgs[1], Country: "YE", Amount: "700", Currency: "EUR", Rate: "0.8", ValueDate: "2022-06-15"}, Parent: bulkParent},
				{Flow: &accord.Flow{Status: "pledge", Contribution: "in_kind", Quantity: "100", Unit: "kits", SourceOrgID: orgs[1], Country: "SO", Amount: "50", Currency: "USD", ValueDate: "2025-01-01"}},
				{Flow: &accord.Flow{Status: "commitment", SourceOrgID: orgs[0], Country: "NE", Amount: "500", Currency: "USD", ValueDate: "2023-05-01", Year: 2025, ParentID: &parent.ID}},
			}); err != nil {
				t.Fatal(err)
			}
			if err := w.Appeals([]*accord.Appeal{{Title: "Food, Yemen", Country: "YE", Amount: "9000", Currency: "EUR", Rate: "0.9", Start: "2022-01-01"},
				{Title: "Sahel", Group: "SAHEL", Amount: "0", Currency: "USD", Start: "2024-03-01"}}); err != nil {
				t.Fatal(err)
			}
			if err := w.Commit(); err != nil {
				t.Fatal(err)
			}
			checkTotalsTable(t, db, "bulk")

			for _, q := range []string{
				`UPDATE flows SET country = 'ML', sector = '', usd_cents = usd_cents + 7 WHERE id = ?`,
				`UPDATE flows SET contribution = 'in_kind', quantity = '3', unit = 'tents', year = 2020 WHERE id = ?`,
				`UPDATE flows SET description = 'not counted: nothing changes' WHERE id = ?`,
			} {
				if _, err := db.write.ExecContext(ctx, db.q(q), a.ID); err != nil {
					t.Fatal(err)
				}
				checkTotalsTable(t, db, q)
			}
			for _, q := range []string{`DELETE FROM flow_events WHERE flow_id = ?`, `DELETE FROM flows WHERE id = ?`} {
				if _, err := db.write.ExecContext(ctx, db.q(q), b.ID); err != nil {
					t.Fatal(err)
				}
			}
			checkTotalsTable(t, db, "delete")
			for _, q := range []string{`UPDATE appeals SET start_date = '2021-02-01', group_code = 'SAHEL', country = NULL, plan_id = NULL WHERE id = ?`,
				`DELETE FROM appeal_revisions WHERE appeal_id = ?`, `DELETE FROM appeals WHERE id = ?`} {
				if _, err := db.write.ExecContext(ctx, db.q(q), appeal.ID); err != nil {
					t.Fatal(err)
				}
				checkTotalsTable(t, db, q)
			}
			if _, err := db.write.ExecContext(ctx, db.q(`UPDATE flows SET leaf = TRUE WHERE id = ?`), parent.ID); err != nil {
				t.Fatal(err)
			}
			checkTotalsTable(t, db, "a parent counted again")
		})
	}
}

// checkTotalsTable compares every row of funding_totals that counts a flow
// or an appeal with a GROUP BY over the counted flows and over the
// appeals, by year (usage year of a flow, first year of an appeal) and
// over all years.
func checkTotalsTable(t *testing.T, db *DB, step string) {
	t.Helper()
	flowSums := `SUM(CASE WHEN contribution = 'financial' THEN 1 ELSE 0 END),
		SUM(CASE WHEN contribution = 'financial' AND status = 'pledge' THEN usd_cents ELSE 0 END),
		SUM(CASE WHEN contribution = 'financial' AND status = 'commitment' THEN usd_cents ELSE 0 END),
		SUM(CASE WHEN contribution = 'financial' AND status = 'paid' THEN usd_cents ELSE 0 END),
		SUM(CASE WHEN contribution = 'in_kind' THEN 1 ELSE 0 END),
		SUM(CASE WHEN contribution = 'in_kind' AND status = 'pledge' THEN usd_cents ELSE 0 END),
		SUM(CASE WHEN contribution = 'in_kind' AND status = 'commitment' THEN usd_cents ELSE 0 END),
		SUM(CASE WHEN contribution = 'in_kind' AND status = 'paid' THEN usd_cents ELSE 0 END), 0, 0`
	appealSums := `0, 0, 0, 0, 0, 0, 0, 0, COUNT(*), SUM(usd_cents)`
	read := func(query string) map[string][10]int64 {
		t.Helper()
		rows, err := db.read.QueryContext(context.Background(), query)
		if err != nil {
			t.Fatalf("%s: %v", step, err)
		}
		defer rows.Close()
		out := map[string][10]int64{}
		for rows.Next() {
			var breakdown, item string
			var year int
			var v [10]int64
			if err := rows.Scan(&breakdown, &year, &item, &v[0], &v[1], &v[2], &v[3], &v[4], &v[5], &v[6], &v[7], &v[8], &v[9]); err != nil {
				t.Fatal(err)
			}
			out[fmt.Sprintf("%s/%d/%s", breakdown, year, item)] = v
		}
		return out
	}
	kept := map[string]string{}
	for k, v := range read(`SELECT breakdown, year, item, financial_flows, financial_pledge_cents, financial_commitment_cents, financial_paid_cents,
		in_kind_flows, in_kind_pledge_cents, in_kind_commitment_cents, in_kind_paid_cents, appeals, requirement_cents
		FROM funding_totals WHERE financial_flows + in_kind_flows + appeals > 0`) {
		kept[k] = fmt.Sprint(v)
	}
	sum := map[string][10]int64{}
	add := func(m map[string][10]int64) {
		for k, v := range m {
			s := sum[k]
			for i := range v {
				s[i] += v[i]
			}
			sum[k] = s
		}
	}
	for by, k := range fundingKeys {
		key := "(" + k.flow + ")"
		add(read(`SELECT '` + by + `', f.year, ` + key + `, ` + flowSums + ` FROM flows f WHERE f.leaf = TRUE GROUP BY f.year, ` + key))
		add(read(`SELECT '` + by + `', 0, ` + key + `, ` + flowSums + ` FROM flows f WHERE f.leaf = TRUE GROUP BY ` + key))
		if k.appeal != "" {
			key, year := "("+k.appeal+")", "CAST(substr(a.start_date, 1, 4) AS INTEGER)"
			add(read(`SELECT '` + by + `', ` + year + `, ` + key + `, ` + appealSums + ` FROM appeals a GROUP BY ` + year + `, ` + key))
			add(read(`SELECT '` + by + `', 0, ` + key + `, ` + appealSums + ` FROM appeals a GROUP BY ` + key))
		}
	}
	want := map[string]string{}
	for k, v := range sum {
		want[k] = fmt.Sprint(v)
	}
	for _, k := range slices.Sorted(maps.Keys(want)) {
		if kept[k] != want[k] {
			t.Errorf("%s: funding_totals %s = %q, the flows and appeals say %q", step, k, kept[k], want[k])
		}
	}
	for k := range kept {
		if _, ok := want[k]; !ok {
			t.Errorf("%s: funding_totals %s = %q, the flows and appeals say nothing", step, k, kept[k])
		}
	}
}
