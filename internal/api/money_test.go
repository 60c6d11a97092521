package api

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/accordhq/accord/internal/accord"
)

// appeal creates an appeal through the API.
func (e *env) appeal(token string, body any) *accord.Appeal {
	e.t.Helper()
	var a accord.Appeal
	r := e.do("POST", "/api/v1/appeals", token, body).want(201)
	r.json(&a)
	if r.header.Get("Location") != fmt.Sprintf("/api/v1/appeals/%d", a.ID) || r.header.Get("ETag") != `"1"` {
		e.t.Errorf("Location %q, ETag %q", r.header.Get("Location"), r.header.Get("ETag"))
	}
	return &a
}

// flow records a flow through the API.
func (e *env) flow(token string, body any) *accord.Flow {
	e.t.Helper()
	var f accord.Flow
	r := e.do("POST", "/api/v1/flows", token, body).want(201)
	r.json(&f)
	if r.header.Get("Location") != fmt.Sprintf("/api/v1/flows/%d", f.ID) || r.header.Get("ETag") != `"1"` {
		e.t.Errorf("Location %q, ETag %q", r.header.Get("Location"), r.header.Get("ETag"))
	}
	return &f
}

// csvRates posts a CSV import of exchange rates.
func (e *env) csvRates(token, csv string) *response {
	e.t.Helper()
	return e.do("POST", "/api/v1/exchange-rates", token, csv, "Content-Type", "text/csv; charset=utf-8")
}

// fundingOf reads a funding table, its rows by key.
func (e *env) fundingOf(token, query string) (map[string]accord.FundingRow, fundingTable) {
	e.t.Helper()
	var table fundingTable
	e.do("GET", "/api/v1/funding?"+query, token, nil).want(200).json(&table)
	if table.Total != len(table.Items) || table.Items == nil {
		e.t.Errorf("funding?%s: total %d for %d rows", query, table.Total, len(table.Items))
	}
	by := map[string]accord.FundingRow{}
	for _, r := range table.Items {
		by[r.Key] = r
	}
	return by, table
}

func TestAppeals(t *testing.T) {
	e := newEnv(t)
	_, officerT := e.user("officer@example.org", accord.RoleOfficer, nil)
	_, viewerT := e.user("viewer@example.org", accord.RoleViewer, nil)
	e.do("POST", "/api/v1/exchange-rates", officerT, map[string]any{"rates": []map[string]any{{"currency": "SAR", "date": "2022-01-01", "rate": "3.75", "source": "SAMA"}}}).want(200)

	af := e.appeal(officerT, map[string]any{"title": "Health sector, Afghanistan", "country": "af", "amount": "8,000,000", "currency": "USD", "start": "2022-01-01", "end": "2022-12-31"})
	if af.Country != "AF" || af.Amount != "8000000" || af.Rate != "1" || af.AmountUSD != "8000000.00" || af.Revisions == nil || af.Version != 1 {
		t.Errorf("created %+v", af)
	}
	sahel := e.appeal(officerT, map[string]any{"title": "Vaccines for the Sahel", "group": "SAHEL", "amount": "7500000", "currency": "SAR", "start": "2022-03-01"})
	if sahel.Rate != "3.75" || sahel.AmountUSD != "2000000.00" {
		t.Errorf("SAR 7.5m at 3.75: %+v", sahel)
	}

	// Bodies refused, each naming its field.
	for _, c := range []struct {
		body  map[string]any
		field string
	}{
		{map[string]any{"title": "Swiss francs", "country": "AF", "amount": "1", "currency": "CHF", "start": "2022-01-01"}, "rate"},
		{map[string]any{"title": "Unknown money", "country": "AF", "amount": "1", "currency": "XYZ", "start": "2022-01-01"}, "currency"},
		{map[string]any{"title": "Both", "country": "AF", "group": "SAHEL", "amount": "1", "currency": "USD", "start": "2022-01-01"}, "country"},
		{map[string]any{"title": "Negative", "country": "AF", "amount": "-1", "currency": "USD", "start": "2022-01-01"}, "amount"},
		{map[string]any{"title": "Number", "country": "AF", "amount": 1, "currency": "USD", "start": "2022-01-01"}, "amount"},
		{map[string]any{"title": "No start", "country": "AF", "amount": "1", "currency": "USD"}, "start"},
		{map[string]any{"title": "Revised", "country": "AF", "amount": "1", "currency": "USD", "start": "2022-01-01",
			"revisions": []map[string]any{{"date": "2022-01-01", "amount_usd": "2", "reason": "x"}}}, "revisions"},
	} {
		if p := e.do("POST", "/api/v1/appeals", officerT, c.body).want(400).problem(); !p.names(c.field) {
			t.Errorf("%v: problem names %v, want %s", c.body, p.fields(), c.field)
		}
	}
	e.do("POST", "/api/v1/appeals", viewerT, map[string]any{"title": "Viewer's", "country": "AF", "amount": "1", "currency": "USD", "start": "2022-01-01"}).want(403).problem()

	// Read and list.
	path := fmt.Sprintf("/api/v1/appeals/%d", af.ID)
	r := e.do("GET", path, viewerT, nil).want(200)
	if r.header.Get("ETag") != `"1"` || !strings.Contains(string(r.body), `"revisions":[]`) {
		t.Errorf("read: %s %s", r.header.Get("ETag"), r.body)
	}
	if items, total := listOf[accord.Appeal](e.do("GET", "/api/v1/appeals", viewerT, nil).want(200)); total != 2 || len(items) != 2 || items[0].ID != sahel.ID {
		t.Errorf("appeals: %d %+v", total, items)
	}
	if items, total := listOf[accord.Appeal](e.do("GET", "/api/v1/appeals?q=afghanistan&per_page=1", viewerT, nil).want(200)); total != 1 || items[0].ID != af.ID {
		t.Errorf("q=afghanistan: %d %+v", total, items)
	}
	e.do("GET", "/api/v1/appeals?country=AF", viewerT, nil).want(400).problem()
	e.do("GET", "/api/v1/appeals/999999", viewerT, nil).want(404).problem()

	// Revise: the new requirement, the old one kept in the revisions.
	revise := path + "/revisions"
	body := map[string]any{"amount": "10000000", "reason": "Cholera outbreak", "date": "2022-06-01"}
	e.do("POST", revise, viewerT, body, "If-Match", `"1"`).want(403).problem()
	e.do("POST", revise, officerT, body).want(428).problem()
	if p := e.do("POST", revise, officerT, map[string]any{"amount": "1", "reason": "x", "date": "June"}, "If-Match", `"1"`).want(400).problem(); !p.names("date") {
		t.Errorf("bad date: %v", p.fields())
	}
	if p := e.do("POST", revise, officerT, map[string]any{"amount": "1", "reason": " "}, "If-Match", `"1"`).want(400).problem(); !p.names("reason") {
		t.Errorf("no reason: %v", p.fields())
	}
	r = e.do("POST", revise, officerT, body, "If-Match", `"1"`).want(200)
	var revised accord.Appeal
	r.json(&revised)
	if r.header.Get("ETag") != `"2"` || revised.Version != 2 || revised.Amount != "10000000" || revised.AmountUSD != "10000000.00" ||
		len(revised.Revisions) != 1 || revised.Revisions[0].AmountUSD != "8000000.00" || revised.Revisions[0].Date != "2022-06-01" ||
		revised.Revisions[0].Reason != "Cholera outbreak" || revised.Revisions[0].By != "officer@example.org" {
		t.Errorf("revised %s", r.body)
	}
	p := e.do("POST", revise, officerT, body, "If-Match", `"1"`).want(412).problem()
	if !strings.Contains(p.Detail, "version 2") {
		t.Errorf("412 detail %q", p.Detail)
	}
	e.do("POST", revise, officerT, map[string]any{"amount": "9", "reason": "x", "version": 1}).want(409).problem()
	// Without a date, today.
	var again accord.Appeal
	e.do("POST", revise, officerT, map[string]any{"amount": "10000000", "reason": "Confirmed", "version": 2}).want(200).json(&again)
	if len(again.Revisions) != 2 || again.Revisions[1].Date != e.api.today() {
		t.Errorf("revision without date: %+v", again.Revisions)
	}
	e.do("POST", "/api/v1/appeals/999999/revisions", officerT, body, "If-Match", `"1"`).want(404).problem()
}

// TestFlowsAndFunding builds, through the API, the conformance suite's
// counting world and checks the funding table against figures worked out by hand.
func TestFlowsAndFunding(t *testing.T) {
	e := newEnv(t)
	_, officerT := e.user("officer@example.org", accord.RoleOfficer, nil)
	_, viewerT := e.user("viewer@example.org", accord.RoleViewer, nil)
	donor := e.org("Islamic Development Bank", "IsDB")
	who := e.org("World Health Organization", "WHO")
	_, whoT := e.user("focal@who.int", accord.RolePartner, &who.ID)
	e.csvRates(officerT, "currency,date,rate,source\nSAR,2022-01-01,3.75,SAMA\nEUR,2022-01-01,0.80,ECB\nEUR,2022-07-01,1.00,ECB\n").want(200)

	afAppeal := e.appeal(officerT, map[string]any{"title": "Health sector, Afghanistan", "country": "AF", "amount": "10000000", "currency": "USD", "start": "2022-01-01"})
	e.appeal(officerT, map[string]any{"title": "Vaccines for the Sahel", "group": "SAHEL", "amount": "7500000", "currency": "SAR", "start": "2022-03-01"})

	usd := func(desc, status string, amount string, extra map[string]any) map[string]any {
		b := map[string]any{"description": desc, "status": status, "source_org_id": donor.ID, "country": "AF", "amount": amount, "currency": "USD", "value_date": "2022-02-01"}
		for k, v := range extra {
			b[k] = v
		}
		return b
	}
	// Afghanistan: 1m paid (to WHO), 2m pledged then committed then paid, 3m pledged only.
	paid := e.flow(officerT, usd("paid", "paid", "1000000", map[string]any{"dest_org_id": who.ID, "appeal_id": afAppeal.ID}))
	if paid.SourceName != "Islamic Development Bank" || paid.DestName != "World Health Organization" || paid.Rate != "1" || paid.AmountUSD != "1000000.00" || paid.Year != 2022 {
		t.Errorf("created %+v", paid)
	}
	pledge := e.flow(officerT, usd("pledge", "", "2000000", map[string]any{"appeal_id": afAppeal.ID}))
	if pledge.Status != accord.FlowPledge || pledge.Type != "standard" || pledge.Contribution != "financial" {
		t.Errorf("defaults %+v", pledge)
	}
	e.flow(officerT, usd("pledged only", "pledge", "3000000", nil))

	// Advance: forward only, against the version read.
	advance := fmt.Sprintf("/api/v1/flows/%d/advance", pledge.ID)
	e.do("POST", advance, viewerT, map[string]any{"status": "commitment"}, "If-Match", `"1"`).want(403).problem()
	e.do("POST", advance, officerT, map[string]any{"status": "commitment"}).want(428).problem()
	if p := e.do("POST", advance, officerT, map[string]any{"date": "2022-03-01"}, "If-Match", `"1"`).want(400).problem(); !p.names("status") {
		t.Errorf("no status: %v", p.fields())
	}
	if p := e.do("POST", advance, officerT, map[string]any{"status": "commitment", "date": "2022-03-32"}, "If-Match", `"1"`).want(400).problem(); !p.names("date") {
		t.Errorf("bad date: %v", p.fields())
	}
	var f accord.Flow
	r := e.do("POST", advance, officerT, map[string]any{"status": "commitment", "date": "2022-03-01"}, "If-Match", `"1"`).want(200)
	r.json(&f)
	if f.Status != accord.FlowCommitment || f.Version != 2 || r.header.Get("ETag") != `"2"` || f.AmountUSD != "2000000.00" {
		t.Errorf("advanced %s", r.body)
	}
	for _, back := range []string{"pledge", "commitment", "promised"} {
		if p := e.do("POST", advance, officerT, map[string]any{"status": back, "date": "2022-04-01"}, "If-Match", `"2"`).want(400).problem(); !p.names("status") {
			t.Errorf("commitment → %s: %v", back, p.fields())
		}
	}
	e.do("POST", advance, officerT, map[string]any{"status": "paid"}, "If-Match", `"1"`).want(412).problem()
	e.do("POST", advance, officerT, map[string]any{"status": "paid", "version": 1}).want(409).problem()
	e.do("POST", advance, officerT, map[string]any{"status": "paid", "date": "2022-04-01", "version": 2}).want(200).json(&f)
	if f.Status != accord.FlowPaid || f.Version != 3 {
		t.Errorf("paid %+v", f)
	}
	if p := e.do("POST", advance, officerT, map[string]any{"status": "commitment", "version": 3}).want(400).problem(); !p.names("status") {
		t.Errorf("paid → commitment: %v", p.fields())
	}
	e.do("POST", "/api/v1/flows/999999/advance", officerT, map[string]any{"status": "paid", "version": 1}).want(404).problem()

	// A parked parent of EUR 1.6m, valued on 1 February: the rate in force then (0.80) → USD 2m.
	parent := e.flow(officerT, map[string]any{"description": "multi-year", "status": "commitment", "type": "parked", "source_org_id": donor.ID,
		"country": "AF", "amount": "1600000", "currency": "eur", "value_date": "2022-02-01"})
	if parent.Currency != "EUR" || parent.Rate != "0.80" || parent.RateDate != "2022-01-01" || parent.RateSource != "ECB" || parent.AmountUSD != "2000000.00" {
		t.Errorf("rate by value date: %+v", parent)
	}
	// Split into two years; a third child would exceed it.
	e.flow(officerT, usd("year 1", "commitment", "1000000", map[string]any{"year": 2022, "parent_id": parent.ID}))
	e.flow(officerT, usd("year 2", "commitment", "1000000", map[string]any{"year": 2023, "parent_id": parent.ID}))
	// A pledge in EUR valued after the July rate: 1.00.
	chad := e.flow(officerT, map[string]any{"description": "Chad", "source_org_id": donor.ID, "country": "TD", "amount": "300000", "currency": "EUR", "value_date": "2022-08-15"})
	if chad.Rate != "1.00" || chad.RateDate != "2022-07-01" || chad.AmountUSD != "300000.00" {
		t.Errorf("rate of 15 August: %+v", chad)
	}
	// Pass-through: donor → WHO → the Sahel, counted once, on the group.
	through := e.flow(officerT, map[string]any{"description": "to WHO", "status": "paid", "type": "pass_through", "source_org_id": donor.ID, "dest_org_id": who.ID,
		"group": "SAHEL", "amount": "500000", "currency": "USD", "value_date": "2022-05-01"})
	e.flow(officerT, map[string]any{"description": "WHO to the Sahel", "status": "paid", "source_org_id": who.ID, "group": "SAHEL",
		"amount": "500000", "currency": "USD", "value_date": "2022-05-01", "parent_id": through.ID})

	// Bodies refused, each naming its field.
	for _, c := range []struct {
		body  map[string]any
		field string
	}{
		{usd("too much", "commitment", "1", map[string]any{"parent_id": parent.ID}), "amount"},
		{usd("francs", "pledge", "5", map[string]any{"currency": "CHF"}), "rate"},
		{usd("unknown", "pledge", "5", map[string]any{"currency": "XYZ"}), "currency"},
		{usd("promised", "promised", "5", nil), "status"},
		{usd("negative", "pledge", "-5", nil), "amount"},
		{usd("no date", "pledge", "5", map[string]any{"value_date": ""}), "value_date"},
		{usd("nobody", "pledge", "5", map[string]any{"source_org_id": 999999}), "source_org_id"},
		{usd("extra", "pledge", "5", map[string]any{"donor": "IsDB"}), "donor"},
	} {
		if p := e.do("POST", "/api/v1/flows", officerT, c.body).want(400).problem(); !p.names(c.field) {
			t.Errorf("%v: problem names %v, want %s", c.body, p.fields(), c.field)
		}
	}
	e.do("POST", "/api/v1/flows", viewerT, usd("viewer's", "pledge", "5", nil)).want(403).problem()
	e.do("POST", "/api/v1/flows", whoT, usd("partner's", "pledge", "5", nil)).want(403).problem()

	// Lists and their filters.
	for query, want := range map[string]int{
		"": 9, "?status=pledge": 2, "?status=paid": 4, "?country=af": 6, "?year=2023": 1, fmt.Sprintf("?appeal_id=%d", afAppeal.ID): 2,
		fmt.Sprintf("?org_id=%d", who.ID): 3, "?q=sahel": 1, "?per_page=3&page=2": 9,
	} {
		items, total := listOf[accord.Flow](e.do("GET", "/api/v1/flows"+query, viewerT, nil).want(200))
		if total != want || (query == "" && items[0].ID != chad.ID) {
			t.Errorf("flows%s: total %d, want %d", query, total, want)
		}
	}
	for query, field := range map[string]string{"?status=promised": "status", "?country=AFG": "country", "?year=1900": "year", "?org_id=x": "org_id", "?donor=1": "donor"} {
		if p := e.do("GET", "/api/v1/flows"+query, viewerT, nil).want(400).problem(); !p.names(field) {
			t.Errorf("flows%s names %v, want %s", query, p.fields(), field)
		}
	}
	r = e.do("GET", fmt.Sprintf("/api/v1/flows/%d", pledge.ID), viewerT, nil).want(200)
	if r.header.Get("ETag") != `"3"` {
		t.Errorf("ETag %q", r.header.Get("ETag"))
	}
	e.do("GET", "/api/v1/flows/999999", viewerT, nil).want(404).problem()
	// WHO's focal point sees the flows WHO gives or receives, no other.
	if _, total := listOf[accord.Flow](e.do("GET", "/api/v1/flows", whoT, nil).want(200)); total != 3 {
		t.Errorf("WHO's partner lists %d flows, want 3", total)
	}
	e.do("GET", fmt.Sprintf("/api/v1/flows/%d", pledge.ID), whoT, nil).want(404).problem()
	e.do("GET", fmt.Sprintf("/api/v1/flows/%d", paid.ID), whoT, nil).want(200)

	// Funding by country, worked out by hand:
	//   AF requirement 10m; firm = 1m paid + 2m paid (was a pledge) + 2m from the parked
	//   parent's two children (the parent itself not counted) = 5m, of which 3m paid; 3m pledged.
	//   SAHEL requirement SAR 7.5m / 3.75 = 2m; firm 500k, paid through WHO, counted once.
	//   TD: EUR 300k pledged at 1.00, no requirement.
	by, table := e.fundingOf(viewerT, "by=country")
	want := map[string]accord.FundingRow{
		"AF":    {Key: "AF", Label: "Afghanistan", Requirement: 10e6, Firm: 5e6, Paid: 3e6, Pledged: 3e6, Gap: 5e6, Covered: 50},
		"SAHEL": {Key: "SAHEL", Label: "Sahel", Requirement: 2e6, Firm: 5e5, Paid: 5e5, Gap: 1.5e6, Covered: 25},
		"TD":    {Key: "TD", Label: "Chad", Pledged: 3e5},
	}
	if len(by) != len(want) {
		t.Errorf("rows %+v", table.Items)
	}
	for k, w := range want {
		if by[k] != w {
			t.Errorf("%s: %+v, want %+v", k, by[k], w)
		}
	}
	if table.Items[0].Key != "AF" || table.Items[1].Key != "SAHEL" {
		t.Errorf("order %+v", table.Items)
	}
	tt := table.Totals
	if tt.Key != "total" || tt.Requirement != 12e6 || tt.Firm != 5.5e6 || tt.Paid != 3.5e6 || tt.Pledged != 3.3e6 || tt.Gap != 6.5e6 || math.Abs(tt.Covered-100*5.5/12) > 1e-9 {
		t.Errorf("totals %+v", tt)
	}

	// By year (repeatable): the parked parent's children land in their own years.
	by, _ = e.fundingOf(viewerT, "by=year&year=2023")
	if len(by) != 1 || by["2023"].Firm != 1e6 || by["2023"].Requirement != 0 {
		t.Errorf("2023: %+v", by)
	}
	by, table = e.fundingOf(viewerT, "by=year&year=2022&year=2023&year=2022")
	if len(by) != 2 || by["2022"].Firm != 4.5e6 || by["2022"].Requirement != 12e6 || by["2022"].Pledged != 3.3e6 || table.Totals.Firm != 5.5e6 {
		t.Errorf("2022 and 2023: %+v", table)
	}
	// By appeal: only the flows tied to it.
	by, _ = e.fundingOf(viewerT, "by=appeal")
	if r := by[fmt.Sprint(afAppeal.ID)]; r.Firm != 3e6 || r.Requirement != 10e6 || r.Label != "Health sector, Afghanistan" {
		t.Errorf("appeal row: %+v", r)
	}
	// By partner: the giving organization; money passed through WHO is WHO's.
	by, _ = e.fundingOf(viewerT, "by=partner")
	if d, w := by[fmt.Sprint(donor.ID)], by[fmt.Sprint(who.ID)]; d.Firm != 5e6 || d.Pledged != 3.3e6 || d.Label != "Islamic Development Bank" || w.Firm != 5e5 || len(by) != 2 {
		t.Errorf("partners: %+v", by)
	}
	// Filters.
	by, _ = e.fundingOf(viewerT, "by=country&country=af")
	if len(by) != 1 || by["AF"].Firm != 5e6 {
		t.Errorf("country=AF: %+v", by)
	}
	by, _ = e.fundingOf(viewerT, "by=country&contribution=in_kind")
	if by["AF"].Firm != 0 || by["AF"].Requirement != 10e6 {
		t.Errorf("in kind: %+v", by)
	}

	// A partner's funding counts only its organization's flows: 1m paid to WHO, 500k given on by WHO.
	by, table = e.fundingOf(whoT, "by=country")
	if table.Totals.Firm != 1.5e6 || table.Totals.Pledged != 0 || by["AF"].Firm != 1e6 || by["SAHEL"].Firm != 5e5 {
		t.Errorf("WHO's partner: %+v", table)
	}
	by, _ = e.fundingOf(whoT, "by=partner")
	if by[fmt.Sprint(donor.ID)].Firm != 1e6 || by[fmt.Sprint(who.ID)].Firm != 5e5 {
		t.Errorf("WHO's partner by partner: %+v", by)
	}

	// Bad queries name the parameter.
	for query, field := range map[string]string{
		"": "by", "by=": "by", "by=donor": "by", "by=country&year=1800": "year", "by=country&year=x": "year",
		"by=country&contribution=cash": "contribution", "by=country&country=Sahel": "country", "by=country&by=year": "by", "by=country&sort=gap": "sort",
	} {
		if p := e.do("GET", "/api/v1/funding?"+query, viewerT, nil).want(400).problem(); !p.names(field) {
			t.Errorf("funding?%s names %v, want %s", query, p.fields(), field)
		}
	}
}
