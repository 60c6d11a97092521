package i18n

import (
	"math"
	"math/rand/v2"
	"testing"

	"golang.org/x/text/number"
)

// TestNumbersAsThePrinterWritesThem: the hand-written numbers are the
// printer's, digit for digit and separator for separator, in every
// language, for integers, amounts in cents and everything else.
func TestNumbersAsThePrinterWritesThem(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	values := []any{0, 7, 999, 1000, 1234567, int64(9876543210), 0.5, 0.05, 10.1, 1234.5, 1e12 + 0.25, 2.675, 1.005, -3, -1234.5, math.NaN()}
	for range 2000 {
		values = append(values, rng.IntN(1e9), float64(rng.Int64N(1e13))/100, rng.Float64()*1e6, float64(rng.IntN(1e7)))
	}
	for _, lang := range []string{"en", "fr", "ar"} {
		l := Get(lang)
		if l.numerals == nil {
			t.Fatalf("%s: no numerals read from the printer", lang)
		}
		for _, v := range values {
			var want string
			if f, ok := v.(float64); ok {
				want = l.printer.Sprint(number.Decimal(f, number.MaxFractionDigits(2)))
			} else {
				want = l.printer.Sprint(number.Decimal(v))
			}
			if got := l.Number(v); got != want {
				t.Errorf("%s: Number(%v) = %q, the printer writes %q", lang, v, got, want)
			}
		}
	}
}

func BenchmarkNumber(b *testing.B) {
	l := Get("fr")
	for i := 0; b.Loop(); i++ {
		_ = l.Number(float64(i) * 12.34)
	}
}
