package store

import (
	"context"
	"time"

	"github.com/accordhq/accord/internal/accord"
)

// Reminders are a background job's work, not a user's request: these
// methods need no actor.

// dueReminderQueries find the reminders of each kind due on a day: the
// recipient, the record, its title, source and date, and the stage. Each
// leaves out the reminders already sent (at this stage, for this date) and
// the users whose digest of the day went out (it recorded reminders of that
// day): what falls due later that day waits for the next day's digest. The
// last arguments, the user twice, keep one user's reminders (0: everyone's).
var dueReminderQueries = []struct {
	kind  string
	query string
	args  func(day string, in func(days int) string) []any
}{{
	// Active agreements expiring within 90 days, to staff who may write;
	// the stage is the smallest window the expiry falls in.
	kind: accord.ReminderAgreementExpiry,
	query: `SELECT u.id, u.email, u.name, u.language, g.id, g.title, '', g.expiry_date, g.stage
		FROM (SELECT id, title, expiry_date,
				CASE WHEN expiry_date <= ? THEN '30' WHEN expiry_date <= ? THEN '60' ELSE '90' END AS stage
			FROM agreements
			WHERE status = 'active' AND expiry_date <> '' AND expiry_date >= ? AND expiry_date <= ?) g
		JOIN users u ON u.role IN ('admin', 'editor', 'officer') AND u.disabled = FALSE
		WHERE NOT EXISTS (SELECT 1 FROM reminders r WHERE r.user_id = u.id AND r.kind = 'agreement_expiry'
				AND r.record_id = g.id AND r.stage = g.stage AND r.due_on = g.expiry_date)
			AND NOT EXISTS (SELECT 1 FROM reminders d WHERE d.user_id = u.id AND d.day = ?) AND (CAST(? AS BIGINT) = 0 OR u.id = ?)
		ORDER BY u.id, g.expiry_date, g.id`,
	args: func(day string, in func(int) string) []any { return []any{in(30), in(60), day, in(90), day} },
}, {
	// Open action points with an owner, due within 7 days or overdue, to the owner.
	kind: accord.ReminderActionPointDue,
	query: `SELECT u.id, u.email, u.name, u.language, ap.id, ap.text, e.title, ap.due_date, ap.stage
		FROM (SELECT id, text, engagement_id, owner_id, due_date,
				CASE WHEN due_date < ? THEN 'overdue' ELSE 'due7' END AS stage
			FROM action_points
			WHERE status IN ('open', 'in_progress') AND owner_id IS NOT NULL AND due_date <> '' AND due_date <= ?) ap
		JOIN users u ON u.id = ap.owner_id AND u.disabled = FALSE
		JOIN engagements e ON e.id = ap.engagement_id
		WHERE NOT EXISTS (SELECT 1 FROM reminders r WHERE r.user_id = u.id AND r.kind = 'action_point_due'
				AND r.record_id = ap.id AND r.stage = ap.stage AND r.due_on = ap.due_date)
			AND NOT EXISTS (SELECT 1 FROM reminders d WHERE d.user_id = u.id AND d.day = ?) AND (CAST(? AS BIGINT) = 0 OR u.id = ?)
		ORDER BY u.id, ap.due_date, ap.id`,
	args: func(day string, in func(int) string) []any { return []any{day, in(7), day} },
}, {
	// Indicator values submitted for approval, to those who approve them.
	kind: accord.ReminderValueAwaiting,
	query: `SELECT u.id, u.email, u.name, u.language, v.id, i.name || ' — ' || v.period, x.title, '', 'v' || CAST(v.version AS TEXT)
		FROM indicator_values v JOIN indicators i ON i.id = v.indicator_id JOIN activities x ON x.id = i.activity_id
		JOIN users u ON u.role IN ('admin', 'editor') AND u.disabled = FALSE
		WHERE v.status = 'submitted'
			AND NOT EXISTS (SELECT 1 FROM reminders r WHERE r.user_id = u.id AND r.kind = 'value_awaiting'
				AND r.record_id = v.id AND r.stage = 'v' || CAST(v.version AS TEXT))
			AND NOT EXISTS (SELECT 1 FROM reminders d WHERE d.user_id = u.id AND d.day = ?) AND (CAST(? AS BIGINT) = 0 OR u.id = ?)
		ORDER BY u.id, v.id`,
	args: func(day string, _ func(int) string) []any { return []any{day} },
}}

// DueReminders lists the reminders due on today's date that were not sent
// yet, by user: of userID, or of everyone when it is 0. Disabled users get
// none.
func (db *DB) DueReminders(ctx context.Context, today time.Time, userID int64) ([]accord.Reminder, error) {
	day := today.Format(time.DateOnly)
	in := func(days int) string { return today.AddDate(0, 0, days).Format(time.DateOnly) }
	var out []accord.Reminder
	for _, q := range dueReminderQueries {
		rows, err := db.queryRead(ctx, q.query, append(q.args(day, in), userID, userID)...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			r := accord.Reminder{Kind: q.kind}
			if err := rows.Scan(&r.To.UserID, &r.To.Email, &r.To.Name, &r.To.Language, &r.RecordID, &r.Title, &r.Source, &r.Date, &r.Stage); err != nil {
				rows.Close()
				return nil, err
			}
			out = append(out, r)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// MarkDigestSent records each of the digest's reminders as sent, in one
// transaction: either all of it is recorded, and the user's digest of the
// day has gone out, or none of it.
func (db *DB) MarkDigestSent(ctx context.Context, d accord.Digest, now time.Time) error {
	return db.inTx(ctx, func(tx *Tx) error {
		for _, r := range d.Reminders {
			if _, err := tx.exec(`INSERT INTO reminders (user_id, kind, record_id, stage, due_on, day, sent_at) VALUES (?, ?, ?, ?, ?, ?, ?)
				ON CONFLICT (user_id, kind, record_id, stage, due_on) DO NOTHING`,
				d.To.UserID, r.Kind, r.RecordID, r.Stage, string(r.Date), string(d.Day), now.UTC()); err != nil {
				return err
			}
		}
		return nil
	})
}
