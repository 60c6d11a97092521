package i18n

import (
	"strconv"
	"strings"

	"golang.org/x/text/number"
)

// numerals are a locale's digits and separators, read once from its
// printer, so that the amounts of a dashboard (thousands of them) are
// written by hand instead of each through the general formatter, which
// cost a seventh of a funding page. Numbers the hand path cannot write
// exactly as the printer would (more than two decimals to round) go to
// the printer; a test compares the two.
type numerals struct {
	digits         [10]string
	group, decimal string
}

func newNumerals(l *Locale) *numerals {
	n := &numerals{}
	for d := range 10 {
		n.digits[d] = l.printer.Sprint(number.Decimal(d))
	}
	// "1,234.5": the group separator follows the 1, the decimal one the 4.
	s := l.printer.Sprint(number.Decimal(1234.5, number.MaxFractionDigits(2)))
	s = strings.TrimPrefix(s, n.digits[1])
	i := strings.Index(s, n.digits[2])
	j := strings.Index(s, n.digits[4])
	k := strings.LastIndex(s, n.digits[5])
	if i < 0 || j < 0 || k < 0 {
		return nil
	}
	n.group, n.decimal = s[:i], s[j+len(n.digits[4]):k]
	return n
}

// format writes the decimal digits in s (an optional fraction after a
// dot) with the locale's digits and separators, grouping by three.
func (n *numerals) format(s string) string {
	whole, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	for i, c := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteString(n.group)
		}
		b.WriteString(n.digits[c-'0'])
	}
	if frac != "" {
		b.WriteString(n.decimal)
		for _, c := range frac {
			b.WriteString(n.digits[c-'0'])
		}
	}
	return b.String()
}

// fast writes v if it is a number the hand path writes exactly: a
// non-negative integer, or a non-negative float with at most two decimals.
func (n *numerals) fast(v any) (string, bool) {
	var s string
	switch v := v.(type) {
	case int:
		if v < 0 {
			return "", false
		}
		s = strconv.Itoa(v)
	case int64:
		if v < 0 {
			return "", false
		}
		s = strconv.FormatInt(v, 10)
	case float64:
		if !(v >= 0 && v < 1e15) { // also NaN
			return "", false
		}
		s = strconv.FormatFloat(v, 'f', -1, 64)
		if _, frac, _ := strings.Cut(s, "."); len(frac) > 2 {
			return "", false
		}
	default:
		return "", false
	}
	return n.format(s), true
}
