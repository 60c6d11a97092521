package hxl

import (
	"bytes"
	"encoding/csv"
	"testing"

	"github.com/accordhq/accord/internal/accord"
)

// readBack parses what was written and finds columns by their hashtag, as an HXL tool would.
func readBack(t *testing.T, b []byte) (map[string]int, [][]string) {
	t.Helper()
	rows, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil || len(rows) < 2 {
		t.Fatalf("not CSV with a hashtag row: %v", err)
	}
	tags := map[string]int{}
	for i, tag := range rows[1] {
		if tag == "" || tag[0] != '#' {
			t.Errorf("column %d has no hashtag: %q", i, tag)
		}
		tags[tag] = i
	}
	return tags, rows[2:]
}

func TestFundingReadBack(t *testing.T) {
	var b bytes.Buffer
	flows := []*accord.Flow{
		{ID: 7, ValueDate: "2022-07-22", SourceName: "Islamic Development Bank", DestName: "World Health Organization", Country: "AF", Sector: "12250",
			Status: "paid", Contribution: "in_kind", Amount: "1000000", Currency: "EUR", AmountUSD: "1250000.00", Quantity: "500000", Unit: "doses", Year: 2022},
		{ID: 8, ValueDate: "2022-08-01", SourceName: "=HYPERLINK(\"x\")", Group: "SAHEL", Status: "pledge", Contribution: "financial", Amount: "5", Currency: "USD", AmountUSD: "5.00", Year: 2022},
	}
	if err := WriteFunding(&b, flows); err != nil {
		t.Fatal(err)
	}
	tags, rows := readBack(t, b.Bytes())
	for _, tag := range []string{"#date", "#org+name+funder", "#org+name+impl", "#country+code", "#sector+code", "#value+usd", "#status", "#currency"} {
		if _, ok := tags[tag]; !ok {
			t.Errorf("no %s column", tag)
		}
	}
	if len(rows) != 2 || rows[0][tags["#value+usd"]] != "1250000.00" || rows[0][tags["#country+code"]] != "AF" || rows[0][tags["#indicator+num+inkind"]] != "500000" {
		t.Errorf("first row: %v", rows[0])
	}
	if rows[1][tags["#org+name+funder"]][0] != '\'' || rows[1][tags["#region+code"]] != "SAHEL" {
		t.Errorf("second row: %v", rows[1])
	}
}

func TestFourWReadBack(t *testing.T) {
	var b bytes.Buffer
	acts := []*accord.Activity{{ID: 3, Title: "Vaccines in the Sahel", LeadOrgName: "WHO", Implementing: []accord.EngagementOrg{{Name: "OIC"}},
		Sectors: []accord.ActivitySector{{Code: "12250", Percent: 100}}, Beneficiaries: []string{"ML", "NE"}, PlannedStart: "2023-01-01", PlannedEnd: "2023-12-31", Status: 2}}
	if err := WriteFourW(&b, acts); err != nil {
		t.Fatal(err)
	}
	tags, rows := readBack(t, b.Bytes())
	for _, tag := range []string{"#org+impl", "#sector+code", "#activity+name", "#country+code", "#adm1+name", "#date+start", "#date+end", "#status"} {
		if _, ok := tags[tag]; !ok {
			t.Errorf("no %s column", tag)
		}
	}
	if len(rows) != 2 || rows[1][tags["#country+code"]] != "NE" || rows[0][tags["#date+start"]] != "2023-01-01" {
		t.Errorf("rows: %v", rows)
	}
}
