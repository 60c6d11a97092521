package web

import (
	"encoding/csv"
	"net/http"
	"strings"

	"github.com/xuri/excelize/v2"
)

// isExport reports whether a list was asked for as a file (?format=csv or xlsx).
func isExport(r *http.Request) bool {
	f := r.URL.Query().Get("format")
	return f == "csv" || f == "xlsx"
}

// writeTable sends the rows of a list, with the filters applied, as CSV or
// XLSX (?format=xlsx). Cells a spreadsheet would run as a formula are
// prefixed with a quote in both.
func writeTable(w http.ResponseWriter, r *http.Request, name string, header []string, rows [][]string) error {
	for _, row := range rows {
		for i, cell := range row {
			if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
				row[i] = "'" + cell
			}
		}
	}
	if r.URL.Query().Get("format") == "xlsx" {
		return writeXLSX(w, name, header, rows)
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`.csv"`)
	cw := csv.NewWriter(w)
	if err := cw.Write(header); err != nil {
		return err
	}
	if err := cw.WriteAll(rows); err != nil {
		return err
	}
	return cw.Error()
}

// writeXLSX writes one sheet with a bold, frozen header row, streamed row by row.
func writeXLSX(w http.ResponseWriter, name string, header []string, rows [][]string) error {
	f := excelize.NewFile()
	defer f.Close()
	sheet := f.GetSheetName(0)
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	cells := make([]any, len(header))
	for i, h := range header {
		cells[i] = excelize.Cell{StyleID: bold, Value: h}
	}
	if err := sw.SetRow("A1", cells); err != nil {
		return err
	}
	for n, row := range rows {
		cells := make([]any, len(row))
		for i, v := range row {
			cells[i] = v
		}
		cell, _ := excelize.CoordinatesToCellName(1, n+2)
		if err := sw.SetRow(cell, cells); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`.xlsx"`)
	return f.Write(w)
}
