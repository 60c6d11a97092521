package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"github.com/accordhq/accord/internal/accord"
)

const activityColumns = `x.id, x.version, x.plan_id, pl.title, x.objective_id, x.title, x.description, x.kind, x.status, x.lead_org_id, lo.name_en, lo.acronym,
	x.planned_start, x.planned_end, x.actual_start, x.actual_end, x.budget, x.currency, x.created_at, x.updated_at`

const activityFrom = ` FROM activities x JOIN plans pl ON pl.id = x.plan_id JOIN organizations lo ON lo.id = x.lead_org_id`

func scanActivity(row interface{ Scan(...any) error }) (*accord.Activity, error) {
	a := &accord.Activity{Implementing: []accord.EngagementOrg{}, Countries: []string{}, Groups: []string{}, Beneficiaries: []string{}, Sectors: []accord.ActivitySector{}}
	var objective sql.NullInt64
	var acronym string
	var created, updated time.Time
	err := row.Scan(&a.ID, &a.Version, &a.PlanID, &a.PlanTitle, &objective, &a.Title, &a.Description, &a.Kind, &a.Status, &a.LeadOrgID, &a.LeadOrgName, &acronym,
		&a.PlannedStart, &a.PlannedEnd, &a.ActualStart, &a.ActualEnd, &a.Budget, &a.Currency, &created, &updated)
	if objective.Valid {
		a.ObjectiveID = &objective.Int64
	}
	a.LeadOrgName = orgLabel(a.LeadOrgName, acronym)
	a.CreatedAt, a.UpdatedAt = created.UTC(), updated.UTC()
	return a, err
}

// activityScope: a partner sees the activities its organization leads or implements.
func activityScope(w *where, a accord.Actor) {
	if a.IsPartner() {
		w.add(`(EXISTS (SELECT 1 FROM organizations so WHERE so.id = x.lead_org_id AND `+partnerOrg+`)
			OR EXISTS (SELECT 1 FROM activity_orgs sao JOIN organizations so ON so.id = sao.org_id WHERE sao.activity_id = x.id AND `+partnerOrg+`))`,
			a.OrgID, a.OrgID, a.OrgID, a.OrgID)
	}
}

// forCountry is the condition that an activity benefits a country, directly
// or through a group it is in: a group such as the Sahel counts for each of
// its countries.
const forCountry = `(EXISTS (SELECT 1 FROM activity_countries fc WHERE fc.activity_id = x.id AND fc.country = ?)
	OR EXISTS (SELECT 1 FROM activity_groups fg JOIN country_group_members fm ON fm.group_id = fg.group_id WHERE fg.activity_id = x.id AND fm.country = ?))`

// ListActivities lists activities by planned start.
func (db *DB) ListActivities(ctx context.Context, f accord.ActivityFilter) ([]*accord.Activity, int, error) {
	a, err := accord.RequireActor(ctx)
	if err != nil {
		return nil, 0, err
	}
	var w where
	activityScope(&w, a)
	db.matchWords(&w, "activities", "x", f.Q)
	if f.PlanID != 0 {
		w.add("x.plan_id = ?", f.PlanID)
	}
	if f.OrgID != 0 {
		// A count of at most one row rather than EXISTS, so that PostgreSQL
		// probes it per activity instead of hashing all the organization's
		// links for every query (see ListActionPoints).
		w.add("(x.lead_org_id = ? OR (SELECT COUNT(*) FROM activity_orgs fo WHERE fo.activity_id = x.id AND fo.org_id = ?) > 0)", f.OrgID, f.OrgID)
	}
	if f.Country != "" {
		c := strings.ToUpper(f.Country)
		w.add(forCountry, c, c)
	}
	if f.Kind != "" {
		w.add("x.kind = ?", f.Kind)
	}
	if f.Status != 0 {
		w.add("x.status = ?", f.Status)
	}
	var out []*accord.Activity
	byID := map[int64]*accord.Activity{}
	// The count needs neither the plan nor the lead organization joined;
	// an organization's activities alone are counted from the indexes of
	// the lead and implementing organizations instead of row by row.
	countQuery, countArgs := "SELECT COUNT(*) FROM activities x"+w.String(), w.args
	if f.OrgID != 0 && len(w.clauses) == 1 {
		countQuery = `SELECT COUNT(*) FROM (SELECT id FROM activities WHERE lead_org_id = ? UNION SELECT activity_id FROM activity_orgs WHERE org_id = ?) c`
	}
	total, err := db.pageCounted(ctx, listQuery{Count: countUnless(f.NoCount, countQuery), CountArgs: countArgs,
		Select: "SELECT " + activityColumns, From: activityFrom + w.String(), Order: " ORDER BY x.planned_start, x.id", Args: w.args,
		Page: f.Page, PerPage: f.PerPage, Unlimited: f.Unlimited, Search: f.Q != ""},
		func(row interface{ Scan(...any) error }) error {
			x, err := scanActivity(row)
			if err != nil {
				return err
			}
			out = append(out, x)
			byID[x.ID] = x
			return nil
		})
	if err != nil {
		return nil, 0, err
	}
	return out, total, db.fillActivities(ctx, byID)
}

// fillActivities loads implementing organizations, countries, groups (with
// their members as beneficiaries) and sectors of the given activities.
func (db *DB) fillActivities(ctx context.Context, byID map[int64]*accord.Activity) error {
	if len(byID) == 0 {
		return nil
	}
	ids := idArgs(byID)
	in := "(" + placeholders(len(ids)) + ")"
	each := func(query string, scan func(rows *sql.Rows) error) error {
		args := ids
		if n := strings.Count(query, " IN "+in); n > 1 {
			args = nil
			for range n {
				args = append(args, ids...)
			}
		}
		rows, err := db.queryRead(ctx, query, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			if err := scan(rows); err != nil {
				return err
			}
		}
		return rows.Err()
	}
	err := db.linkedOrgs(ctx, "activity_orgs", "activity_id", ids, func(id int64, o accord.EngagementOrg) {
		byID[id].Implementing = append(byID[id].Implementing, o)
	})
	if err != nil {
		return err
	}
	err = each(`SELECT activity_id, country FROM activity_countries WHERE activity_id IN `+in+` ORDER BY activity_id, country`, func(rows *sql.Rows) error {
		var id int64
		var c string
		err := rows.Scan(&id, &c)
		byID[id].Countries = append(byID[id].Countries, c)
		return err
	})
	if err != nil {
		return err
	}
	err = each(`SELECT ag.activity_id, g.code FROM activity_groups ag JOIN country_groups g ON g.id = ag.group_id WHERE ag.activity_id IN `+in+`
		ORDER BY ag.activity_id, g.code`, func(rows *sql.Rows) error {
		var id int64
		var code string
		err := rows.Scan(&id, &code)
		byID[id].Groups = append(byID[id].Groups, code)
		return err
	})
	if err != nil {
		return err
	}
	err = each(`SELECT activity_id, country FROM activity_countries WHERE activity_id IN `+in+`
		UNION SELECT ag.activity_id, m.country FROM activity_groups ag JOIN country_group_members m ON m.group_id = ag.group_id WHERE ag.activity_id IN `+in+`
		ORDER BY 1, 2`, func(rows *sql.Rows) error {
		var id int64
		var c string
		err := rows.Scan(&id, &c)
		byID[id].Beneficiaries = append(byID[id].Beneficiaries, c)
		return err
	})
	if err != nil {
		return err
	}
	return each(`SELECT activity_id, code, percent FROM activity_sectors WHERE activity_id IN `+in+` ORDER BY activity_id, percent DESC, code`, func(rows *sql.Rows) error {
		var id int64
		var s accord.ActivitySector
		err := rows.Scan(&id, &s.Code, &s.Percent)
		byID[id].Sectors = append(byID[id].Sectors, s)
		return err
	})
}

// GetActivity returns one activity the actor may see.
func (db *DB) GetActivity(ctx context.Context, id int64) (*accord.Activity, error) {
	a, err := accord.RequireActor(ctx)
	if err != nil {
		return nil, err
	}
	var w where
	w.add("x.id = ?", id)
	activityScope(&w, a)
	x, err := scanActivity(db.queryRowRead(ctx, "SELECT "+activityColumns+activityFrom+w.String(), w.args...))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("Activity", id)
	} else if err != nil {
		return nil, err
	}
	return x, db.fillActivities(ctx, map[int64]*accord.Activity{id: x})
}

// checkActivity validates a and every code and reference in it.
func (tx *Tx) checkActivity(a *accord.Activity) error {
	if err := a.Validate(); err != nil {
		return err
	}
	var p accord.Problems
	if !tx.found(tx.queryRow(`SELECT title FROM plans WHERE id = ?`, a.PlanID).Scan(&a.PlanTitle)) {
		p.Add("plan_id", "plan %d does not exist", a.PlanID)
	}
	if a.ObjectiveID != nil && !tx.exists(`SELECT 1 FROM objectives WHERE id = ? AND plan_id = ?`, *a.ObjectiveID, a.PlanID) {
		p.Add("objective_id", "objective %d is not one of the plan's", *a.ObjectiveID)
	}
	var acronym string
	if !tx.found(tx.queryRow(`SELECT name_en, acronym FROM organizations WHERE id = ?`, a.LeadOrgID).Scan(&a.LeadOrgName, &acronym)) {
		p.Add("lead_org_id", "organization %d does not exist", a.LeadOrgID)
	}
	a.LeadOrgName = orgLabel(a.LeadOrgName, acronym)
	for i := range a.Implementing {
		o := &a.Implementing[i]
		if !tx.found(tx.queryRow(`SELECT name_en, acronym FROM organizations WHERE id = ?`, o.OrgID).Scan(&o.Name, &acronym)) {
			p.Add("implementing["+itoa(i)+"].org_id", "organization %d does not exist", o.OrgID)
		}
		o.Name = orgLabel(o.Name, acronym)
	}
	for i, c := range a.Countries {
		if !tx.exists(`SELECT 1 FROM countries WHERE code = ?`, c) {
			p.Add("countries["+itoa(i)+"]", "%q is not an ISO 3166-1 country code", c)
		}
	}
	for i, g := range a.Groups {
		if !tx.exists(`SELECT 1 FROM country_groups WHERE code = ?`, g) {
			p.Add("groups["+itoa(i)+"]", "%q is not a country group", g)
		}
	}
	for i, s := range a.Sectors {
		if !tx.exists(`SELECT 1 FROM codes WHERE list = ? AND code = ?`, accord.ListSectors, s.Code) {
			p.Add("sectors["+itoa(i)+"].code", "%q is not an OECD-DAC purpose code", s.Code)
		}
	}
	if a.Currency != "" && !tx.exists(`SELECT 1 FROM codes WHERE list = ? AND code = ?`, accord.ListCurrencies, a.Currency) {
		p.Add("currency", "%q is not an ISO 4217 currency code", a.Currency)
	}
	return p.Err()
}

func (tx *Tx) activitySearch(a *accord.Activity) (string, error) {
	ids := []int64{a.LeadOrgID}
	for _, o := range a.Implementing {
		ids = append(ids, o.OrgID)
	}
	names, err := tx.orgNames(ids)
	return activitySearchText(a, names), err
}

func (tx *Tx) saveActivityParts(a *accord.Activity) error {
	for _, table := range []string{"activity_orgs", "activity_countries", "activity_groups", "activity_sectors"} {
		if _, err := tx.exec(`DELETE FROM `+table+` WHERE activity_id = ?`, a.ID); err != nil {
			return err
		}
	}
	for _, o := range a.Implementing {
		if _, err := tx.exec(activityOrgsTable.insertSQL()+` ON CONFLICT DO NOTHING`, a.ID, o.OrgID); err != nil {
			return err
		}
	}
	for _, c := range a.Countries {
		if _, err := tx.exec(activityCountriesTable.insertSQL(), a.ID, c); err != nil {
			return err
		}
	}
	for _, g := range a.Groups {
		if _, err := tx.exec(`INSERT INTO activity_groups (activity_id, group_id) SELECT ?, id FROM country_groups WHERE code = ?`, a.ID, g); err != nil {
			return err
		}
	}
	for _, s := range a.Sectors {
		if _, err := tx.exec(activitySectorsTable.insertSQL(), a.ID, s.Code, s.Percent); err != nil {
			return err
		}
	}
	return nil
}

// CreateActivity stores a new activity.
func (db *DB) CreateActivity(ctx context.Context, a *accord.Activity) error {
	if _, err := accord.RequireWriter(ctx); err != nil {
		return err
	}
	err := db.inTx(ctx, func(tx *Tx) error {
		a.ID = 0
		if err := tx.checkActivity(a); err != nil {
			return err
		}
		search, err := tx.activitySearch(a)
		if err != nil {
			return err
		}
		id, err := tx.insert(activitiesTable.insertSQL(), activityRow(nil, a, search, tx.now, tx.now)...)
		if err != nil {
			return err
		}
		a.ID, a.Version, a.CreatedAt, a.UpdatedAt = id, 1, tx.now, tx.now
		if err := tx.saveActivityParts(a); err != nil {
			return err
		}
		return tx.audit("create", "activity", id, nil, a)
	})
	if err != nil {
		return err
	}
	return db.refreshBeneficiaries(ctx, a)
}

// refreshBeneficiaries recomputes the derived beneficiary countries after a save.
func (db *DB) refreshBeneficiaries(ctx context.Context, a *accord.Activity) error {
	stored, err := db.GetActivity(accord.WithActor(ctx, accord.SystemActor), a.ID)
	if err == nil {
		a.Beneficiaries = stored.Beneficiaries
	}
	return err
}

// UpdateActivity saves an activity at its version.
func (db *DB) UpdateActivity(ctx context.Context, a *accord.Activity) error {
	if _, err := accord.RequireWriter(ctx); err != nil {
		return err
	}
	before, err := db.GetActivity(ctx, a.ID)
	if err != nil {
		return err
	}
	err = db.inTx(ctx, func(tx *Tx) error {
		if err := tx.lockVersion("activities", "Activity", a.ID, a.Version, before.Version); err != nil {
			return err
		}
		if err := tx.checkActivity(a); err != nil {
			return err
		}
		search, err := tx.activitySearch(a)
		if err != nil {
			return err
		}
		if err := tx.execVersioned("Activity", a.ID, a.Version, `UPDATE activities SET version = version + 1, plan_id = ?, objective_id = ?, title = ?,
			description = ?, kind = ?, status = ?, lead_org_id = ?, planned_start = ?, planned_end = ?, actual_start = ?, actual_end = ?, budget = ?,
			currency = ?, search = ?, updated_at = ? WHERE id = ? AND version = ?`,
			a.PlanID, nullID(a.ObjectiveID), a.Title, a.Description, a.Kind, a.Status, a.LeadOrgID, string(a.PlannedStart), string(a.PlannedEnd),
			string(a.ActualStart), string(a.ActualEnd), a.Budget, a.Currency, search, tx.now, a.ID, a.Version); err != nil {
			return err
		}
		a.Version, a.CreatedAt, a.UpdatedAt = a.Version+1, before.CreatedAt, tx.now
		a.Beneficiaries = before.Beneficiaries
		if err := tx.saveActivityParts(a); err != nil {
			return err
		}
		return tx.audit("update", "activity", a.ID, before, a)
	})
	if err != nil {
		return err
	}
	return db.refreshBeneficiaries(ctx, a)
}
