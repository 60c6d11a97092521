package accord

import (
	"math/big"
	"strconv"
)

// Cents are an amount in US-dollar cents. Funding figures are summed in
// whole cents, so that a total is exact whatever the number and the order
// of its lines; they become dollars in floating point only to be drawn or
// written in a reader's number format.
type Cents int64

// ParseCents reads a decimal amount of dollars such as "1250000.50",
// rounded to the cent (half away from zero).
func ParseCents(s string) (Cents, bool) {
	r, ok := new(big.Rat).SetString(s)
	if !ok {
		return 0, false
	}
	n, err := strconv.ParseInt(r.Mul(r, big.NewRat(100, 1)).FloatString(0), 10, 64)
	return Cents(n), err == nil
}

// String writes the amount in dollars with two decimals, as files do: "1234.50".
func (c Cents) String() string {
	sign, n := "", uint64(c)
	if c < 0 {
		sign, n = "-", uint64(-c)
	}
	frac := strconv.FormatUint(n%100, 10)
	if len(frac) == 1 {
		frac = "0" + frac
	}
	return sign + strconv.FormatUint(n/100, 10) + "." + frac
}

// Dollars is the amount in dollars, for a picture or a reader's number
// format: the float nearest the exact amount, which writes back as it with
// up to two decimals below ten thousand billion dollars.
func (c Cents) Dollars() float64 { return float64(c) / 100 }
