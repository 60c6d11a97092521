package accord

import (
	"strings"
	"testing"
)

func TestParseRates(t *testing.T) {
	known := func(c string) bool { return c == "EUR" || c == "SAR" }
	rates, problems := ParseRates(strings.NewReader("\ufeffdate,currency,rate,source\n2022-01-01,eur,0.88,ECB\n2022-13-01,SAR,3.75,\n2022-02-01,XXX,-1,\n2022-03-01,SAR,\"3,750\",SAMA\n"), known)
	if len(rates) != 2 || rates[0].Currency != "EUR" || rates[1].Rate != "3750" {
		t.Errorf("rates: %+v", rates)
	}
	if len(problems) != 2 || problems[0].Field != "line 3" || !strings.Contains(problems[0].Message, "date") ||
		problems[1].Field != "line 4" || !strings.Contains(problems[1].Message, "currency") || !strings.Contains(problems[1].Message, "rate") {
		t.Errorf("problems: %+v", problems)
	}
	if _, p := ParseRates(strings.NewReader("currency,rate\nEUR,1\n"), known); len(p) != 1 || !strings.Contains(p[0].Message, `"date"`) {
		t.Errorf("missing column: %+v", p)
	}
	if _, p := ParseRates(strings.NewReader(""), known); len(p) != 1 || p[0].Field != "line 1" {
		t.Errorf("empty file: %+v", p)
	}
}
