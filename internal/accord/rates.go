package accord

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math/big"
	"strings"
)

// ParseRates reads exchange rates from CSV with a header row naming the
// columns currency, date, rate and (optionally) source, in any order: rate
// is units of the currency per US dollar. Every bad line is reported with
// its line number and the rule it breaks; the good lines are returned too,
// so that the caller decides whether to save anything (Accord saves
// nothing unless every line is good).
func ParseRates(r io.Reader, knownCurrency func(string) bool) ([]ExchangeRate, []FieldError) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
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
	for line := 2; ; line++ {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		at := fmt.Sprintf("line %d", line)
		if err != nil {
			problems = append(problems, FieldError{Field: at, Message: "not valid CSV: " + err.Error()})
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
			bad = append(bad, fmt.Sprintf("currency %q is not an ISO 4217 code", rate.Currency))
		}
		if !rate.Date.Valid() {
			bad = append(bad, fmt.Sprintf("date %q is not a date YYYY-MM-DD", rate.Date))
		}
		if v, ok := new(big.Rat).SetString(rate.Rate); !ValidAmount(rate.Rate) || !ok || v.Sign() <= 0 {
			bad = append(bad, fmt.Sprintf("rate %q is not a number above 0 such as 3.75", rate.Rate))
		}
		if len(bad) > 0 {
			problems = append(problems, FieldError{Field: at, Message: strings.Join(bad, "; ")})
			continue
		}
		rates = append(rates, rate)
	}
	if len(rates) == 0 && len(problems) == 0 {
		problems = append(problems, FieldError{Field: "line 2", Message: "the file has a header but no rates"})
	}
	return rates, problems
}
