package web

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/accordhq/accord/internal/accord"
)

// fundingQuery is what a dashboard is filtered by: usage years, one flow
// status, one kind of contribution; and, for the map, which figure colours it.
type fundingQuery struct {
	Years        []int
	Status       string
	Contribution string
	Metric       string // firm or gap
}

// fundingQueryFrom reads the filters of a dashboard; a bad one is a field problem.
func fundingQueryFrom(r *http.Request) (fundingQuery, error) {
	q := r.URL.Query()
	f := fundingQuery{Status: q.Get("status"), Contribution: q.Get("contribution"), Metric: q.Get("metric")}
	var p accord.Problems
	for _, v := range q["year"] {
		for _, y := range strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == ' ' }) {
			n, err := strconv.Atoi(y)
			if err != nil || n < 1990 || n > 2100 {
				p.Add("year", "must be a year between 1990 and 2100")
				continue
			}
			if !slices.Contains(f.Years, n) {
				f.Years = append(f.Years, n)
			}
		}
	}
	slices.Sort(f.Years)
	if f.Status != "" && !slices.Contains(accord.FlowStatuses, f.Status) {
		p.Add("status", "must be pledge, commitment or paid")
	}
	if f.Contribution != "" && !slices.Contains(accord.Contributions, f.Contribution) {
		p.Add("contribution", "must be financial or in_kind")
	}
	if f.Metric == "" {
		f.Metric = "firm"
	}
	if f.Metric != "firm" && f.Metric != "gap" {
		p.Add("metric", "must be firm or gap")
	}
	return f, p.Err()
}

// filter is what the store counts for a breakdown of the dashboard;
// allYears ignores the years chosen (the trend, and the years to choose from).
func (q fundingQuery) filter(by string, allYears bool) accord.FundingFilter {
	f := accord.FundingFilter{By: by, Contribution: q.Contribution, Status: q.Status}
	if !allYears {
		f.Years = q.Years
	}
	return f
}

// values are the filters as a query string, for links and downloads.
func (q fundingQuery) values() url.Values {
	v := url.Values{}
	for _, y := range q.Years {
		v.Add("year", strconv.Itoa(y))
	}
	if q.Status != "" {
		v.Set("status", q.Status)
	}
	if q.Contribution != "" {
		v.Set("contribution", q.Contribution)
	}
	if q.Metric != "firm" {
		v.Set("metric", q.Metric)
	}
	return v
}

// HasYear reports whether a year is among the chosen ones.
func (q fundingQuery) HasYear(y int) bool { return slices.Contains(q.Years, y) }
