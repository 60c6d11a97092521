package web

import (
	"math"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/i18n"
)

// amountText writes an amount in US dollars in the locale, to the cent: 1,234.5.
func amountText(l *i18n.Locale, c accord.Cents) string { return l.Number(c.Dollars()) }

// usdText writes an amount in US dollars in the locale: "5,000,000 USD".
func usdText(l *i18n.Locale, c accord.Cents) string { return l.T("money.usd", amountText(l, c)) }

// percent formats a share such as 42.5 in the locale.
func percent(l *i18n.Locale, v float64) string {
	return l.T("money.percent", l.Number(math.Round(v*10)/10))
}

// compact writes a large amount short: 5.2 M, 750 k.
func compact(l *i18n.Locale, v float64) string {
	round := func(x float64) float64 { return math.Round(x*10) / 10 }
	switch {
	case v >= 1e9:
		return l.T("money.compact.billion", l.Number(round(v/1e9)))
	case v >= 1e6:
		return l.T("money.compact.million", l.Number(round(v/1e6)))
	case v >= 1e3:
		return l.T("money.compact.thousand", l.Number(round(v/1e3)))
	}
	return l.Number(round(v))
}
