package store

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/accordhq/accord/internal/accord"
)

// Indicators lists an activity's indicators with their values, by period.
func (db *DB) Indicators(ctx context.Context, activityID int64) ([]*accord.Indicator, error) {
	if _, err := db.GetActivity(ctx, activityID); err != nil {
		return nil, err
	}
	rows, err := db.queryRead(ctx, `SELECT id, activity_id, name, unit, baseline, target, created_at FROM indicators WHERE activity_id = ? ORDER BY id`, activityID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*accord.Indicator
	byID := map[int64]*accord.Indicator{}
	for rows.Next() {
		i := &accord.Indicator{Values: []accord.IndicatorValue{}}
		if err := rows.Scan(&i.ID, &i.ActivityID, &i.Name, &i.Unit, &i.Baseline, &i.Target, &i.CreatedAt); err != nil {
			return nil, err
		}
		i.CreatedAt = i.CreatedAt.UTC()
		out = append(out, i)
		byID[i.ID] = i
	}
	if err := rows.Err(); err != nil || len(out) == 0 {
		return out, err
	}
	ids := idArgs(byID)
	vrows, err := db.queryRead(ctx, `SELECT `+valueColumns+` FROM indicator_values v WHERE v.indicator_id IN (`+placeholders(len(ids))+`) ORDER BY v.indicator_id, v.period`, ids...)
	if err != nil {
		return nil, err
	}
	defer vrows.Close()
	a, _ := accord.ActorFrom(ctx)
	for vrows.Next() {
		v, err := scanValue(vrows)
		if err != nil {
			return nil, err
		}
		hideStaff(a, &v.UpdatedBy)
		byID[v.IndicatorID].Values = append(byID[v.IndicatorID].Values, *v)
	}
	return out, vrows.Err()
}

const valueColumns = `v.id, v.version, v.indicator_id, v.period, v.value, v.status, v.comment, v.updated_by, v.updated_at`

func scanValue(row interface{ Scan(...any) error }, extra ...any) (*accord.IndicatorValue, error) {
	v := &accord.IndicatorValue{}
	var updated time.Time
	err := row.Scan(append([]any{&v.ID, &v.Version, &v.IndicatorID, &v.Period, &v.Value, &v.Status, &v.Comment, &v.UpdatedBy, &updated}, extra...)...)
	v.UpdatedAt = updated.UTC()
	return v, err
}

// CreateIndicator adds an indicator to an activity the actor may change.
func (db *DB) CreateIndicator(ctx context.Context, i *accord.Indicator) error {
	if _, err := accord.RequireWriter(ctx); err != nil {
		return err
	}
	if err := i.Validate(); err != nil {
		return err
	}
	if _, err := db.GetActivity(ctx, i.ActivityID); err != nil {
		return err
	}
	return db.inTx(ctx, func(tx *Tx) error {
		id, err := tx.insert(`INSERT INTO indicators (activity_id, name, unit, baseline, target, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
			i.ActivityID, i.Name, i.Unit, i.Baseline, i.Target, tx.now)
		if err != nil {
			return err
		}
		i.ID, i.CreatedAt, i.Values = id, tx.now, []accord.IndicatorValue{}
		return tx.audit("create", "indicator", id, nil, i)
	})
}

// indicatorActivity returns the activity an indicator belongs to, checking the actor may see it.
func (db *DB) indicatorActivity(ctx context.Context, indicatorID int64) error {
	var activityID int64
	if err := db.queryRowRead(ctx, `SELECT activity_id FROM indicators WHERE id = ?`, indicatorID).Scan(&activityID); errors.Is(err, sql.ErrNoRows) {
		return notFound("Indicator", indicatorID)
	} else if err != nil {
		return err
	}
	_, err := db.GetActivity(ctx, activityID)
	return err
}

// RecordValue records a period's value: a new draft, or a change to a draft or returned value.
func (db *DB) RecordValue(ctx context.Context, v *accord.IndicatorValue) error {
	a, err := accord.RequireWriter(ctx)
	if err != nil {
		return err
	}
	if err := v.Validate(); err != nil {
		return err
	}
	if err := db.indicatorActivity(ctx, v.IndicatorID); err != nil {
		return err
	}
	// Two first records of a period race to insert it: the loser tries
	// again and changes the winner's draft, or is refused by its version.
	return retryOnUnique(func() error { return db.recordValue(ctx, a, v) })
}

func (db *DB) recordValue(ctx context.Context, a accord.Actor, v *accord.IndicatorValue) error {
	return db.inTx(ctx, func(tx *Tx) error {
		before, err := scanValue(tx.queryRow(`SELECT `+valueColumns+` FROM indicator_values v WHERE v.indicator_id = ? AND v.period = ?`+tx.forUpdate(), v.IndicatorID, v.Period))
		if errors.Is(err, sql.ErrNoRows) && v.Version > 1 {
			return accord.Stale("Indicator value", 0, v.Version, 0)
		}
		if errors.Is(err, sql.ErrNoRows) {
			v.Status, v.Version, v.UpdatedBy, v.UpdatedAt = accord.ValDraft, 1, a.Email, tx.now
			if v.ID, err = tx.insert(`INSERT INTO indicator_values (version, indicator_id, period, value, status, updated_by, updated_at) VALUES (1, ?, ?, ?, 'draft', ?, ?)`,
				v.IndicatorID, v.Period, v.Value, a.Email, tx.now); err != nil {
				return err
			}
			return tx.audit("create", "indicator_value", v.ID, nil, v)
		} else if err != nil {
			return err
		}
		if !before.Editable() {
			return &accord.Error{Code: accord.EINVALID, Message: "Some fields need attention", Fields: []accord.FieldError{{Field: "value",
				Message: "the value for " + v.Period + " is " + before.Status + " and can no longer be changed"}}}
		}
		if v.Version != 0 && v.Version != before.Version {
			return accord.Stale("Indicator value", before.ID, v.Version, before.Version)
		}
		if err := tx.execVersioned("Indicator value", before.ID, before.Version, `UPDATE indicator_values SET version = version + 1, value = ?, updated_by = ?, updated_at = ?
			WHERE id = ? AND version = ?`, v.Value, a.Email, tx.now, before.ID, before.Version); err != nil {
			return err
		}
		after := *before
		after.Version, after.Value, after.UpdatedBy, after.UpdatedAt = before.Version+1, v.Value, a.Email, tx.now
		*v = after
		return tx.audit("update", "indicator_value", v.ID, before, v)
	})
}

// MoveValue submits a value (writers) or approves or returns it (editors and administrators).
func (db *DB) MoveValue(ctx context.Context, id int64, version int, to, comment string) (*accord.IndicatorValue, error) {
	a, err := accord.RequireWriter(ctx)
	if err != nil {
		return nil, err
	}
	if (to == accord.ValApproved || to == accord.ValReturned) && !a.CanApprove() {
		return nil, accord.Errorf(accord.EFORBIDDEN, "Only editors and administrators approve or return indicator values.")
	}
	var indicatorID int64
	if err := db.queryRowRead(ctx, `SELECT indicator_id FROM indicator_values WHERE id = ?`, id).Scan(&indicatorID); errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("Indicator value", id)
	} else if err != nil {
		return nil, err
	}
	if err := db.indicatorActivity(ctx, indicatorID); err != nil {
		return nil, err
	}
	var after *accord.IndicatorValue
	err = db.inTx(ctx, func(tx *Tx) error {
		before, err := scanValue(tx.queryRow(`SELECT `+valueColumns+` FROM indicator_values v WHERE v.id = ?`+tx.forUpdate(), id))
		if err != nil {
			return err
		}
		if before.Version != version {
			return accord.Stale("Indicator value", id, version, before.Version)
		}
		v := *before
		if err := v.Transition(to, comment); err != nil {
			return err
		}
		if err := tx.execVersioned("Indicator value", id, version, `UPDATE indicator_values SET version = version + 1, status = ?, comment = ?, updated_by = ?, updated_at = ?
			WHERE id = ? AND version = ?`, v.Status, v.Comment, a.Email, tx.now, id, version); err != nil {
			return err
		}
		v.Version, v.UpdatedBy, v.UpdatedAt = version+1, a.Email, tx.now
		after = &v
		return tx.audit("update", "indicator_value", id, before, after)
	})
	return after, err
}

// AwaitingApproval lists submitted values of activities the actor may see, oldest first.
func (db *DB) AwaitingApproval(ctx context.Context, limit int) ([]*accord.IndicatorValue, int, error) {
	a, err := accord.RequireActor(ctx)
	if err != nil {
		return nil, 0, err
	}
	if !a.CanApprove() {
		return nil, 0, accord.Errorf(accord.EFORBIDDEN, "Only editors and administrators review indicator values.")
	}
	if limit < 1 {
		limit = 50
	}
	var w where
	w.add("v.status = 'submitted'")
	activityScope(&w, a)
	rows, err := db.queryRead(ctx, `SELECT `+valueColumns+`, i.name, x.id, x.title, COUNT(*) OVER () FROM indicator_values v
		JOIN indicators i ON i.id = v.indicator_id JOIN activities x ON x.id = i.activity_id`+w.String()+` ORDER BY v.updated_at, v.id LIMIT ?`, append(w.args, limit)...)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	var out []*accord.IndicatorValue
	total := 0
	for rows.Next() {
		var v *accord.IndicatorValue
		var name, title string
		var activity int64
		if v, err = scanValue(rows, &name, &activity, &title, &total); err != nil {
			return nil, 0, err
		}
		v.IndicatorName, v.ActivityID, v.ActivityTitle = name, activity, title
		out = append(out, v)
	}
	return out, total, rows.Err()
}
