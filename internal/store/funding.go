package store

import (
	"context"
	"slices"
	"strconv"
	"strings"

	"github.com/accordhq/accord/internal/accord"
)

// fundingKeys are, for each breakdown, what groups flows and appeals.
var fundingKeys = map[string]struct{ flow, appeal string }{
	"country": {"COALESCE(f.country, f.group_code)", "COALESCE(a.country, a.group_code)"},
	"partner": {"CAST(f.source_org_id AS TEXT)", ""},
	"sector":  {"f.sector", "a.sector"},
	"plan":    {"COALESCE(CAST(f.plan_id AS TEXT), '')", "COALESCE(CAST(a.plan_id AS TEXT), '')"},
	"appeal":  {"COALESCE(CAST(f.appeal_id AS TEXT), '')", "CAST(a.id AS TEXT)"},
	"year":    {"CAST(f.year AS TEXT)", "substr(a.start_date, 1, 4)"},
}

// Funding counts requirement, firm funding, payments and pledges by one
// breakdown. The rules of counting live here and only here:
//
//   - firm funding is commitments and payments; pledges are shown apart;
//   - a flow with children (a parked parent split by year, money passed
//     through an intermediary) is counted through its children only, so
//     each dollar is counted once per boundary;
//   - a flow to a country group (the Sahel) counts once, on the group's
//     row, never again on each of its countries;
//   - amounts are in US dollars at the rate stored on each flow and appeal
//     when it was recorded: history is never recomputed when rates change.
//
// A partner's figures count only the flows its organization gives or receives.
func (db *DB) Funding(ctx context.Context, ff accord.FundingFilter) ([]accord.FundingRow, accord.FundingRow, error) {
	a, err := accord.RequireActor(ctx)
	if err != nil {
		return nil, accord.FundingRow{}, err
	}
	keys, ok := fundingKeys[ff.By]
	if !ok {
		return nil, accord.FundingRow{}, &accord.Error{Code: accord.EINVALID, Message: "Some fields need attention",
			Fields: []accord.FieldError{{Field: "by", Message: "must be one of " + strings.Join(accord.FundingBy, ", ")}}}
	}
	rows := map[string]*accord.FundingRow{}
	row := func(k string) *accord.FundingRow {
		if rows[k] == nil {
			rows[k] = &accord.FundingRow{Key: k}
		}
		return rows[k]
	}
	var w where
	w.add("f.leaf = TRUE")
	flowScope(&w, a)
	if len(ff.Years) > 0 {
		w.add("f.year IN ("+placeholders(len(ff.Years))+")", intArgs(ff.Years)...)
	}
	if ff.Contribution != "" {
		w.add("f.contribution = ?", ff.Contribution)
	}
	if ff.Country != "" {
		w.add("f.country = ?", strings.ToUpper(ff.Country))
	}
	frows, err := db.queryRead(ctx, `SELECT `+keys.flow+` AS k,
		SUM(CASE WHEN f.status IN ('commitment', 'paid') THEN f.usd_cents ELSE 0 END),
		SUM(CASE WHEN f.status = 'paid' THEN f.usd_cents ELSE 0 END),
		SUM(CASE WHEN f.status = 'pledge' THEN f.usd_cents ELSE 0 END)
		FROM flows f`+w.String()+` GROUP BY `+keys.flow, w.args...)
	if err != nil {
		return nil, accord.FundingRow{}, err
	}
	for frows.Next() {
		var k string
		var firm, paid, pledged int64
		if err := frows.Scan(&k, &firm, &paid, &pledged); err != nil {
			frows.Close()
			return nil, accord.FundingRow{}, err
		}
		r := row(k)
		r.Firm, r.Paid, r.Pledged = float64(firm)/100, float64(paid)/100, float64(pledged)/100
	}
	frows.Close()
	if err := frows.Err(); err != nil {
		return nil, accord.FundingRow{}, err
	}
	if keys.appeal != "" {
		var w where
		if len(ff.Years) > 0 {
			ys := make([]any, len(ff.Years))
			for i, y := range ff.Years {
				ys[i] = strconv.Itoa(y)
			}
			w.add("substr(a.start_date, 1, 4) IN ("+placeholders(len(ys))+")", ys...)
		}
		if ff.Country != "" {
			w.add("a.country = ?", strings.ToUpper(ff.Country))
		}
		arows, err := db.queryRead(ctx, `SELECT `+keys.appeal+`, SUM(a.usd_cents) FROM appeals a`+w.String()+` GROUP BY `+keys.appeal, w.args...)
		if err != nil {
			return nil, accord.FundingRow{}, err
		}
		for arows.Next() {
			var k string
			var req int64
			if err := arows.Scan(&k, &req); err != nil {
				arows.Close()
				return nil, accord.FundingRow{}, err
			}
			row(k).Requirement = float64(req) / 100
		}
		arows.Close()
		if err := arows.Err(); err != nil {
			return nil, accord.FundingRow{}, err
		}
	}
	labels, err := db.fundingLabels(ctx, ff.By)
	if err != nil {
		return nil, accord.FundingRow{}, err
	}
	out := make([]accord.FundingRow, 0, len(rows))
	total := accord.FundingRow{Key: "total", Label: "Total"}
	for k, r := range rows {
		r.Label = labels[k]
		if r.Label == "" {
			r.Label = k
		}
		if k == "" {
			r.Label = "(unspecified)"
		}
		r.Finish()
		out = append(out, *r)
		total.Requirement += r.Requirement
		total.Firm += r.Firm
		total.Paid += r.Paid
		total.Pledged += r.Pledged
	}
	total.Finish()
	slices.SortFunc(out, func(x, y accord.FundingRow) int {
		if x.Requirement+x.Firm != y.Requirement+y.Firm {
			if x.Requirement+x.Firm > y.Requirement+y.Firm {
				return -1
			}
			return 1
		}
		return strings.Compare(x.Key, y.Key)
	})
	return out, total, nil
}

// fundingLabels names the keys of a breakdown.
func (db *DB) fundingLabels(ctx context.Context, by string) (map[string]string, error) {
	var query string
	switch by {
	case "country":
		query = `SELECT code, name_en FROM countries UNION ALL SELECT code, name_en FROM country_groups`
	case "partner":
		query = `SELECT CAST(id AS TEXT), name_en FROM organizations`
	case "sector":
		query = `SELECT code, name_en FROM codes WHERE list = 'sectors'`
	case "plan":
		query = `SELECT CAST(id AS TEXT), title FROM plans`
	case "appeal":
		query = `SELECT CAST(id AS TEXT), title FROM appeals`
	default:
		return map[string]string{}, nil
	}
	rows, err := db.queryRead(ctx, query)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			return nil, err
		}
		out[k] = v
	}
	return out, rows.Err()
}

func intArgs(vs []int) []any {
	out := make([]any, len(vs))
	for i, v := range vs {
		out[i] = v
	}
	return out
}

// FormatID writes a record ID as the funding table's keys do.
func FormatID(id int64) string { return strconv.FormatInt(id, 10) }
