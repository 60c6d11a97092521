package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"github.com/accordhq/accord/internal/accord"
)

const agreementColumns = `g.id, g.version, g.kind, g.title, g.status, g.summary, g.engagement_id, g.effective_date, g.expiry_date,
	g.notice_days, g.auto_renewal, g.terminated_on, g.termination_reason, g.superseded_by, g.created_at, g.updated_at`

func scanAgreement(row interface{ Scan(...any) error }) (*accord.Agreement, error) {
	a := &accord.Agreement{Parties: []accord.AgreementParty{}, Amendments: []accord.Amendment{}}
	var engagement, superseded sql.NullInt64
	var created, updated time.Time
	err := row.Scan(&a.ID, &a.Version, &a.Kind, &a.Title, &a.Status, &a.Summary, &engagement, &a.EffectiveDate, &a.ExpiryDate,
		&a.NoticeDays, &a.AutoRenewal, &a.TerminatedOn, &a.TerminationReason, &superseded, &created, &updated)
	if engagement.Valid {
		a.EngagementID = &engagement.Int64
	}
	if superseded.Valid {
		a.SupersededBy = &superseded.Int64
	}
	a.CreatedAt, a.UpdatedAt = created.UTC(), updated.UTC()
	return a, err
}

// agreementScope: a partner sees the agreements its organization (or one under it) is party to.
func agreementScope(w *where, a accord.Actor) {
	if a.IsPartner() {
		w.add(`EXISTS (SELECT 1 FROM agreement_parties sp JOIN organizations so ON so.id = sp.org_id
			WHERE sp.agreement_id = g.id AND (so.id = ? OR so.parent_id = ?))`, a.OrgID, a.OrgID)
	}
}

// ListAgreements lists agreements, those ending soonest first.
func (db *DB) ListAgreements(ctx context.Context, f accord.AgreementFilter) ([]*accord.Agreement, int, error) {
	a, err := accord.RequireActor(ctx)
	if err != nil {
		return nil, 0, err
	}
	var w where
	agreementScope(&w, a)
	db.matchWords(&w, "agreements", "g", f.Q)
	if f.Kind != "" {
		w.add("g.kind = ?", f.Kind)
	}
	if f.Status != "" {
		w.add("g.status = ?", f.Status)
	}
	// An organization's agreements are read from its parties, which carry
	// the expiry: (org_id, expiry, agreement_id DESC) walks them in the
	// page's order, for an organization in two agreements as for one in
	// thousands.
	from, order := "FROM agreements g", " ORDER BY CASE WHEN g.expiry_date = '' THEN 1 ELSE 0 END, g.expiry_date, g.id DESC"
	if f.OrgID != 0 {
		from, order = "FROM agreement_parties fp JOIN agreements g ON g.id = fp.agreement_id", " ORDER BY fp.expiry, fp.agreement_id DESC"
		w.add("fp.org_id = ?", f.OrgID)
	}
	if f.EngagementID != 0 {
		w.add("g.engagement_id = ?", f.EngagementID)
	}
	if f.ExpiringDays > 0 {
		today := db.today()
		w.add("g.status = 'active' AND g.expiry_date <> '' AND g.expiry_date >= ? AND g.expiry_date <= ?",
			today.Format(time.DateOnly), today.AddDate(0, 0, f.ExpiringDays).Format(time.DateOnly))
	}
	var out []*accord.Agreement
	byID := map[int64]*accord.Agreement{}
	// An organization's agreements alone are counted from the parties' index.
	countQuery := "SELECT COUNT(*) " + from + w.String()
	if f.OrgID != 0 && len(w.clauses) == 1 {
		countQuery = "SELECT COUNT(*) FROM agreement_parties fp WHERE fp.org_id = ?"
	}
	total, err := db.pageCounted(ctx, listQuery{Count: countUnless(f.NoCount, countQuery), CountArgs: w.args,
		Select: "SELECT " + agreementColumns, From: from + w.String(), Order: order, Args: w.args,
		Page: f.Page, PerPage: f.PerPage, Unlimited: f.Unlimited, Search: f.Q != ""},
		func(row interface{ Scan(...any) error }) error {
			g, err := scanAgreement(row)
			if err != nil {
				return err
			}
			out = append(out, g)
			byID[g.ID] = g
			return nil
		})
	if err != nil {
		return nil, 0, err
	}
	return out, total, db.fillAgreementParties(ctx, byID)
}

// fillAgreementParties loads the parties and amendments of the given agreements, one query each.
func (db *DB) fillAgreementParties(ctx context.Context, byID map[int64]*accord.Agreement) error {
	if len(byID) == 0 {
		return nil
	}
	ids := idArgs(byID)
	amendments, err := db.queryRead(ctx, `SELECT agreement_id, number, date, changes, reason, created_by FROM agreement_amendments
		WHERE agreement_id IN (`+placeholders(len(ids))+`) ORDER BY agreement_id, number`, ids...)
	if err != nil {
		return err
	}
	if err := scanAmendments(amendments, byID); err != nil {
		return err
	}
	if a, _ := accord.ActorFrom(ctx); a.IsPartner() {
		for _, g := range byID {
			for i := range g.Amendments {
				hideStaff(a, &g.Amendments[i].CreatedBy)
			}
		}
	}
	rows, err := db.queryRead(ctx, `SELECT p.agreement_id, p.org_id, o.name_en, o.acronym, p.signatory, p.signed_on FROM agreement_parties p
		JOIN organizations o ON o.id = p.org_id WHERE p.agreement_id IN (`+placeholders(len(ids))+`) ORDER BY p.agreement_id, p.ord`, ids...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var pt accord.AgreementParty
		var acronym string
		if err := rows.Scan(&id, &pt.OrgID, &pt.OrgName, &acronym, &pt.Signatory, &pt.SignedOn); err != nil {
			return err
		}
		pt.OrgName = orgLabel(pt.OrgName, acronym)
		byID[id].Parties = append(byID[id].Parties, pt)
	}
	return rows.Err()
}

// GetAgreement returns one agreement with parties and amendments.
func (db *DB) GetAgreement(ctx context.Context, id int64) (*accord.Agreement, error) {
	a, err := accord.RequireActor(ctx)
	if err != nil {
		return nil, err
	}
	var w where
	w.add("g.id = ?", id)
	agreementScope(&w, a)
	g, err := scanAgreement(db.queryRowRead(ctx, "SELECT "+agreementColumns+" FROM agreements g"+w.String(), w.args...))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("Agreement", id)
	} else if err != nil {
		return nil, err
	}
	return g, db.fillAgreementParties(ctx, map[int64]*accord.Agreement{id: g})
}

// checkAgreement validates g and its references and fills party names.
// Dates are judged on the day of the transaction's clock.
func (tx *Tx) checkAgreement(g *accord.Agreement) error {
	if err := g.Validate(tx.now); err != nil {
		return err
	}
	var p accord.Problems
	for i := range g.Parties {
		pt := &g.Parties[i]
		var acronym string
		if !tx.found(tx.queryRow(`SELECT name_en, acronym FROM organizations WHERE id = ?`, pt.OrgID).Scan(&pt.OrgName, &acronym)) {
			p.Add("parties["+itoa(i)+"].org_id", "organization %d does not exist", pt.OrgID)
		}
		pt.OrgName = orgLabel(pt.OrgName, acronym)
	}
	if g.EngagementID != nil && !tx.exists(`SELECT 1 FROM engagements WHERE id = ?`, *g.EngagementID) {
		p.Add("engagement_id", "engagement %d does not exist", *g.EngagementID)
	}
	return p.Err()
}

// agreementSearch is the text an agreement is found by (agreementSearchText).
func (tx *Tx) agreementSearch(g *accord.Agreement) (string, error) {
	ids := make([]int64, len(g.Parties))
	for i, pt := range g.Parties {
		ids[i] = pt.OrgID
	}
	names, err := tx.orgNames(ids)
	return agreementSearchText(g, names), err
}

func (tx *Tx) saveAgreementParties(g *accord.Agreement) error {
	if _, err := tx.exec(`DELETE FROM agreement_parties WHERE agreement_id = ?`, g.ID); err != nil {
		return err
	}
	for i := range g.Parties {
		if _, err := tx.exec(agreementPartiesTable.insertSQL(), agreementPartyRow(nil, g, &g.Parties[i], i)...); err != nil {
			return err
		}
	}
	return nil
}

// CreateAgreement stores a new agreement as a draft.
func (db *DB) CreateAgreement(ctx context.Context, g *accord.Agreement) error {
	if _, err := accord.RequireWriter(ctx); err != nil {
		return err
	}
	return db.inTx(ctx, func(tx *Tx) error {
		g.ID, g.Status, g.TerminatedOn, g.TerminationReason, g.SupersededBy = 0, accord.AgDraft, "", "", nil
		if err := tx.checkAgreement(g); err != nil {
			return err
		}
		search, err := tx.agreementSearch(g)
		if err != nil {
			return err
		}
		id, err := tx.insert(agreementsTable.insertSQL(), agreementRow(nil, g, search, tx.now, tx.now)...)
		if err != nil {
			return err
		}
		g.ID, g.Version, g.CreatedAt, g.UpdatedAt = id, 1, tx.now, tx.now
		if err := tx.saveAgreementParties(g); err != nil {
			return err
		}
		return tx.audit("create", "agreement", id, nil, g)
	})
}

// lockAgreement reads an agreement for change at version.
func (tx *Tx) lockAgreement(id int64, version int) (*accord.Agreement, error) {
	g, err := scanAgreement(tx.queryRow("SELECT "+agreementColumns+" FROM agreements g WHERE g.id = ?"+tx.forUpdate(), id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("Agreement", id)
	} else if err != nil {
		return nil, err
	}
	if g.Version != version {
		return nil, accord.Stale("Agreement", id, version, g.Version)
	}
	rows, err := tx.query(`SELECT p.org_id, o.name_en, o.acronym, p.signatory, p.signed_on FROM agreement_parties p JOIN organizations o ON o.id = p.org_id
		WHERE p.agreement_id = ? ORDER BY p.ord`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var pt accord.AgreementParty
		var acronym string
		if err := rows.Scan(&pt.OrgID, &pt.OrgName, &acronym, &pt.Signatory, &pt.SignedOn); err != nil {
			return nil, err
		}
		pt.OrgName = orgLabel(pt.OrgName, acronym)
		g.Parties = append(g.Parties, pt)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	amendments, err := tx.query(`SELECT agreement_id, number, date, changes, reason, created_by FROM agreement_amendments WHERE agreement_id = ? ORDER BY number`, id)
	if err != nil {
		return nil, err
	}
	return g, scanAmendments(amendments, map[int64]*accord.Agreement{id: g})
}

// orgLabel is how an organization is named in lists: "World Health Organization (WHO)".
func orgLabel(name, acronym string) string {
	if acronym == "" {
		return name
	}
	return name + " (" + acronym + ")"
}

// saveAgreement writes every field of g, checked, at its version.
func (tx *Tx) saveAgreement(g *accord.Agreement) error {
	if err := tx.checkAgreement(g); err != nil {
		return err
	}
	search, err := tx.agreementSearch(g)
	if err != nil {
		return err
	}
	if err := tx.execVersioned("Agreement", g.ID, g.Version, `UPDATE agreements SET version = version + 1, kind = ?, title = ?, status = ?, summary = ?,
		engagement_id = ?, effective_date = ?, expiry_date = ?, notice_days = ?, auto_renewal = ?, terminated_on = ?, termination_reason = ?,
		superseded_by = ?, search = ?, updated_at = ? WHERE id = ? AND version = ?`,
		g.Kind, g.Title, g.Status, g.Summary, nullID(g.EngagementID), string(g.EffectiveDate), string(g.ExpiryDate), g.NoticeDays, g.AutoRenewal,
		string(g.TerminatedOn), g.TerminationReason, nullID(g.SupersededBy), search, tx.now, g.ID, g.Version); err != nil {
		return err
	}
	g.Version, g.UpdatedAt = g.Version+1, tx.now
	return tx.saveAgreementParties(g)
}

// UpdateAgreement saves an agreement's fields; its status moves only by TransitionAgreement.
// Once signed, the parties' signatures are part of the record and can change only by amendment.
func (db *DB) UpdateAgreement(ctx context.Context, g *accord.Agreement) error {
	if _, err := accord.RequireWriter(ctx); err != nil {
		return err
	}
	return db.inTx(ctx, func(tx *Tx) error {
		before, err := tx.lockAgreement(g.ID, g.Version)
		if err != nil {
			return err
		}
		g.Status, g.TerminatedOn, g.TerminationReason, g.SupersededBy, g.CreatedAt = before.Status, before.TerminatedOn, before.TerminationReason, before.SupersededBy, before.CreatedAt
		g.Amendments = before.Amendments
		if before.Signed() && !sameSignatures(before.Parties, g.Parties) {
			return &accord.Error{Code: accord.EINVALID, Message: "Some fields need attention", Fields: []accord.FieldError{{Field: "parties",
				Message: "the agreement is " + before.Status + ": its parties and signatures change only by amendment"}}}
		}
		if err := tx.saveAgreement(g); err != nil {
			return err
		}
		return tx.audit("update", "agreement", g.ID, before, g)
	})
}

func sameSignatures(a, b []accord.AgreementParty) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].OrgID != b[i].OrgID || a[i].SignedOn != b[i].SignedOn || strings.TrimSpace(a[i].Signatory) != strings.TrimSpace(b[i].Signatory) {
			return false
		}
	}
	return true
}

// TransitionAgreement moves an agreement to a new status by the rules of accord.Agreement.Transition.
func (db *DB) TransitionAgreement(ctx context.Context, id int64, version int, c accord.StatusChange) (*accord.Agreement, error) {
	if _, err := accord.RequireWriter(ctx); err != nil {
		return nil, err
	}
	var after *accord.Agreement
	err := db.inTx(ctx, func(tx *Tx) error {
		before, err := tx.lockAgreement(id, version)
		if err != nil {
			return err
		}
		g := *before
		g.Parties = append([]accord.AgreementParty(nil), before.Parties...)
		if c.SupersededBy != nil && !tx.exists(`SELECT 1 FROM agreements WHERE id = ?`, *c.SupersededBy) {
			return &accord.Error{Code: accord.EINVALID, Message: "Some fields need attention",
				Fields: []accord.FieldError{{Field: "superseded_by", Message: "agreement " + itoa(int(*c.SupersededBy)) + " does not exist"}}}
		}
		if err := g.Transition(c, tx.now); err != nil {
			return err
		}
		if err := tx.saveAgreement(&g); err != nil {
			return err
		}
		after = &g
		return tx.audit("update", "agreement", id, before, after)
	})
	return after, err
}

// AgreementHistory lists every change of an agreement the actor may see,
// oldest first. Partners see what changed and when, not which staff member did it.
func (db *DB) AgreementHistory(ctx context.Context, id int64) ([]*accord.AuditEntry, error) {
	if _, err := db.GetAgreement(ctx, id); err != nil {
		return nil, err
	}
	a, _ := accord.ActorFrom(ctx)
	rows, err := db.queryRead(ctx, `SELECT id, at, COALESCE(actor_id, 0), actor, action, entity, entity_id, old_data, new_data
		FROM audit_log WHERE entity = 'agreement' AND entity_id = ? ORDER BY id`, id)
	if err != nil {
		return nil, err
	}
	entries, err := scanAudit(rows)
	if a.IsPartner() {
		for _, e := range entries {
			e.ActorID, e.Actor = 0, staffForPartner
			e.Before, e.After = hideStaffJSON(e.Before), hideStaffJSON(e.After)
		}
	}
	return entries, err
}
