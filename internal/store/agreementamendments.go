package store

import (
	"context"
	"database/sql"

	"github.com/accordhq/accord/internal/accord"
)

// AmendAgreement records the next numbered amendment of a signed agreement.
func (db *DB) AmendAgreement(ctx context.Context, id int64, version int, m accord.Amendment) (*accord.Agreement, error) {
	a, err := accord.RequireWriter(ctx)
	if err != nil {
		return nil, err
	}
	if err := m.Validate(db.today()); err != nil {
		return nil, err
	}
	err = db.inTx(ctx, func(tx *Tx) error {
		before, err := tx.lockAgreement(id, version)
		if err != nil {
			return err
		}
		switch {
		case accord.InForceStatus(before.Status):
		case !before.Signed():
			return &accord.Error{Code: accord.EINVALID, Message: "Some fields need attention", Fields: []accord.FieldError{{Field: "status",
				Message: "only a signed agreement is amended; a " + before.Status + " text is simply edited"}}}
		default:
			return &accord.Error{Code: accord.EINVALID, Message: "Some fields need attention", Fields: []accord.FieldError{{Field: "status",
				Message: "a " + before.Status + " agreement is no longer in force and cannot be amended"}}}
		}
		if err := tx.queryRow(`SELECT COALESCE(MAX(number), 0) + 1 FROM agreement_amendments WHERE agreement_id = ?`, id).Scan(&m.Number); err != nil {
			return err
		}
		m.CreatedBy = a.Email
		if _, err := tx.exec(amendmentsTable.insertSQL(), amendmentRow(nil, id, &m, tx.now)...); err != nil {
			return err
		}
		if err := tx.execVersioned("Agreement", id, version, `UPDATE agreements SET version = version + 1, updated_at = ? WHERE id = ? AND version = ?`,
			tx.now, id, version); err != nil {
			return err
		}
		return tx.audit("amend", "agreement", id, map[string]any{"amendments": m.Number - 1}, map[string]any{"amendments": m.Number, "amendment": m})
	})
	if err != nil {
		return nil, err
	}
	return db.GetAgreement(ctx, id)
}

// scanAmendments reads amendment rows into their agreements and closes rows.
func scanAmendments(rows *sql.Rows, byID map[int64]*accord.Agreement) error {
	defer rows.Close()
	for rows.Next() {
		var id int64
		var m accord.Amendment
		if err := rows.Scan(&id, &m.Number, &m.Date, &m.Changes, &m.Reason, &m.CreatedBy); err != nil {
			return err
		}
		byID[id].Amendments = append(byID[id].Amendments, m)
	}
	return rows.Err()
}
