package hxl

import (
	"io"
	"slices"
	"strconv"

	"github.com/accordhq/accord/internal/accord"
)

// FundingByCountryColumns are the columns of the funding table summed by
// destination country (or country group), in US dollars: the open-data
// download, which publishes totals and no single contribution.
var FundingByCountryColumns = []Column{
	{"Country", "#country+code"}, {"Name", "#country+name"}, {"Requirement (USD)", "#value+funding+required+usd"},
	{"Firm funding (USD)", "#value+funding+total+usd"}, {"Paid (USD)", "#value+funding+paid+usd"},
	{"Pledged (USD)", "#value+funding+pledged+usd"}, {"Gap (USD)", "#value+funding+gap+usd"}, {"Covered (%)", "#value+funding+pct"},
}

// WriteFundingByCountry writes the funding report's lines by country, then
// its total with an empty code, in exact dollars and cents.
func WriteFundingByCountry(w io.Writer, rows []accord.FundingLine, total accord.FundingLine) error {
	out := make([][]string, 0, len(rows)+1)
	for _, r := range append(slices.Clone(rows), total) {
		out = append(out, []string{r.Key, r.Label, r.Requirement.String(), r.Firm.String(), r.Paid.String(), r.Pledged.String(), r.Gap().String(),
			strconv.FormatFloat(r.Covered(), 'f', 1, 64)})
	}
	return write(w, FundingByCountryColumns, out)
}
