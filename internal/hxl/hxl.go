// Package hxl writes Accord's funding and 4W tables as CSV with a
// Humanitarian Exchange Language (HXL) hashtag row under the header, so
// that HXL tools read the columns by meaning (https://hxlstandard.org).
package hxl

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"

	"github.com/accordhq/accord/internal/accord"
)

// Column is one column: its header and its HXL hashtag with attributes.
type Column struct {
	Header, Tag string
}

// FundingColumns are the columns of the funding table, one row per flow.
var FundingColumns = []Column{
	{"Flow", "#meta+id"}, {"Date", "#date"}, {"Funder", "#org+name+funder"}, {"Recipient", "#org+name+impl"},
	{"Country", "#country+code"}, {"Country group", "#region+code"}, {"Sector", "#sector+code"}, {"Status", "#status"},
	{"Contribution", "#indicator+contribution"}, {"Amount", "#value"}, {"Currency", "#currency"}, {"Amount (USD)", "#value+usd"},
	{"Quantity", "#indicator+num+inkind"}, {"Unit", "#indicator+unit"}, {"Year", "#date+year"},
}

// FourWColumns are the columns of the 4W table (who does what, where, when), one row per activity and country.
var FourWColumns = []Column{
	{"Activity", "#activity+name"}, {"Activity ID", "#activity+id"}, {"Lead organization", "#org+impl+lead"},
	{"Implementing organizations", "#org+impl"}, {"Sector", "#sector+code"}, {"Country", "#country+code"}, {"Admin 1", "#adm1+name"},
	{"Start", "#date+start"}, {"End", "#date+end"}, {"Status", "#status"},
}

func write(w io.Writer, cols []Column, rows [][]string) error {
	cw := csv.NewWriter(w)
	headers, tags := make([]string, len(cols)), make([]string, len(cols))
	for i, c := range cols {
		headers[i], tags[i] = c.Header, c.Tag
	}
	if err := cw.Write(headers); err != nil {
		return err
	}
	if err := cw.Write(tags); err != nil {
		return err
	}
	for _, row := range rows {
		for i, cell := range row {
			if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
				row[i] = "'" + cell // never a formula in a spreadsheet
			}
		}
	}
	if err := cw.WriteAll(rows); err != nil {
		return err
	}
	return cw.Error()
}

// WriteFunding writes flows as the funding table.
func WriteFunding(w io.Writer, flows []*accord.Flow) error {
	rows := make([][]string, len(flows))
	for i, f := range flows {
		rows[i] = []string{strconv.FormatInt(f.ID, 10), string(f.ValueDate), f.SourceName, f.DestName, f.Country, f.Group, f.Sector, f.Status,
			f.Contribution, f.Amount, f.Currency, f.AmountUSD, f.Quantity, f.Unit, strconv.Itoa(f.Year)}
	}
	return write(w, FundingColumns, rows)
}

// WriteFourW writes activities as the 4W table: one row per beneficiary
// country (groups expanded), so that each row says where.
func WriteFourW(w io.Writer, activities []*accord.Activity) error {
	var rows [][]string
	for _, a := range activities {
		var impl, sectors []string
		for _, o := range a.Implementing {
			impl = append(impl, o.Name)
		}
		for _, s := range a.Sectors {
			sectors = append(sectors, s.Code)
		}
		countries := a.Beneficiaries
		if len(countries) == 0 {
			countries = []string{""}
		}
		for _, c := range countries {
			rows = append(rows, []string{a.Title, strconv.FormatInt(a.ID, 10), a.LeadOrgName, strings.Join(impl, "; "), strings.Join(sectors, " "), c, "",
				string(firstDate(a.ActualStart, a.PlannedStart)), string(firstDate(a.ActualEnd, a.PlannedEnd)), strconv.Itoa(a.Status)})
		}
	}
	return write(w, FourWColumns, rows)
}

func firstDate(ds ...accord.Date) accord.Date {
	for _, d := range ds {
		if d != "" {
			return d
		}
	}
	return ""
}
