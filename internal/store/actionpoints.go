package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"github.com/accordhq/accord/internal/accord"
)

const actionPointColumns = `ap.id, ap.version, ap.engagement_id, e.title, ap.text, ap.owner_id, COALESCE(u.name, ''), ap.due_date,
	ap.priority, ap.status, ap.status_note, ap.fulfilled_agreement_id, ap.fulfilled_activity_id, ap.created_at, ap.updated_at`

const actionPointFrom = ` FROM action_points ap JOIN engagements e ON e.id = ap.engagement_id LEFT JOIN users u ON u.id = ap.owner_id`

func scanActionPoint(row interface{ Scan(...any) error }, now time.Time) (*accord.ActionPoint, error) {
	a := &accord.ActionPoint{Parties: []accord.EngagementOrg{}}
	var owner, agreement, activity sql.NullInt64
	var created, updated time.Time
	err := row.Scan(&a.ID, &a.Version, &a.EngagementID, &a.EngagementTitle, &a.Text, &owner, &a.OwnerName, &a.DueDate,
		&a.Priority, &a.Status, &a.StatusNote, &agreement, &activity, &created, &updated)
	if owner.Valid {
		a.OwnerID = &owner.Int64
	}
	if agreement.Valid {
		a.FulfilledByAgreement = &agreement.Int64
	}
	if activity.Valid {
		a.FulfilledByActivity = &activity.Int64
	}
	a.CreatedAt, a.UpdatedAt = created.UTC(), updated.UTC()
	a.Overdue = a.IsOverdue(now)
	return a, err
}

// actionPointScope: a partner sees the points of engagements it took part
// in, and the points its organization is a party to.
func actionPointScope(w *where, a accord.Actor) {
	if a.IsPartner() {
		w.add(`(EXISTS (SELECT 1 FROM engagement_orgs seo JOIN organizations so ON so.id = seo.org_id
			WHERE seo.engagement_id = ap.engagement_id AND (so.id = ? OR so.parent_id = ?))
		OR EXISTS (SELECT 1 FROM action_point_parties sap JOIN organizations so ON so.id = sap.org_id
			WHERE sap.action_point_id = ap.id AND (so.id = ? OR so.parent_id = ?)))`, a.OrgID, a.OrgID, a.OrgID, a.OrgID)
	}
}

// actionPointWordsScope keeps a partner from finding a point by the title
// of a meeting it may not see (a point's search text holds its
// engagement's title, and a partner sees the points it is a party to,
// whatever the meeting): a word in that title must also be in the point's
// text, status note, parties or owner. Compared lower-cased, as
// personWordsScope does.
func actionPointWordsScope(w *where, a accord.Actor, terms []string) {
	if !a.IsPartner() {
		return
	}
	for _, t := range terms {
		like := "%" + t + "%"
		w.add(`(NOT EXISTS (SELECT 1 FROM engagements he WHERE he.id = ap.engagement_id AND lower(he.title) LIKE ?)
			OR EXISTS (SELECT 1 FROM engagement_orgs seo JOIN organizations so ON so.id = seo.org_id
				WHERE seo.engagement_id = ap.engagement_id AND `+partnerOrg+`)
			OR lower(ap.text || ' ' || ap.status_note) LIKE ?
			OR EXISTS (SELECT 1 FROM action_point_parties pp JOIN organizations po ON po.id = pp.org_id
				WHERE pp.action_point_id = ap.id AND lower(po.name_en || ' ' || po.name_fr || ' ' || po.name_ar || ' ' || po.acronym) LIKE ?)
			OR EXISTS (SELECT 1 FROM users ou WHERE ou.id = ap.owner_id AND lower(ou.name) LIKE ?))`,
			like, a.OrgID, a.OrgID, like, like, like)
	}
}

// ListActionPoints lists action points, the most urgent first.
func (db *DB) ListActionPoints(ctx context.Context, f accord.ActionPointFilter) ([]*accord.ActionPoint, int, error) {
	now := db.today()
	a, err := accord.RequireActor(ctx)
	if err != nil {
		return nil, 0, err
	}
	var w where
	actionPointScope(&w, a)
	db.matchWords(&w, "action_points", "ap", f.Q)
	actionPointWordsScope(&w, a, searchTerms(f.Q))
	if f.EngagementID != 0 {
		w.add("ap.engagement_id = ?", f.EngagementID)
	}
	if f.OwnerID != 0 {
		w.add("ap.owner_id = ?", f.OwnerID)
	}
	if f.OrgID != 0 {
		// Counts of at most one row rather than EXISTS: PostgreSQL turns
		// EXISTS under OR into hash tables of all the organization's links
		// (70,000 engagements for the busiest), built for every query even
		// when the page needs 50 points; these are probed per point instead.
		w.add(`((SELECT COUNT(*) FROM action_point_parties fp WHERE fp.action_point_id = ap.id AND fp.org_id = ?) > 0
			OR (SELECT COUNT(*) FROM engagement_orgs fo WHERE fo.engagement_id = ap.engagement_id AND fo.org_id = ?) > 0)`, f.OrgID, f.OrgID)
	}
	if f.Status != "" {
		w.add("ap.status = ?", f.Status)
	}
	if f.Overdue {
		w.add("ap.status IN ('open', 'in_progress') AND ap.due_date <> '' AND ap.due_date < ?", now.Format(time.DateOnly))
	}
	// Open points first, then by due date (undated last), then newest.
	order := ` ORDER BY CASE WHEN ap.status IN ('open', 'in_progress') THEN 0 ELSE 1 END, CASE WHEN ap.due_date = '' THEN 1 ELSE 0 END, ap.due_date, ap.id DESC`
	switch {
	case f.Overdue:
		// The same order, since overdue points are open and dated, in the
		// terms of the index action_points_open_due: the database walks it
		// and stops at the page instead of sorting every overdue point.
		order = ` ORDER BY ap.due_date, ap.id DESC`
	case f.Status != "":
		// The same order for one status, in the terms of the indexes
		// action_points_status_order and action_points_owner.
		order = ` ORDER BY CASE WHEN ap.due_date = '' THEN 1 ELSE 0 END, ap.due_date, ap.id DESC`
	}
	from, countFrom := actionPointFrom, " FROM action_points ap"
	if f.Overdue && len(w.clauses) == 1 {
		// SQLite, without statistics, would rather read every open point by
		// the status index and sort them (PostgreSQL picks this index itself).
		hint := db.dialect.indexedBy("action_points_open_due")
		from = strings.Replace(from, "action_points ap", "action_points ap"+hint, 1)
		countFrom += hint
	}
	var out []*accord.ActionPoint
	byID := map[int64]*accord.ActionPoint{}
	// The count needs neither the engagement nor the owner joined.
	total, err := db.pageCounted(ctx, listQuery{Count: countUnless(f.NoCount, "SELECT COUNT(*)"+countFrom+w.String()), CountArgs: w.args,
		Select: "SELECT " + actionPointColumns, From: from + w.String(), Order: order, Args: w.args,
		Page: f.Page, PerPage: f.PerPage, Unlimited: f.Unlimited, Search: f.Q != ""},
		func(row interface{ Scan(...any) error }) error {
			ap, err := scanActionPoint(row, now)
			out = append(out, ap)
			byID[ap.ID] = ap
			return err
		})
	if err != nil {
		return nil, 0, err
	}
	return out, total, db.fillParties(ctx, a, byID)
}

// fillParties loads the parties of the given points. For a partner, it
// also blanks the title of each point's engagement that the partner may not
// see: the point is the partner's as a party, the meeting it came from is not.
func (db *DB) fillParties(ctx context.Context, a accord.Actor, byID map[int64]*accord.ActionPoint) error {
	if a.IsPartner() {
		var engagements []int64
		for _, ap := range byID {
			engagements = append(engagements, ap.EngagementID)
		}
		seen, err := db.visibleIDs(ctx, a, "engagement", engagements)
		if err != nil {
			return err
		}
		for _, ap := range byID {
			if !seen[ap.EngagementID] {
				ap.EngagementTitle = ""
			}
		}
	}
	return db.linkedOrgs(ctx, "action_point_parties", "action_point_id", idArgs(byID), func(id int64, o accord.EngagementOrg) {
		byID[id].Parties = append(byID[id].Parties, o)
	})
}

// GetActionPoint returns one action point the actor may see.
func (db *DB) GetActionPoint(ctx context.Context, id int64) (*accord.ActionPoint, error) {
	a, err := accord.RequireActor(ctx)
	if err != nil {
		return nil, err
	}
	var w where
	w.add("ap.id = ?", id)
	actionPointScope(&w, a)
	ap, err := scanActionPoint(db.queryRowRead(ctx, "SELECT "+actionPointColumns+actionPointFrom+w.String(), w.args...), db.today())
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("Action point", id)
	} else if err != nil {
		return nil, err
	}
	return ap, db.fillParties(ctx, a, map[int64]*accord.ActionPoint{id: ap})
}

func (tx *Tx) checkActionPoint(a *accord.ActionPoint) error {
	if err := a.Validate(); err != nil {
		return err
	}
	var p accord.Problems
	if !tx.found(tx.queryRow(`SELECT title FROM engagements WHERE id = ?`, a.EngagementID).Scan(&a.EngagementTitle)) {
		p.Add("engagement_id", "engagement %d does not exist", a.EngagementID)
	}
	if a.OwnerID != nil {
		if !tx.found(tx.queryRow(`SELECT name FROM users WHERE id = ?`, *a.OwnerID).Scan(&a.OwnerName)) {
			p.Add("owner_id", "user %d does not exist", *a.OwnerID)
		}
	}
	if a.FulfilledByAgreement != nil && !tx.exists(`SELECT 1 FROM agreements WHERE id = ?`, *a.FulfilledByAgreement) {
		p.Add("fulfilled_by_agreement", "agreement %d does not exist", *a.FulfilledByAgreement)
	}
	if a.FulfilledByActivity != nil && !tx.exists(`SELECT 1 FROM activities WHERE id = ?`, *a.FulfilledByActivity) {
		p.Add("fulfilled_by_activity", "activity %d does not exist", *a.FulfilledByActivity)
	}
	seen := map[int64]bool{}
	parties := a.Parties[:0]
	for _, o := range a.Parties {
		if seen[o.OrgID] {
			continue
		}
		seen[o.OrgID] = true
		var acronym string
		if !tx.found(tx.queryRow(`SELECT name_en, acronym FROM organizations WHERE id = ?`, o.OrgID).Scan(&o.Name, &acronym)) {
			p.Add("parties", "organization %d does not exist", o.OrgID)
		}
		o.Name = orgLabel(o.Name, acronym)
		parties = append(parties, o)
	}
	a.Parties = parties
	return p.Err()
}

// actionPointSearch is the text an action point is found by (actionPointSearchText).
func (tx *Tx) actionPointSearch(a *accord.ActionPoint) (string, error) {
	ids := make([]int64, len(a.Parties))
	for i, o := range a.Parties {
		ids[i] = o.OrgID
	}
	names, err := tx.orgNames(ids)
	return actionPointSearchText(a, names), err
}

func (tx *Tx) saveParties(a *accord.ActionPoint) error {
	if _, err := tx.exec(`DELETE FROM action_point_parties WHERE action_point_id = ?`, a.ID); err != nil {
		return err
	}
	for _, o := range a.Parties {
		if _, err := tx.exec(actionPointPartiesTable.insertSQL(), a.ID, o.OrgID); err != nil {
			return err
		}
	}
	return nil
}

// CreateActionPoint stores a new, open action point.
func (db *DB) CreateActionPoint(ctx context.Context, a *accord.ActionPoint) error {
	if _, err := accord.RequireWriter(ctx); err != nil {
		return err
	}
	return db.inTx(ctx, func(tx *Tx) error { return tx.createActionPoint(a) })
}

// createActionPoint inserts a new, open action point, in a transaction of the caller's.
func (tx *Tx) createActionPoint(a *accord.ActionPoint) error {
	a.ID, a.Status, a.StatusNote = 0, accord.APOpen, ""
	if err := tx.checkActionPoint(a); err != nil {
		return err
	}
	search, err := tx.actionPointSearch(a)
	if err != nil {
		return err
	}
	id, err := tx.insert(actionPointsTable.insertSQL(), actionPointRow(nil, a, search, tx.now, tx.now)...)
	if err != nil {
		return err
	}
	a.ID, a.Version, a.CreatedAt, a.UpdatedAt = id, 1, tx.now, tx.now
	a.Overdue = a.IsOverdue(tx.now)
	if err := tx.saveParties(a); err != nil {
		return err
	}
	return tx.audit("create", "action_point", id, nil, a)
}

// lockActionPoint reads an action point for change, checking its version.
func (tx *Tx) lockActionPoint(id int64, version int) (*accord.ActionPoint, error) {
	before, err := scanActionPoint(tx.queryRow("SELECT "+actionPointColumns+actionPointFrom+" WHERE ap.id = ?"+tx.forUpdateOf("ap"), id), tx.now)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("Action point", id)
	} else if err != nil {
		return nil, err
	}
	if before.Version != version {
		return nil, accord.Stale("Action point", id, version, before.Version)
	}
	rows, err := tx.query(`SELECT o.id, o.name_en, o.acronym FROM action_point_parties p JOIN organizations o ON o.id = p.org_id WHERE p.action_point_id = ? ORDER BY o.name_en`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var o accord.EngagementOrg
		var acronym string
		if err := rows.Scan(&o.OrgID, &o.Name, &acronym); err != nil {
			return nil, err
		}
		o.Name = orgLabel(o.Name, acronym)
		before.Parties = append(before.Parties, o)
	}
	return before, rows.Err()
}

// UpdateActionPoint saves the fields of a point (not its status).
func (db *DB) UpdateActionPoint(ctx context.Context, a *accord.ActionPoint) error {
	if _, err := accord.RequireWriter(ctx); err != nil {
		return err
	}
	return db.inTx(ctx, func(tx *Tx) error {
		before, err := tx.lockActionPoint(a.ID, a.Version)
		if err != nil {
			return err
		}
		a.Status, a.StatusNote = before.Status, before.StatusNote
		if err := tx.checkActionPoint(a); err != nil {
			return err
		}
		search, err := tx.actionPointSearch(a)
		if err != nil {
			return err
		}
		if err := tx.execVersioned("Action point", a.ID, a.Version, `UPDATE action_points SET version = version + 1, engagement_id = ?, text = ?, owner_id = ?,
			due_date = ?, priority = ?, fulfilled_agreement_id = ?, fulfilled_activity_id = ?, search = ?, updated_at = ? WHERE id = ? AND version = ?`,
			a.EngagementID, a.Text, nullID(a.OwnerID), string(a.DueDate), a.Priority, nullID(a.FulfilledByAgreement), nullID(a.FulfilledByActivity),
			search, tx.now, a.ID, a.Version); err != nil {
			return err
		}
		a.Version, a.CreatedAt, a.UpdatedAt = a.Version+1, before.CreatedAt, tx.now
		a.Overdue = a.IsOverdue(tx.now)
		if err := tx.saveParties(a); err != nil {
			return err
		}
		return tx.audit("update", "action_point", a.ID, before, a)
	})
}

// TransitionActionPoint moves a point to a new status by the rules of accord.ActionPoint.Transition.
func (db *DB) TransitionActionPoint(ctx context.Context, id int64, version int, to, note string) (*accord.ActionPoint, error) {
	if _, err := accord.RequireWriter(ctx); err != nil {
		return nil, err
	}
	var after *accord.ActionPoint
	err := db.inTx(ctx, func(tx *Tx) error {
		before, err := tx.lockActionPoint(id, version)
		if err != nil {
			return err
		}
		a := *before
		if err := a.Transition(to, note); err != nil {
			return err
		}
		search, err := tx.actionPointSearch(&a)
		if err != nil {
			return err
		}
		if err := tx.execVersioned("Action point", id, version, `UPDATE action_points SET version = version + 1, status = ?, status_note = ?, search = ?, updated_at = ?
			WHERE id = ? AND version = ?`, a.Status, a.StatusNote, search, tx.now, id, version); err != nil {
			return err
		}
		a.Version, a.UpdatedAt = version+1, tx.now
		a.Overdue = a.IsOverdue(tx.now)
		after = &a
		return tx.audit("update", "action_point", id, before, after)
	})
	return after, err
}
