package accord

import (
	"cmp"
	"slices"
	"strings"
)

// FundingBy are the breakdowns of the funding table.
var FundingBy = []string{"country", "partner", "sector", "plan", "appeal", "year"}

// FundingFilter is what a funding report counts: one breakdown, and
// optionally usage years, one kind of contribution, one destination
// country, and the flows of one status alone.
type FundingFilter struct {
	By           string // country, partner, sector, plan, appeal, year
	Years        []int
	Contribution string
	Country      string
	Status       string // pledge, commitment or paid; empty for every status
}

// FundingReport is the funding table by one breakdown, finished: each line
// and the total in exact cents, the status of the filter applied, the
// largest lines first.
type FundingReport struct {
	Filter FundingFilter
	// Lines are every item counted, the largest requirement plus firm
	// funding first, as counted over every status: a status view keeps the
	// order of the whole table.
	Lines []FundingLine
	Total FundingLine // key "total"
}

// NewFundingReport finishes the lines counted for a filter: orders them,
// sums them in cents (exact whatever their order), and keeps of each the
// flows of the filter's status.
func NewFundingReport(f FundingFilter, counted []FundingLine) *FundingReport {
	lines := slices.Clone(counted)
	slices.SortFunc(lines, func(x, y FundingLine) int {
		return cmp.Or(cmp.Compare(y.Requirement+y.Firm, x.Requirement+x.Firm), strings.Compare(x.Key, y.Key))
	})
	total := FundingLine{Key: "total", Label: "Total"}
	for i, l := range lines {
		total.Requirement += l.Requirement
		total.Firm += l.Firm
		total.Paid += l.Paid
		total.Pledged += l.Pledged
		lines[i] = l.Only(f.Status)
	}
	return &FundingReport{Filter: f, Lines: lines, Total: total.Only(f.Status)}
}

// Shown are the lines with some figure. A dashboard shows these only (with
// a status chosen, an item whose flows all have another is empty); the API
// lists every line counted.
func (r *FundingReport) Shown() []FundingLine {
	return slices.DeleteFunc(slices.Clone(r.Lines), func(l FundingLine) bool { return !l.Shows() })
}

// Table is the report in US dollars, as the API writes it.
func (r *FundingReport) Table() (rows []FundingRow, total FundingRow) {
	rows = make([]FundingRow, len(r.Lines))
	for i, l := range r.Lines {
		rows[i] = l.Row()
	}
	return rows, r.Total.Row()
}

// IsCountryGroup reports whether a key of the breakdown by country names a
// country group (the Sahel), not a country (ISO alpha-2). Money to a group
// is counted once, on the group, never again on each of its countries.
func IsCountryGroup(key string) bool { return key != "" && len(key) != 2 }

// SplitCountryGroups parts lines by country into those of single countries
// (what a map colours) and those of country groups; the line of no country
// is in neither.
func SplitCountryGroups(lines []FundingLine) (countries, groups []FundingLine) {
	for _, l := range lines {
		switch {
		case IsCountryGroup(l.Key):
			groups = append(groups, l)
		case l.Key != "":
			countries = append(countries, l)
		}
	}
	return countries, groups
}

// FundingLine is one line of a funding report in exact cents: what the
// appeals require, firm funding (commitments and payments) of which paid,
// and pledges apart.
type FundingLine struct {
	Key         string // country or group code, organization id, sector code, plan id, appeal id or year
	Label       string // its name, in English
	Requirement Cents
	Firm        Cents
	Paid        Cents
	Pledged     Cents
}

// Gap is what the requirement lacks of firm funding, never below zero.
func (l FundingLine) Gap() Cents { return max(0, l.Requirement-l.Firm) }

// Committed is the firm funding not paid yet.
func (l FundingLine) Committed() Cents { return l.Firm - l.Paid }

// Covered is the share of the requirement firm funding covers, 0–100; 0
// when there is no requirement.
func (l FundingLine) Covered() float64 {
	if l.Requirement <= 0 {
		return 0
	}
	return min(100, 100*float64(l.Firm)/float64(l.Requirement))
}

// Shows reports whether the line has a requirement, firm funding or a pledge.
func (l FundingLine) Shows() bool { return l.Requirement != 0 || l.Firm != 0 || l.Pledged != 0 }

// Only keeps, of a line, the flows of one status (pledge, commitment or
// paid; empty keeps all) and the requirement. Firm funding is commitments
// plus payments and pledges are apart, so each status's sum is exact.
func (l FundingLine) Only(status string) FundingLine {
	switch status {
	case FlowPledge:
		l.Firm, l.Paid = 0, 0
	case FlowCommitment:
		l.Firm, l.Paid, l.Pledged = l.Committed(), 0, 0
	case FlowPaid:
		l.Firm, l.Pledged = l.Paid, 0
	}
	return l
}

// Row is the line in US dollars, as the API writes it.
func (l FundingLine) Row() FundingRow {
	return FundingRow{Key: l.Key, Label: l.Label, Requirement: l.Requirement.Dollars(), Firm: l.Firm.Dollars(), Paid: l.Paid.Dollars(),
		Pledged: l.Pledged.Dollars(), Gap: l.Gap().Dollars(), Covered: l.Covered()}
}

// FundingRow is a funding line in US dollars with its gap and share
// covered, as GET /api/v1/funding writes it: JSON numbers, each made from
// the exact cents of its line, never summed.
type FundingRow struct {
	Key         string  `json:"key"`   // country code, org id, sector code, plan id, appeal id or year
	Label       string  `json:"label"` // its name
	Requirement float64 `json:"requirement"`
	Firm        float64 `json:"firm"`
	Paid        float64 `json:"paid"`
	Pledged     float64 `json:"pledged"`
	Gap         float64 `json:"gap"`
	Covered     float64 `json:"percent_covered"` // 0–100, 0 when there is no requirement
}
