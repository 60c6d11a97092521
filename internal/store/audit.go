package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"reflect"
	"time"

	"github.com/accordhq/accord/internal/accord"
)

// audit records a change in the same transaction as the change itself.
// For updates only the fields that changed are kept, before and after.
func (tx *Tx) audit(action, entity string, id int64, before, after any) error {
	actor, ok := accord.ActorFrom(tx.ctx)
	if !ok {
		return accord.Errorf(accord.EUNAUTHORIZED, "Sign in first.")
	}
	old, new := toMap(before), toMap(after)
	for _, skip := range []string{"version", "updated_at", "created_at"} {
		delete(old, skip)
		delete(new, skip)
	}
	if old != nil && new != nil {
		for k, v := range old {
			if reflect.DeepEqual(v, new[k]) {
				delete(old, k)
				delete(new, k)
			}
		}
		if len(old) == 0 && len(new) == 0 {
			return nil // nothing changed
		}
	}
	var actorID any
	if actor.UserID != 0 {
		actorID = actor.UserID
	}
	_, err := tx.exec(`INSERT INTO audit_log (at, actor_id, actor, action, entity, entity_id, old_data, new_data) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		tx.now, actorID, actor.Email, action, entity, id, jsonOrNil(old), jsonOrNil(new))
	return err
}

func toMap(v any) map[string]any {
	if rv := reflect.ValueOf(v); !rv.IsValid() || rv.Kind() == reflect.Pointer && rv.IsNil() {
		return nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return nil
	}
	var m map[string]any
	_ = json.Unmarshal(b, &m)
	return m
}

func jsonOrNil(m map[string]any) any {
	if m == nil {
		return nil
	}
	b, _ := json.Marshal(m)
	return string(b)
}

// ListAudit lists the audit log, newest first. Administrators only.
func (db *DB) ListAudit(ctx context.Context, f accord.AuditFilter) ([]*accord.AuditEntry, int, error) {
	if _, err := accord.RequireAdmin(ctx); err != nil {
		return nil, 0, err
	}
	var w where
	if f.Entity != "" {
		w.add("entity = ?", f.Entity)
	}
	if f.EntityID != 0 {
		w.add("entity_id = ?", f.EntityID)
	}
	if f.ActorID != 0 {
		w.add("actor_id = ?", f.ActorID)
	}
	if f.Action != "" {
		w.add("action = ?", f.Action)
	}
	if !f.Since.IsZero() {
		w.add("at >= ?", f.Since.UTC())
	}
	if !f.Until.IsZero() {
		w.add("at < ?", f.Until.UTC())
	}
	var total int
	if err := db.queryRowRead(ctx, "SELECT COUNT(*) FROM audit_log"+w.String(), w.args...).Scan(&total); err != nil {
		return nil, 0, err
	}
	limit, offset := accord.Page(f.Page, f.PerPage)
	rows, err := db.queryRead(ctx, `SELECT id, at, COALESCE(actor_id, 0), actor, action, entity, entity_id, old_data, new_data
		FROM audit_log`+w.String()+` ORDER BY id DESC LIMIT ? OFFSET ?`, append(w.args, limit, offset)...)
	if err != nil {
		return nil, 0, err
	}
	entries, err := scanAudit(rows)
	return entries, total, err
}

// scanAudit reads audit entries and closes rows.
func scanAudit(rows *sql.Rows) ([]*accord.AuditEntry, error) {
	defer rows.Close()
	var out []*accord.AuditEntry
	for rows.Next() {
		e := &accord.AuditEntry{}
		var before, after []byte
		var at time.Time
		if err := rows.Scan(&e.ID, &at, &e.ActorID, &e.Actor, &e.Action, &e.Entity, &e.EntityID, &before, &after); err != nil {
			return nil, err
		}
		e.At = at.UTC()
		if before != nil {
			e.Before = json.RawMessage(before)
		}
		if after != nil {
			e.After = json.RawMessage(after)
		}
		out = append(out, e)
	}
	return out, rows.Err()
}
