package store

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/accordhq/accord/internal/accord"
)

const planColumns = `pl.id, pl.version, pl.title, pl.summary, pl.start_date, pl.end_date, pl.created_at, pl.updated_at`

func scanPlan(row interface{ Scan(...any) error }) (*accord.Plan, error) {
	p := &accord.Plan{Agreements: []accord.PlanAgreement{}, Objectives: []accord.Objective{}}
	var created, updated time.Time
	err := row.Scan(&p.ID, &p.Version, &p.Title, &p.Summary, &p.StartDate, &p.EndDate, &created, &updated)
	p.CreatedAt, p.UpdatedAt = created.UTC(), updated.UTC()
	return p, err
}

// partnerOrg is the condition that organization column col is the
// partner's organization or one under it.
const partnerOrg = `(so.id = ? OR so.parent_id = ?)`

// planScope: a partner sees the plans of agreements it is party to and the
// plans with an activity it leads or implements.
func planScope(w *where, a accord.Actor) {
	if a.IsPartner() {
		w.add(`(EXISTS (SELECT 1 FROM plan_agreements spa JOIN agreement_parties sp ON sp.agreement_id = spa.agreement_id
				JOIN organizations so ON so.id = sp.org_id WHERE spa.plan_id = pl.id AND `+partnerOrg+`)
			OR EXISTS (SELECT 1 FROM activities sa JOIN organizations so ON so.id = sa.lead_org_id WHERE sa.plan_id = pl.id AND `+partnerOrg+`)
			OR EXISTS (SELECT 1 FROM activities sa JOIN activity_orgs sao ON sao.activity_id = sa.id JOIN organizations so ON so.id = sao.org_id
				WHERE sa.plan_id = pl.id AND `+partnerOrg+`))`, a.OrgID, a.OrgID, a.OrgID, a.OrgID, a.OrgID, a.OrgID)
	}
}

// ListPlans lists plans of action, newest first.
func (db *DB) ListPlans(ctx context.Context, f accord.PlanFilter) ([]*accord.Plan, int, error) {
	a, err := accord.RequireActor(ctx)
	if err != nil {
		return nil, 0, err
	}
	var w where
	planScope(&w, a)
	db.matchWords(&w, "plans", "pl", f.Q)
	if f.AgreementID != 0 {
		w.add("EXISTS (SELECT 1 FROM plan_agreements fa WHERE fa.plan_id = pl.id AND fa.agreement_id = ?)", f.AgreementID)
	}
	if f.OrgID != 0 {
		w.add(`(EXISTS (SELECT 1 FROM plan_agreements fa JOIN agreement_parties fp ON fp.agreement_id = fa.agreement_id WHERE fa.plan_id = pl.id AND fp.org_id = ?)
			OR EXISTS (SELECT 1 FROM activities fx WHERE fx.plan_id = pl.id AND fx.lead_org_id = ?)
			OR EXISTS (SELECT 1 FROM activities fx JOIN activity_orgs fxo ON fxo.activity_id = fx.id WHERE fx.plan_id = pl.id AND fxo.org_id = ?))`, f.OrgID, f.OrgID, f.OrgID)
	}
	var out []*accord.Plan
	byID := map[int64]*accord.Plan{}
	total, err := db.page(ctx, listQuery{Select: "SELECT " + planColumns, From: "FROM plans pl" + w.String(), Order: " ORDER BY pl.id DESC", Args: w.args,
		Page: f.Page, PerPage: f.PerPage, Unlimited: f.Unlimited, Search: f.Q != ""},
		func(row interface{ Scan(...any) error }) error {
			p, err := scanPlan(row)
			if err != nil {
				return err
			}
			out = append(out, p)
			byID[p.ID] = p
			return nil
		})
	if err != nil {
		return nil, 0, err
	}
	return out, total, db.fillPlans(ctx, a, byID)
}

// fillPlans loads the agreements and objectives of the given plans, one
// query each. A partner sees only the agreements it may read.
func (db *DB) fillPlans(ctx context.Context, a accord.Actor, byID map[int64]*accord.Plan) error {
	if len(byID) == 0 {
		return nil
	}
	ids := idArgs(byID)
	var w where
	w.add("pa.plan_id IN ("+placeholders(len(ids))+")", ids...)
	agreementScope(&w, a)
	rows, err := db.queryRead(ctx, `SELECT pa.plan_id, g.id, g.title FROM plan_agreements pa JOIN agreements g ON g.id = pa.agreement_id`+
		w.String()+` ORDER BY pa.plan_id, g.id`, w.args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var pa accord.PlanAgreement
		if err := rows.Scan(&id, &pa.AgreementID, &pa.Title); err != nil {
			return err
		}
		byID[id].Agreements = append(byID[id].Agreements, pa)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	orows, err := db.queryRead(ctx, `SELECT plan_id, id, title FROM objectives WHERE plan_id IN (`+placeholders(len(ids))+`) ORDER BY plan_id, ord, id`, ids...)
	if err != nil {
		return err
	}
	defer orows.Close()
	for orows.Next() {
		var id int64
		var o accord.Objective
		if err := orows.Scan(&id, &o.ID, &o.Title); err != nil {
			return err
		}
		byID[id].Objectives = append(byID[id].Objectives, o)
	}
	return orows.Err()
}

// GetPlan returns one plan with its agreements and objectives.
func (db *DB) GetPlan(ctx context.Context, id int64) (*accord.Plan, error) {
	a, err := accord.RequireActor(ctx)
	if err != nil {
		return nil, err
	}
	var w where
	w.add("pl.id = ?", id)
	planScope(&w, a)
	p, err := scanPlan(db.queryRowRead(ctx, "SELECT "+planColumns+" FROM plans pl"+w.String(), w.args...))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("Plan", id)
	} else if err != nil {
		return nil, err
	}
	return p, db.fillPlans(ctx, a, map[int64]*accord.Plan{id: p})
}

func (tx *Tx) checkPlan(p *accord.Plan) error {
	if err := p.Validate(); err != nil {
		return err
	}
	var pr accord.Problems
	seen := map[int64]bool{}
	for i := range p.Agreements {
		pa := &p.Agreements[i]
		if seen[pa.AgreementID] {
			pr.Add("agreements["+itoa(i)+"].agreement_id", "agreement %d is listed twice", pa.AgreementID)
		} else if !tx.found(tx.queryRow(`SELECT title FROM agreements WHERE id = ?`, pa.AgreementID).Scan(&pa.Title)) {
			pr.Add("agreements["+itoa(i)+"].agreement_id", "agreement %d does not exist", pa.AgreementID)
		}
		seen[pa.AgreementID] = true
	}
	seen = map[int64]bool{}
	for i, o := range p.Objectives {
		if o.ID != 0 && seen[o.ID] {
			pr.Add("objectives["+itoa(i)+"].id", "objective %d is listed twice", o.ID)
		} else if o.ID != 0 && !tx.exists(`SELECT 1 FROM objectives WHERE id = ? AND plan_id = ?`, o.ID, p.ID) {
			pr.Add("objectives["+itoa(i)+"].id", "objective %d is not one of this plan's", o.ID)
		}
		seen[o.ID] = true
	}
	return pr.Err()
}

// savePlanParts writes agreements and objectives. Objectives keep their IDs
// (activities point at them); those left out are deleted.
func (tx *Tx) savePlanParts(p *accord.Plan) error {
	if _, err := tx.exec(`DELETE FROM plan_agreements WHERE plan_id = ?`, p.ID); err != nil {
		return err
	}
	for _, pa := range p.Agreements {
		if _, err := tx.exec(planAgreementsTable.insertSQL(), p.ID, pa.AgreementID); err != nil {
			return err
		}
	}
	keep := []any{p.ID}
	for i := range p.Objectives {
		o := &p.Objectives[i]
		if o.ID == 0 {
			id, err := tx.insert(objectivesTable.insertSQL(), p.ID, o.Title, i)
			if err != nil {
				return err
			}
			o.ID = id
		} else if _, err := tx.exec(`UPDATE objectives SET title = ?, ord = ? WHERE id = ?`, o.Title, i, o.ID); err != nil {
			return err
		}
		keep = append(keep, o.ID)
	}
	query := `DELETE FROM objectives WHERE plan_id = ?`
	if len(keep) > 1 {
		query += ` AND id NOT IN (` + placeholders(len(keep)-1) + `)`
	}
	_, err := tx.exec(query, keep...)
	return err
}

// CreatePlan stores a new plan of action.
func (db *DB) CreatePlan(ctx context.Context, p *accord.Plan) error {
	if _, err := accord.RequireWriter(ctx); err != nil {
		return err
	}
	return db.inTx(ctx, func(tx *Tx) error {
		p.ID = 0
		for i := range p.Objectives {
			p.Objectives[i].ID = 0
		}
		if err := tx.checkPlan(p); err != nil {
			return err
		}
		id, err := tx.insert(plansTable.insertSQL(), planRow(nil, p, tx.now, tx.now)...)
		if err != nil {
			return err
		}
		p.ID, p.Version, p.CreatedAt, p.UpdatedAt = id, 1, tx.now, tx.now
		if err := tx.savePlanParts(p); err != nil {
			return err
		}
		return tx.audit("create", "plan", id, nil, p)
	})
}

// UpdatePlan saves a plan at its version.
func (db *DB) UpdatePlan(ctx context.Context, p *accord.Plan) error {
	if _, err := accord.RequireWriter(ctx); err != nil {
		return err
	}
	before, err := db.GetPlan(ctx, p.ID)
	if err != nil {
		return err
	}
	return db.inTx(ctx, func(tx *Tx) error {
		if err := tx.lockVersion("plans", "Plan", p.ID, p.Version, before.Version); err != nil {
			return err
		}
		if err := tx.checkPlan(p); err != nil {
			return err
		}
		if err := tx.execVersioned("Plan", p.ID, p.Version, `UPDATE plans SET version = version + 1, title = ?, summary = ?, start_date = ?, end_date = ?,
			search = ?, updated_at = ? WHERE id = ? AND version = ?`, p.Title, p.Summary, string(p.StartDate), string(p.EndDate), planSearch(p), tx.now, p.ID, p.Version); err != nil {
			return err
		}
		p.Version, p.CreatedAt, p.UpdatedAt = p.Version+1, before.CreatedAt, tx.now
		if err := tx.savePlanParts(p); err != nil {
			return err
		}
		return tx.audit("update", "plan", p.ID, before, p)
	})
}
