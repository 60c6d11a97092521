package generate

import (
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/accordhq/accord/internal/accord"
)

// firstRateMonth is the month of the first generated exchange rates: one
// before the first flows (January 2015), so that every flow finds a rate on
// or before its value date.
var firstRateMonth = time.Date(2014, 12, 1, 0, 0, 0, 0, time.UTC)

// currencyPaths are how many units of each currency bought a US dollar at
// the end of 2014 (about), the yearly drift of that rate and its monthly
// wobble: pegged currencies stay put, the Turkish lira, the Egyptian pound
// and the naira lose value. The CFA franc follows the euro.
var currencyPaths = []struct {
	code                 string
	start, drift, wobble float64
}{
	{"EUR", 0.82, 0.01, 0.015}, {"GBP", 0.64, 0.02, 0.015}, {"CHF", 0.99, -0.01, 0.012}, {"JPY", 120, 0.02, 0.02},
	{"SAR", 3.75, 0, 0}, {"AED", 3.6725, 0, 0}, {"QAR", 3.64, 0, 0}, {"KWD", 0.29, 0.005, 0.003}, {"TRY", 2.33, 0.32, 0.03},
	{"NOK", 7.4, 0.03, 0.02}, {"SEK", 7.8, 0.03, 0.02}, {"DKK", 6.1, 0.01, 0.015}, {"CAD", 1.16, 0.01, 0.012}, {"AUD", 1.22, 0.02, 0.015},
	{"CNY", 6.2, 0.01, 0.008}, {"MYR", 3.5, 0.03, 0.012}, {"IDR", 12400, 0.02, 0.012}, {"EGP", 7.15, 0.18, 0.02}, {"PKR", 100, 0.1, 0.015},
	{"BDT", 78, 0.03, 0.008}, {"NGN", 180, 0.2, 0.03}, {"MAD", 9.0, 0.01, 0.01}, {"KRW", 1100, 0.01, 0.015},
}

// homeCurrency is the currency an organization of a country gives in.
var homeCurrency = map[string]string{
	"DE": "EUR", "FR": "EUR", "IT": "EUR", "ES": "EUR", "NL": "EUR", "BE": "EUR", "AT": "EUR", "FI": "EUR", "IE": "EUR", "PT": "EUR", "LU": "EUR",
	"GB": "GBP", "CH": "CHF", "JP": "JPY", "SA": "SAR", "AE": "AED", "QA": "QAR", "KW": "KWD", "TR": "TRY", "NO": "NOK", "SE": "SEK", "DK": "DKK",
	"CA": "CAD", "AU": "AUD", "CN": "CNY", "MY": "MYR", "ID": "IDR", "EG": "EGP", "PK": "PKR", "BD": "BDT", "NG": "NGN", "MA": "MAD", "KR": "KRW",
	"SN": "XOF", "ML": "XOF", "NE": "XOF", "BF": "XOF", "CI": "XOF", "BJ": "XOF", "TG": "XOF", "GW": "XOF",
}

// rates writes an exchange rate for the first day of each month since
// December 2014, per currency the database knows, as a rates file of
// monthly averages would give them. Rates are reference data: they are not
// among the counted records.
func (g *gen) rates() error {
	months := monthsSince(firstRateMonth, g.today) + 1
	g.series = map[string][]float64{}
	for _, p := range currencyPaths {
		if !g.currency[p.code] {
			continue
		}
		s := make([]float64, months)
		v := p.start
		for m := range s {
			s[m] = v
			v *= math.Exp(p.drift/12 + p.wobble*g.rng.NormFloat64())
		}
		g.series[p.code] = s
	}
	if eur, ok := g.series["EUR"]; ok && g.currency["XOF"] {
		xof := make([]float64, months)
		for m, v := range eur {
			xof[m] = 655.957 * v
		}
		g.series["XOF"] = xof
	}
	codes := []string{}
	for _, p := range currencyPaths {
		codes = append(codes, p.code)
	}
	var list []accord.ExchangeRate
	for _, code := range append(codes, "XOF") {
		for m, v := range g.series[code] {
			list = append(list, accord.ExchangeRate{Currency: code, Date: date(firstRateMonth.AddDate(0, m, 0)), Rate: rateText(v),
				Source: "monthly average (generated, illustrative)"})
		}
	}
	return g.w.Rates(list)
}

// monthsSince counts whole months from the month of a to the month of b.
func monthsSince(a, b time.Time) int {
	return (b.Year()-a.Year())*12 + int(b.Month()) - int(a.Month())
}

// rateOn is the rate of a currency in force on day (that of its month),
// as a number and as the rates table writes it, with the day it was set.
// US dollars, and a currency without rates, are at 1.
func (g *gen) rateOn(currency string, day time.Time) (v float64, text string, set accord.Date) {
	s, ok := g.series[currency]
	if !ok {
		return 1, "1", date(day)
	}
	m := min(max(0, monthsSince(firstRateMonth, day)), len(s)-1)
	return s[m], rateText(s[m]), date(firstRateMonth.AddDate(0, m, 0))
}

// currencyOf is what an organization gives in: often its country's
// currency, else US dollars.
func (g *gen) currencyOf(o *org) string {
	c, ok := homeCurrency[o.country]
	if ok && g.series[c] != nil && g.chance(0.6) {
		return c
	}
	if c := g.currencies.draw(g.rng); g.series[c] != nil && g.chance(0.05) {
		return c
	}
	return accord.ReportingCurrency
}

// rateText writes a rate with six significant digits at most, as a rates
// file would: 3.75, 0.912345, 14523.6.
func rateText(v float64) string {
	decimals := max(0, min(6, 5-int(math.Floor(math.Log10(v)))))
	s := strconv.FormatFloat(v, 'f', decimals, 64)
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	return s
}
