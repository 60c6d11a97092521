package api

import (
	"strings"
	"testing"

	"github.com/accordhq/accord/internal/accord"
)

func TestExchangeRates(t *testing.T) {
	e := newEnv(t)
	_, officerT := e.user("officer@example.org", accord.RoleOfficer, nil)
	_, viewerT := e.user("viewer@example.org", accord.RoleViewer, nil)
	rates := "/api/v1/exchange-rates"

	// JSON: every item checked, each fault named; nothing saved when one is bad.
	p := e.do("POST", rates, officerT, map[string]any{"rates": []map[string]any{
		{"currency": "GBP", "date": "2022-01-01", "rate": "0.75"},
		{"currency": "XYZ", "date": "2022-01-01", "rate": "1"},
		{"currency": "eur", "date": "2022-02-30", "rate": "-1"},
	}}).want(400).problem()
	for _, f := range []string{"rates[1].currency", "rates[2].date", "rates[2].rate"} {
		if !p.names(f) {
			t.Errorf("problem names %v, not %s", p.fields(), f)
		}
	}
	if len(p.Errors) != 3 || !strings.Contains(p.Detail, "Nothing was saved") {
		t.Errorf("problem %+v", p)
	}
	e.do("GET", rates+"/GBP?date=2022-06-01", officerT, nil).want(404).problem()
	if p := e.do("POST", rates, officerT, map[string]any{"rates": []any{}}).want(400).problem(); !p.names("rates") {
		t.Errorf("empty import: %v", p.fields())
	}
	var saved ratesSaved
	e.do("POST", rates, officerT, map[string]any{"rates": []map[string]any{{"currency": "sar", "date": "2022-01-01", "rate": "3.75", "source": "SAMA"}}}).want(200).json(&saved)
	if saved.Saved != 1 {
		t.Errorf("saved %+v", saved)
	}

	// CSV with bad lines: each named by its line, nothing saved.
	bad := "currency,date,rate,source\nGBP,2022-01-01,0.75,BoE\nXYZ,2022-01-01,1.2,\nEUR,2022-13-01,0.9,ECB\nEUR,2022-02-01,-1,ECB\n"
	p = e.csvRates(officerT, bad).want(400).problem()
	if got := strings.Join(p.fields(), ","); got != "line 3,line 4,line 5" {
		t.Errorf("bad CSV names %s: %+v", got, p.Errors)
	}
	if !strings.Contains(p.Errors[0].Message, "XYZ") || !strings.Contains(p.Errors[1].Message, "date") || !strings.Contains(p.Errors[2].Message, "rate") {
		t.Errorf("messages %+v", p.Errors)
	}
	e.do("GET", rates+"/GBP?date=2022-06-01", officerT, nil).want(404).problem()
	if p := e.csvRates(officerT, "currency,day,rate\nEUR,2022-01-01,0.8\n").want(400).problem(); !p.names("line 1") {
		t.Errorf("header without date: %v", p.fields())
	}
	e.do("POST", rates, officerT, "EUR 0.8", "Content-Type", "text/plain").want(415).problem()

	// A good CSV saves every line.
	good := "\ufeffCurrency, Date, Rate, Source\nEUR,2022-01-01,0.80,ECB\nEUR,2022-07-01,1.00,ECB\nGBP,2022-01-01,0.75,BoE\n"
	saved = ratesSaved{}
	e.csvRates(officerT, good).want(200).json(&saved)
	if saved.Saved != 3 {
		t.Errorf("saved %+v", saved)
	}

	// The rate in force on a day is the latest on or before it.
	for _, c := range []struct{ path, rate, date string }{
		{"/EUR?date=2022-06-30", "0.80", "2022-01-01"},
		{"/eur?date=2022-07-01", "1.00", "2022-07-01"},
		{"/EUR", "1.00", "2022-07-01"}, // today
		{"/SAR?date=2023-01-01", "3.75", "2022-01-01"},
	} {
		var got accord.ExchangeRate
		e.do("GET", rates+c.path, viewerT, nil).want(200).json(&got)
		if got.Rate != c.rate || string(got.Date) != c.date || got.Currency != strings.ToUpper(c.path[1:4]) {
			t.Errorf("%s: %+v", c.path, got)
		}
	}
	e.do("GET", rates+"/EUR?date=2021-12-31", viewerT, nil).want(404).problem()
	for path, field := range map[string]string{"/EURO": "currency", "/EUR?date=2022-02-30": "date", "/EUR?on=2022-01-01": "on"} {
		if p := e.do("GET", rates+path, viewerT, nil).want(400).problem(); !p.names(field) {
			t.Errorf("%s names %v, want %s", path, p.fields(), field)
		}
	}

	// A viewer imports nothing.
	e.csvRates(viewerT, good).want(403).problem()
	e.do("POST", rates, viewerT, map[string]any{"rates": []map[string]any{{"currency": "EUR", "date": "2023-01-01", "rate": "0.9"}}}).want(403).problem()
	var still accord.ExchangeRate
	e.do("GET", rates+"/EUR?date=2023-06-01", viewerT, nil).want(200).json(&still)
	if still.Date != "2022-07-01" {
		t.Errorf("a viewer's import was saved: %+v", still)
	}
}
