package accord

import (
	"fmt"
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

// TestParseRatesBounds reads a file of the upload limit made of bad lines,
// and one with a value of a megabyte: the problems stay a page long.
func TestParseRatesBounds(t *testing.T) {
	known := func(c string) bool { return c == "EUR" }
	var b strings.Builder
	b.WriteString("currency,date,rate\n")
	for b.Len() < 10<<20 {
		b.WriteString("XXX,2022-01-01,1\n")
	}
	lines := strings.Count(b.String(), "\n") - 1
	_, problems := ParseRates(strings.NewReader(b.String()), known)
	if len(problems) != 101 {
		t.Fatalf("%d problems listed for %d bad lines, want 100 and a count of the rest", len(problems), lines)
	}
	last := problems[100]
	if last.Field != "line 102" || !strings.Contains(last.Message, fmt.Sprintf("and %d more lines", lines-100)) {
		t.Errorf("the count of the rest: %+v", last)
	}

	huge := strings.Repeat("9", 1<<20)
	_, problems = ParseRates(strings.NewReader("currency,date,rate\n"+huge+","+huge+","+huge+"\n"), known)
	if len(problems) != 1 || len(problems[0].Message) > 400 || !strings.Contains(problems[0].Message, "currency \"9999") {
		t.Errorf("a line of 3 MB comes back as %d problems, the first of %d bytes", len(problems), len(problems[0].Message))
	}
}
