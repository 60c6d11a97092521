package accord

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math/big"
	"strings"
)

// maxRateProblems bounds the problems ParseRates lists: a 10 MB file of
// bad lines would otherwise make a page (and a memory) of 600,000 of them.
const maxRateProblems = 100

// ParseRates reads exchange rates from CSV with a header row naming the
// columns currency, date, rate and (optionally) source, in any order: rate
// is units of the currency per US dollar. Every bad line is reported with
// its line number and the rule it breaks, up to maxRateProblems and then
// one line counting the rest; the good lines are returned too, so that
// the caller decides whether to save anything (Accord saves nothing unless
// every line is good).
func ParseRates(r io.Reader, knownCurrency func(string) bool) ([]ExchangeRate, []FieldError) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err != nil {
		return nil, []FieldError{{Field: "line 1", Message: "the file is empty or not CSV: " + err.Error()}}
	}
	col := map[string]int{}
	for i, h := range header {
		col[strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))] = i
	}
	for _, need := range []string{"currency", "date", "rate"} {
		if _, ok := col[need]; !ok {
			return nil, []FieldError{{Field: "line 1", Message: fmt.Sprintf("the header has no %q column (it needs currency, date, rate and optionally source)", need)}}
		}
	}
	var rates []ExchangeRate
	var problems []FieldError
	more, firstMore := 0, 0 // problems past the limit, and the line of the first
	report := func(at string, line int, msg string) {
		if len(problems) < maxRateProblems {
			problems = append(problems, FieldError{Field: at, Message: msg})
			return
		}
		if more == 0 {
			firstMore = line
		}
		more++
	}
	for line := 2; ; line++ {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		at := fmt.Sprintf("line %d", line)
		if err != nil {
			report(at, line, "not valid CSV: "+err.Error())
			continue
		}
		get := func(name string) string {
			if i, ok := col[name]; ok && i < len(rec) {
				return strings.TrimSpace(rec[i])
			}
			return ""
		}
		rate := ExchangeRate{Currency: strings.ToUpper(get("currency")), Date: Date(get("date")), Rate: strings.ReplaceAll(get("rate"), ",", ""), Source: get("source")}
		var bad []string
		if !knownCurrency(rate.Currency) {
			bad = append(bad, fmt.Sprintf("currency %q is not an ISO 4217 code", shown(rate.Currency)))
		}
		if !rate.Date.Valid() {
			bad = append(bad, fmt.Sprintf("date %q is not a date YYYY-MM-DD", shown(string(rate.Date))))
		}
		if len(rate.Rate) > 64 {
			bad = append(bad, fmt.Sprintf("rate %q is not a number above 0 such as 3.75", shown(rate.Rate)))
		} else if v, ok := new(big.Rat).SetString(rate.Rate); !ValidAmount(rate.Rate) || !ok || v.Sign() <= 0 {
			bad = append(bad, fmt.Sprintf("rate %q is not a number above 0 such as 3.75", rate.Rate))
		}
		if len(bad) > 0 {
			report(at, line, strings.Join(bad, "; "))
			continue
		}
		rates = append(rates, rate)
	}
	if more > 0 {
		problems = append(problems, FieldError{Field: fmt.Sprintf("line %d", firstMore),
			Message: fmt.Sprintf("and %d more lines with problems from here on; only the first %d are listed", more, maxRateProblems)})
	}
	if len(rates) == 0 && len(problems) == 0 {
		problems = append(problems, FieldError{Field: "line 2", Message: "the file has a header but no rates"})
	}
	return rates, problems
}

// shown is a value as a problem quotes it: at most 40 characters, so that
// a line of a megabyte does not come back whole in the message.
func shown(s string) string {
	n := 0
	for i := range s {
		if n == 40 {
			return s[:i] + "…"
		}
		n++
	}
	return s
}
