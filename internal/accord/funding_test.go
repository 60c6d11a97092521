package accord

import (
	"slices"
	"testing"
)

func TestCents(t *testing.T) {
	for c, want := range map[Cents]string{0: "0.00", 5: "0.05", 130: "1.30", 123456: "1234.56", -5: "-0.05", 100000000000: "1000000000.00"} {
		if got := c.String(); got != want {
			t.Errorf("%d cents: %q, want %q", int64(c), got, want)
		}
	}
	for s, want := range map[string]Cents{"0": 0, "1250000.50": 125000050, "0.1": 10, "2.005": 201, "7": 700} {
		if got, ok := ParseCents(s); !ok || got != want {
			t.Errorf("ParseCents(%q) = %d, %v; want %d", s, got, ok, want)
		}
	}
	if _, ok := ParseCents("ten"); ok {
		t.Error(`ParseCents("ten") is a number`)
	}
	if got := Cents(30).Dollars(); got != 0.3 {
		t.Errorf("30 cents are %v dollars", got)
	}
}

// TestFundingReport: the report orders lines by requirement plus firm
// funding, sums them exactly, and keeps of each the status asked for.
func TestFundingReport(t *testing.T) {
	counted := []FundingLine{
		{Key: "TD", Label: "Chad", Pledged: 20},
		{Key: "AF", Label: "Afghanistan", Requirement: 1000, Firm: 500, Paid: 300, Pledged: 300},
		{Key: "SAHEL", Label: "Sahel", Requirement: 200, Firm: 10},
		{Key: "ML", Label: "Mali", Firm: 20, Paid: 20},
	}
	all := NewFundingReport(FundingFilter{By: "country"}, counted)
	var keys []string
	for _, l := range all.Lines {
		keys = append(keys, l.Key)
	}
	if want := []string{"AF", "SAHEL", "ML", "TD"}; !slices.Equal(keys, want) {
		t.Errorf("order %v, want %v", keys, want)
	}
	if want := (FundingLine{Key: "total", Label: "Total", Requirement: 1200, Firm: 530, Paid: 320, Pledged: 320}); all.Total != want {
		t.Errorf("total %+v, want %+v", all.Total, want)
	}
	if af := all.Lines[0]; af.Gap() != 500 || af.Covered() != 50 || af.Committed() != 200 {
		t.Errorf("Afghanistan: gap %d, covered %v, committed %d", af.Gap(), af.Covered(), af.Committed())
	}
	// Only one status: pledges alone empty Mali's line, which the
	// dashboard leaves out and the API keeps; the order stays.
	pledges := NewFundingReport(FundingFilter{By: "country", Status: FlowPledge}, counted)
	if af := pledges.Lines[0]; af.Key != "AF" || af.Firm != 0 || af.Paid != 0 || af.Pledged != 300 || af.Gap() != 1000 || af.Covered() != 0 {
		t.Errorf("pledges of Afghanistan: %+v", af)
	}
	if len(pledges.Lines) != 4 || len(pledges.Shown()) != 3 || slices.ContainsFunc(pledges.Shown(), func(l FundingLine) bool { return l.Key == "ML" }) {
		t.Errorf("pledges: lines %+v, shown %+v", pledges.Lines, pledges.Shown())
	}
	if tt := NewFundingReport(FundingFilter{By: "country", Status: FlowCommitment}, counted).Total; tt.Firm != 210 || tt.Paid != 0 || tt.Pledged != 0 || tt.Requirement != 1200 {
		t.Errorf("commitments: %+v", tt)
	}
	if tt := NewFundingReport(FundingFilter{By: "country", Status: FlowPaid}, counted).Total; tt.Firm != 320 || tt.Paid != 320 || tt.Pledged != 0 {
		t.Errorf("payments: %+v", tt)
	}
	countries, groups := SplitCountryGroups(append(all.Lines, FundingLine{Key: ""}))
	if len(countries) != 3 || len(groups) != 1 || groups[0].Key != "SAHEL" {
		t.Errorf("countries %+v, groups %+v", countries, groups)
	}
}

// TestFundingTotalIsExact: ten cents and twenty cents make thirty, which
// floating-point dollars do not (0.1 + 0.2 = 0.30000000000000004).
func TestFundingTotalIsExact(t *testing.T) {
	r := NewFundingReport(FundingFilter{By: "year"}, []FundingLine{{Key: "2022", Firm: 10}, {Key: "2023", Firm: 20}})
	if r.Total.Firm != 30 || r.Total.Firm.String() != "0.30" {
		t.Errorf("total %d cents, %s", r.Total.Firm, r.Total.Firm)
	}
	rows, total := r.Table()
	if len(rows) != 2 || total.Firm != 0.3 || total.Key != "total" {
		t.Errorf("in dollars: %+v, %+v", rows, total)
	}
}
