package web

import (
	"cmp"
	"slices"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/chart"
	"github.com/accordhq/accord/internal/i18n"
)

// mapScales are the colours of each figure the map shows.
var mapScales = map[string][]string{"firm": chart.Blues, "gap": chart.Oranges}

// mapChart colours each country by its firm funding or its gap (metric).
// Funding to a country group counts once on the group, so it is not on the
// map: the page lists it beside. countries names every country, so that
// each shape says what it is, figure or none.
func mapChart(l *i18n.Locale, metric string, lines []accord.FundingLine, countries map[string]string) *chartSection {
	c := &chartSection{Name: "map", Title: l.T("money.map." + metric), Hint: l.T("money.map.hint"), Columns: []string{metric}}
	value := func(r accord.FundingLine) accord.Cents {
		if metric == "gap" {
			return r.Gap()
		}
		return r.Firm
	}
	shown, _ := accord.SplitCountryGroups(lines)
	slices.SortStableFunc(shown, func(a, b accord.FundingLine) int { return cmp.Compare(value(b), value(a)) })
	regions := map[string]chart.Region{}
	for code, name := range countries {
		regions[code] = chart.Region{Title: l.T("money.map.none", name)}
	}
	for _, r := range shown {
		c.add(l, r.Key, r.Label, usd(value(r)))
		if name := countries[r.Key]; name != "" && value(r) > 0 {
			regions[r.Key] = chart.Region{Title: l.T("money.map.title."+metric, name, usdText(l, value(r))), Value: value(r).Dollars()}
		}
	}
	c.SVG = chart.Map(words(l), chart.WorldMap{Title: c.Title, Colours: mapScales[metric], Regions: regions,
		Legend: l.T("money.map.legend"), NoFigure: l.T("money.map.no_figure"),
		UpTo: func(v float64) string { return l.T("money.map.range", compact(l, v)) }})
	return c
}
