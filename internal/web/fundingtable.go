package web

import (
	"context"
	"slices"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/i18n"
)

// fundingView is one breakdown a dashboard draws: with the years chosen,
// or over every year (the trend, and the years to choose from).
type fundingView struct {
	by       string
	allYears bool
}

// fundingTable is a report as a dashboard shows it: the lines with some
// figure, labelled in the reader's language, and the total.
type fundingTable struct {
	By    string
	Lines []accord.FundingLine
	Total accord.FundingLine
}

// showReport labels a report's lines in the reader's language: names
// holds those of its keys (fundingNames), the store's English names the others.
func showReport(l *i18n.Locale, names map[string]string, r *accord.FundingReport) fundingTable {
	lines := r.Shown()
	for i, line := range lines {
		switch {
		case line.Key == "":
			lines[i].Label = l.T("money.unspecified")
		case names[line.Key] != "":
			lines[i].Label = names[line.Key]
		}
	}
	total := r.Total
	total.Label = l.T("money.total")
	return fundingTable{By: r.Filter.By, Lines: lines, Total: total}
}

// fundingNames are the names in a language of the keys of a breakdown that
// the store names in English: countries and country groups, and sectors
// (after their code). The others have none.
func fundingNames(ctx context.Context, ref accord.ReferenceService, lang, by string) (map[string]string, error) {
	names := map[string]string{}
	switch by {
	case "country":
		countries, err := ref.Countries(ctx)
		if err != nil {
			return nil, err
		}
		for _, c := range countries {
			names[c.Code] = c.Name(lang)
		}
		groups, err := ref.ListCountryGroups(ctx)
		if err != nil {
			return nil, err
		}
		for _, g := range groups {
			names[g.Code] = g.Name(lang)
		}
	case "sector":
		sectors, err := ref.Codes(ctx, accord.ListSectors)
		if err != nil {
			return nil, err
		}
		for _, c := range sectors {
			names[c.Code] = c.Code + " " + c.Name(lang)
		}
	}
	return names, nil
}

// countedFunding are the breakdowns a dashboard, a chart or a file shows,
// counted for the reader and labelled in the reader's language, with the
// names of their keys.
type countedFunding struct {
	tables map[fundingView]fundingTable
	names  map[string]map[string]string // by breakdown
}

// countFunding has the reports of views read through the one cache of
// funding figures and labels them. Views of the same filter (by year, with
// no year chosen, and over every year) share one report.
func (s *Server) countFunding(ctx context.Context, l *i18n.Locale, version int64, q fundingQuery, views ...fundingView) (countedFunding, error) {
	var filters []accord.FundingFilter
	var keys []string
	at := make([]int, len(views)) // the index of each view's filter
	for i, v := range views {
		f := q.filter(v.by, v.allYears)
		key := fundingKey(ctx, f)
		if at[i] = slices.Index(keys, key); at[i] < 0 {
			at[i], keys, filters = len(keys), append(keys, key), append(filters, f)
		}
	}
	reports, err := s.fundingFigures.get(ctx, s.Store, version, filters...)
	if err != nil {
		return countedFunding{}, err
	}
	c := countedFunding{tables: map[fundingView]fundingTable{}, names: map[string]map[string]string{}}
	for i, v := range views {
		if _, ok := c.names[v.by]; !ok {
			if c.names[v.by], err = fundingNames(ctx, s.Store, l.Lang, v.by); err != nil {
				return countedFunding{}, err
			}
		}
		c.tables[v] = showReport(l, c.names[v.by], reports[at[i]])
	}
	return c, nil
}
