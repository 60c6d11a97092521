package store

import (
	"context"
	"encoding/json"
	"slices"
	"strings"

	"github.com/accordhq/accord/internal/accord"
)

// appealScope: a partner sees the appeals it takes part in. An appeal is
// money asked for, so a partner takes part in it when it gives or receives
// money against it (a flow from or to its organization, or one of its
// offices, tied to the appeal: OCHA FTS's link of a flow to an appeal), or
// when it leads or implements the activity the money is asked for, so that
// an implementing agency sees the need of its own work before the first
// pledge. Being party to the agreement behind a plan is not enough: a plan
// of action spans the needs of many partners, and another agency's appeal
// under the same plan is its own business with its donors. Funding counts
// the requirements of the same appeals for a partner (recountQuery).
//
// For a list, the partner's flows are read once, through the indexes on
// source and destination organization that hold appeal_id (flows_source,
// flows_dest); for one appeal (appealScopeOne), the appeal's own flows are
// probed through flows_appeal instead: a big donor's 60,000 flows took 50 ms
// to read for each appeal page, its appeal's flows well under one.
func appealScope(w *where, a accord.Actor) {
	appealScoped(w, a, `(a.id IN (SELECT f.appeal_id FROM flows f WHERE f.source_org_id IN (`+partnerOrgs+`))
		OR a.id IN (SELECT f.appeal_id FROM flows f WHERE f.dest_org_id IN (`+partnerOrgs+`))`)
}

// appealScopeOne is appealScope for a single appeal.
func appealScopeOne(w *where, a accord.Actor) {
	appealScoped(w, a, `(EXISTS (SELECT 1 FROM flows f WHERE f.appeal_id = a.id
		AND (f.source_org_id IN (`+partnerOrgs+`) OR f.dest_org_id IN (`+partnerOrgs+`)))`)
}

// appealScoped adds the rule with flows, a condition that opens a
// parenthesis and takes the partner's organization four times.
func appealScoped(w *where, a accord.Actor, flows string) {
	if !a.IsPartner() {
		return
	}
	var lead where
	activityScope(&lead, a)
	w.add(flows+`
		OR EXISTS (SELECT 1 FROM activities x WHERE x.id = a.activity_id AND `+strings.Join(lead.clauses, " AND ")+`))`,
		append([]any{a.OrgID, a.OrgID, a.OrgID, a.OrgID}, lead.args...)...)
}

// visibleIDs returns which of ids, records of kind ("appeal" or a key of
// searchables: "engagement", "agreement", "plan"…), the actor may see.
// Records that show another record's title (a news item its linked records,
// an action point its engagement, a funding row its plan) ask it first, so
// that a partner does not read the title of what it may not open.
func (db *DB) visibleIDs(ctx context.Context, a accord.Actor, kind string, ids []int64) (map[int64]bool, error) {
	seen := map[int64]bool{}
	if len(ids) == 0 {
		return seen, nil
	}
	s, ok := searchables[kind]
	if kind == "appeal" {
		s, ok = searchable{table: "appeals", alias: "a", scope: appealScope}, true
	}
	if !ok {
		return seen, nil
	}
	ids = slices.Compact(slices.Sorted(slices.Values(ids))) // a meeting of many action points is asked once
	var w where
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	w.add(s.alias+".id IN ("+placeholders(len(ids))+")", args...)
	s.scope(&w, a)
	rows, err := db.queryRead(ctx, "SELECT "+s.alias+".id FROM "+s.table+" "+s.alias+w.String(), w.args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		seen[id] = true
	}
	return seen, rows.Err()
}

// staffForPartner is what a partner reads where a record names the staff
// member who made a change (an uploader, the author of a step of a flow or
// of an indicator value, who revised an appeal): staff email addresses are
// not for partners, as AgreementHistory already says "staff".
const staffForPartner = "staff"

// staffFields are the fields of a record, as the audit log keeps it, that
// name the staff member who made a change.
var staffFields = []string{"created_by", "uploaded_by", "updated_by", "by"}

// hideStaffJSON is hideStaff for the record data of an audit entry (an
// amendment in an agreement's history names who wrote it).
func hideStaffJSON(raw json.RawMessage) json.RawMessage {
	if len(raw) == 0 {
		return raw
	}
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		return raw
	}
	var walk func(v any)
	walk = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			for k, f := range x {
				if s, ok := f.(string); ok && s != "" && slices.Contains(staffFields, k) {
					x[k] = staffForPartner
				} else {
					walk(f)
				}
			}
		case []any:
			for _, f := range x {
				walk(f)
			}
		}
	}
	walk(v)
	out, err := json.Marshal(v)
	if err != nil {
		return raw
	}
	return out
}

// hideStaff replaces, for a partner, each of the given staff addresses.
func hideStaff(a accord.Actor, who ...*string) {
	if !a.IsPartner() {
		return
	}
	for _, w := range who {
		if *w != "" {
			*w = staffForPartner
		}
	}
}
