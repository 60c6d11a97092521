package store

import (
	"context"
	"slices"
	"strconv"
	"strings"

	"github.com/accordhq/accord/internal/accord"
)

// fundingKeys are, for each breakdown, what groups flows and appeals.
// The triggers of migration 0013 compute the same keys for the totals kept
// on write, and countedFlow.items (bulkmoney.go) for a bulk load; the
// recount tests hold them together.
var fundingKeys = map[string]struct{ flow, appeal string }{
	"country": {"COALESCE(f.country, f.group_code)", "COALESCE(a.country, a.group_code)"},
	"partner": {"CAST(f.source_org_id AS TEXT)", ""},
	"sector":  {"f.sector", "a.sector"},
	"plan":    {"COALESCE(CAST(f.plan_id AS TEXT), '')", "COALESCE(CAST(a.plan_id AS TEXT), '')"},
	"appeal":  {"COALESCE(CAST(f.appeal_id AS TEXT), '')", "CAST(a.id AS TEXT)"},
	"year":    {"CAST(f.year AS TEXT)", "substr(a.start_date, 1, 4)"},
}

// FundingReport counts requirement, firm funding, payments and pledges by
// one breakdown. The rules of counting live here and only here:
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
// The sums are whole cents; accord.NewFundingReport orders the lines,
// totals them and keeps the status the filter asks for.
//
// A partner's figures count only the flows its organization (or one of its
// offices) gives or receives, and only the requirements of the appeals it
// takes part in (appealScope: those such a flow is tied to, and those of
// the activities it leads or implements): a partner sees the gap of its
// appeals, not the needs of appeals it has nothing to do with.
//
// Figures are read from funding_totals, the sums of flows and appeals kept
// on write (migration 0013), except for a partner and for one country:
// those count their own flows straight from the flows table, through the
// indexes on organization and country, as fits a share of a million flows.
// FundingRecount counts everything from the flows and appeals.
func (db *DB) FundingReport(ctx context.Context, ff accord.FundingFilter) (*accord.FundingReport, error) {
	a, err := accord.RequireActor(ctx)
	if err != nil {
		return nil, err
	}
	return db.funding(ctx, ff, a, !a.IsPartner() && ff.Country == "")
}

// FundingRecount is FundingReport counted straight from the flows and
// appeals, without the totals kept on write: the check that they are
// right. It reads every counted flow, so it is slow on a large database.
func (db *DB) FundingRecount(ctx context.Context, ff accord.FundingFilter) (*accord.FundingReport, error) {
	a, err := accord.RequireActor(ctx)
	if err != nil {
		return nil, err
	}
	return db.funding(ctx, ff, a, false)
}

func (db *DB) funding(ctx context.Context, ff accord.FundingFilter, a accord.Actor, fromTotals bool) (*accord.FundingReport, error) {
	keys, ok := fundingKeys[ff.By]
	var p accord.Problems
	if !ok {
		p.Add("by", "must be one of %s", strings.Join(accord.FundingBy, ", "))
	}
	if ff.Status != "" && !slices.Contains(accord.FlowStatuses, ff.Status) {
		p.Add("status", "must be pledge, commitment or paid")
	}
	if err := p.Err(); err != nil {
		return nil, err
	}
	var counted string
	var args []any
	if fromTotals {
		counted, args = totalsQuery(ff)
	} else {
		counted, args = recountQuery(keys.flow, keys.appeal, ff, a)
	}
	rs, err := db.queryRead(ctx, labelled(ff.By, counted), args...)
	if err != nil {
		return nil, err
	}
	defer rs.Close()
	lines := []accord.FundingLine{}
	for rs.Next() {
		var l accord.FundingLine
		var label string
		if err := rs.Scan(&l.Key, &l.Firm, &l.Paid, &l.Pledged, &l.Requirement, &label); err != nil {
			return nil, err
		}
		switch {
		case l.Key == "":
			l.Label = "(unspecified)"
		case label == "":
			l.Label = l.Key
		default:
			l.Label = label
		}
		lines = append(lines, l)
	}
	if err := rs.Err(); err != nil {
		return nil, err
	}
	if err := db.unlabelHidden(ctx, a, ff.By, lines); err != nil {
		return nil, err
	}
	return accord.NewFundingReport(ff, lines), nil
}

// recountQuery counts firm, paid and pledged cents of the counted flows,
// and the requirements of the appeals, by key, straight from both tables.
// A partner's flows are read in two parts, those its organization (or one
// of its offices) gives and those it receives from others, each from the
// index on source or destination organization alone: the indexes hold
// every column counted, and a big donor's hundred thousand flows add up
// without reading the table. A partner's requirements are those of the
// appeals it may see.
func recountQuery(flowKey, appealKey string, ff accord.FundingFilter, a accord.Actor) (string, []any) {
	flows := func(scope string, scopeArgs ...any) (string, []any) {
		var w where
		w.add("f.leaf = TRUE")
		if scope != "" {
			w.add(scope, scopeArgs...)
		}
		if len(ff.Years) > 0 {
			w.add("f.year IN ("+placeholders(len(ff.Years))+")", intArgs(ff.Years)...)
		}
		if ff.Contribution != "" {
			w.add("f.contribution = ?", ff.Contribution)
		}
		if ff.Country != "" {
			w.add("f.country = ?", strings.ToUpper(ff.Country))
		}
		return `SELECT ` + flowKey + ` AS k, CASE WHEN f.status IN ('commitment', 'paid') THEN f.usd_cents ELSE 0 END AS firm,
			CASE WHEN f.status = 'paid' THEN f.usd_cents ELSE 0 END AS paid, CASE WHEN f.status = 'pledge' THEN f.usd_cents ELSE 0 END AS pledged,
			0 AS requirement FROM flows f` + w.String(), w.args
	}
	var parts []string
	var args []any
	add := func(part string, partArgs []any) {
		parts, args = append(parts, part), append(args, partArgs...)
	}
	if a.IsPartner() {
		add(flows(`f.source_org_id IN (`+partnerOrgs+`)`, a.OrgID, a.OrgID))
		add(flows(`f.dest_org_id IN (`+partnerOrgs+`) AND f.source_org_id NOT IN (`+partnerOrgs+`)`, a.OrgID, a.OrgID, a.OrgID, a.OrgID))
	} else {
		add(flows(""))
	}
	if appealKey != "" {
		var w where
		appealScope(&w, a)
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
		add(`SELECT `+appealKey+` AS k, 0 AS firm, 0 AS paid, 0 AS pledged, a.usd_cents AS requirement FROM appeals a`+w.String(), w.args)
	}
	return `SELECT k, SUM(firm) AS firm, SUM(paid) AS paid, SUM(pledged) AS pledged, SUM(requirement) AS requirement
		FROM (` + strings.Join(parts, " UNION ALL ") + `) counted GROUP BY k`, args
}

// partnerOrgs are a partner's organization and its offices, as partnerOrg
// (plans.go) says.
const partnerOrgs = `SELECT so.id FROM organizations so WHERE ` + partnerOrg

// totalsQuery reads the same sums and the requirements from
// funding_totals: the year-0 rows (all years) when no year is chosen, else
// the rows of the chosen years; the columns of one contribution or of both
// (requirements have no contribution). An item with neither a counted flow
// nor an appeal left is skipped, as a GROUP BY over flows and appeals
// would not see it.
func totalsQuery(ff accord.FundingFilter) (string, []any) {
	kinds := []string{"financial", "in_kind"}
	if ff.Contribution != "" {
		kinds = []string{ff.Contribution}
	}
	sum := func(column string) string {
		var parts []string
		for _, k := range kinds {
			parts = append(parts, k+"_"+column)
		}
		return "SUM(" + strings.Join(parts, " + ") + ")"
	}
	var w where
	w.add("breakdown = ?", ff.By)
	if len(ff.Years) > 0 {
		w.add("year IN ("+placeholders(len(ff.Years))+")", intArgs(ff.Years)...)
	} else {
		w.add("year = 0")
	}
	return `SELECT item AS k, ` + sum("commitment_cents") + ` + ` + sum("paid_cents") + ` AS firm, ` + sum("paid_cents") + ` AS paid, ` +
		sum("pledge_cents") + ` AS pledged, SUM(requirement_cents) AS requirement
		FROM funding_totals` + w.String() + ` GROUP BY item HAVING ` + sum("flows") + ` > 0 OR SUM(appeals) > 0`, w.args
}

// labelled names the keys of a breakdown's counted rows (k, firm, paid,
// pledged, requirement), each by its record's primary key: only the names
// shown are read. A key that names nothing is labelled "".
func labelled(by, counted string) string {
	id := `CAST(NULLIF(c.k, '') AS BIGINT)` // '' is no plan, no appeal
	var name, join string
	switch by {
	case "country":
		name, join = `COALESCE(x.name_en, g.name_en)`, ` LEFT JOIN countries x ON x.code = c.k LEFT JOIN country_groups g ON g.code = c.k`
	case "partner":
		name, join = `o.name_en`, ` LEFT JOIN organizations o ON o.id = `+id
	case "sector":
		name, join = `s.name_en`, ` LEFT JOIN codes s ON s.list = 'sectors' AND s.code = c.k`
	case "plan":
		name, join = `p.title`, ` LEFT JOIN plans p ON p.id = `+id
	case "appeal":
		name, join = `a.title`, ` LEFT JOIN appeals a ON a.id = `+id
	default:
		name = `''`
	}
	return `SELECT c.k, c.firm, c.paid, c.pledged, c.requirement, COALESCE(` + name + `, '') FROM (` + counted + `) c` + join
}

// unlabelHidden shows a partner a row of a plan or appeal it may not see
// by its number alone: the partner's money may be recorded against a plan
// of others, whose title is not the partner's to read.
func (db *DB) unlabelHidden(ctx context.Context, a accord.Actor, by string, rows []accord.FundingLine) error {
	// A row by appeal always comes from the partner's own flows or from an
	// appeal it may see (appealScope), so only plans can be hidden ones.
	if !a.IsPartner() || by != "plan" {
		return nil
	}
	var ids []int64
	for _, r := range rows {
		if id, err := strconv.ParseInt(r.Key, 10, 64); err == nil {
			ids = append(ids, id)
		}
	}
	seen, err := db.visibleIDs(ctx, a, by, ids)
	if err != nil {
		return err
	}
	for i, r := range rows {
		if id, err := strconv.ParseInt(r.Key, 10, 64); err == nil && !seen[id] {
			rows[i].Label = r.Key
		}
	}
	return nil
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

// FundingVersion is a number that changes with every write to flows,
// appeals and the names the funding tables show (kept by the triggers of
// migration 0017), for readers that keep figures until it moves.
func (db *DB) FundingVersion(ctx context.Context) (int64, error) {
	var v int64
	err := db.queryRowRead(ctx, `SELECT version FROM funding_version WHERE id = 1`).Scan(&v)
	return v, err
}
