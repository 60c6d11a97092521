package accord

import (
	"math/big"
	"strings"
	"testing"
)

// FuzzParseRates reads any CSV: never a panic; each rate returned is of a
// known currency, on a real date, positive; each problem names its line.
// Seeds are in testdata/fuzz/FuzzParseRates.
func FuzzParseRates(f *testing.F) {
	f.Add("date,currency,rate,source\n2022-01-01,EUR,0.88,ECB\n")
	known := func(c string) bool { return c == "EUR" || c == "SAR" }
	f.Fuzz(func(t *testing.T, csv string) {
		rates, problems := ParseRates(strings.NewReader(csv), known)
		for _, r := range rates {
			v, ok := new(big.Rat).SetString(r.Rate)
			if !known(r.Currency) || !r.Date.Valid() || !ok || v.Sign() <= 0 {
				t.Fatalf("accepted %+v from %q", r, csv)
			}
		}
		for _, p := range problems {
			if !strings.HasPrefix(p.Field, "line ") || p.Message == "" {
				t.Fatalf("problem %+v from %q", p, csv)
			}
		}
	})
}
