package web

import (
	"net/http"
	"slices"
	"strconv"

	"github.com/accordhq/accord/internal/web/webkit"
)

// fundingExport is the table by one breakdown as a CSV or XLSX file, every
// row and the total, in dollars and cents as the report counted them.
func (s *Server) fundingExport(w http.ResponseWriter, r *http.Request, by string) error {
	q, err := fundingQueryFrom(r)
	if err != nil {
		return err
	}
	ctx := r.Context()
	version, err := s.Store.FundingVersion(ctx)
	if err != nil {
		return err
	}
	view := fundingView{by: by}
	counted, err := s.countFunding(ctx, webkit.Language(r), version, q, view)
	if err != nil {
		return err
	}
	t := counted.tables[view]
	out := make([][]string, 0, len(t.Lines)+1)
	for _, row := range append(slices.Clone(t.Lines), t.Total) {
		out = append(out, []string{row.Key, row.Label, row.Requirement.String(), row.Firm.String(), row.Paid.String(), row.Pledged.String(),
			row.Gap().String(), strconv.FormatFloat(row.Covered(), 'f', 1, 64)})
	}
	return writeTable(w, r, "funding-by-"+by, []string{by, "label", "requirement_usd", "firm_usd", "paid_usd", "pledged_usd", "gap_usd", "percent_covered"}, out)
}

// writeChartFile sends the figures a chart draws as CSV (or XLSX).
func writeChartFile(w http.ResponseWriter, r *http.Request, c *chartSection) error {
	header := append([]string{"key", "label"}, c.Columns...)
	rows := make([][]string, len(c.Rows))
	for i, row := range c.Rows {
		rows[i] = append([]string{row.Key, row.Label}, row.File...)
	}
	return writeTable(w, r, "funding-"+c.Name, header, rows)
}
