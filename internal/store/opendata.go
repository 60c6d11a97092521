package store

import (
	"context"
	"database/sql"
	"errors"
	"time"
)

// OpenDataUpdated is the latest updated_at of the tables the open-data
// downloads are made of. Each is read newest first so that the column's
// type, and so the time's parsing, survives in both dialects.
func (db *DB) OpenDataUpdated(ctx context.Context) (time.Time, error) {
	var latest time.Time
	for _, table := range []string{"activities", "flows", "appeals", "organizations"} {
		var t time.Time
		err := db.queryRowRead(ctx, `SELECT updated_at FROM `+table+` ORDER BY updated_at DESC LIMIT 1`).Scan(&t)
		if errors.Is(err, sql.ErrNoRows) {
			continue
		} else if err != nil {
			return time.Time{}, err
		}
		if t.After(latest) {
			latest = t
		}
	}
	return latest.UTC(), nil
}
