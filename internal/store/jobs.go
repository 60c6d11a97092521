package store

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"slices"
	"strings"
	"time"

	"github.com/accordhq/accord/internal/accord"
)

// The job queue (accord.JobQueue). Jobs are a background worker's, not a
// user's: these methods need no actor. Times come from the worker's clock
// (see accord.JobQueue), cut to the microsecond PostgreSQL keeps.

const jobColumns = `id, kind, key, payload, state, attempts, max_attempts, run_after, claimed_by, claimed_until, last_error, created_at, done_at`

func scanJob(row interface{ Scan(...any) error }) (accord.Job, error) {
	var j accord.Job
	var until, done sql.NullTime
	err := row.Scan(&j.ID, &j.Kind, &j.Key, &j.Payload, &j.State, &j.Attempts, &j.MaxAttempts, &j.RunAfter, &j.ClaimedBy, &until,
		&j.LastError, &j.CreatedAt, &done)
	j.RunAfter, j.CreatedAt = j.RunAfter.UTC(), j.CreatedAt.UTC()
	if until.Valid {
		j.ClaimedUntil = until.Time.UTC()
	}
	if done.Valid {
		j.DoneAt = done.Time.UTC()
	}
	return j, err
}

func jobTime(t time.Time) time.Time { return t.UTC().Truncate(time.Microsecond) }

// Enqueue adds the jobs in one transaction, skipping those already queued.
func (db *DB) Enqueue(ctx context.Context, jobs ...accord.NewJob) (int, error) {
	for _, j := range jobs {
		if err := j.Validate(); err != nil {
			return 0, err
		}
	}
	added := 0
	err := db.inTx(ctx, func(tx *Tx) error {
		added = 0
		for _, j := range jobs {
			ok, err := tx.enqueue(j)
			if err != nil {
				return err
			}
			if ok {
				added++
			}
		}
		return nil
	})
	return added, err
}

// enqueue adds a job unless its kind and key are taken; with Again, a job
// of that key that has ended is queued anew instead. It reports whether a
// job was added or queued anew.
func (tx *Tx) enqueue(j accord.NewJob) (bool, error) {
	onConflict := ` ON CONFLICT (kind, key) DO NOTHING`
	if j.Again {
		onConflict = ` ON CONFLICT (kind, key) DO UPDATE SET state = 'queued', payload = excluded.payload, attempts = 0,
			max_attempts = excluded.max_attempts, run_after = excluded.run_after, claimed_by = '', claimed_until = NULL,
			last_error = '', done_at = NULL
			WHERE jobs.state IN ('done', 'dead')`
	}
	res, err := tx.exec(`INSERT INTO jobs (kind, key, payload, state, attempts, max_attempts, run_after, created_at)
		VALUES (?, ?, ?, 'queued', 0, ?, ?, ?)`+onConflict, j.Kind, j.Key, j.Payload, j.MaxAttempts, jobTime(j.RunAfter), tx.now)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// skipLocked makes a claim's SELECT lock the rows it picks and pass over
// those another claim has locked, so that concurrent claimers on
// PostgreSQL take different jobs instead of queueing behind one another.
// SQLite's single writer connection already runs one claim at a time.
func (tx *Tx) skipLocked() string { return tx.db.dialect.skipLocked() }

// Claim hands instance up to limit due jobs of kind, oldest first.
func (db *DB) Claim(ctx context.Context, kind, instance string, now time.Time, lease time.Duration, limit int) ([]accord.Job, error) {
	if limit < 1 || lease <= 0 {
		return nil, accord.Errorf(accord.EINVALID, "A claim takes at least one job for a positive lease (limit %d, lease %s).", limit, lease)
	}
	now = jobTime(now)
	var out []accord.Job
	err := db.inTx(ctx, func(tx *Tx) error {
		out = nil
		// A job whose instance died during its last try is not tried again:
		// it is dead, so that a job queued anew under its key (Again) may
		// take its place.
		if _, err := tx.exec(`UPDATE jobs SET state = 'dead', claimed_until = NULL, done_at = ?,
			last_error = 'the instance running its last try stopped before it finished'
			WHERE kind = ? AND state = 'running' AND claimed_until <= ? AND attempts >= max_attempts`, now, kind, now); err != nil {
			return err
		}
		// One statement picks and claims the jobs. MATERIALIZED makes the
		// pick run once, whatever plan PostgreSQL chooses for the update.
		rows, err := tx.query(`WITH due AS MATERIALIZED (
				SELECT id FROM jobs
				WHERE kind = ? AND ((state = 'queued' AND run_after <= ?) OR (state = 'running' AND claimed_until <= ?))
				ORDER BY run_after, id LIMIT ?`+tx.skipLocked()+`)
			UPDATE jobs SET state = 'running', attempts = attempts + 1, claimed_by = ?, claimed_until = ?
			FROM due WHERE jobs.id = due.id
			RETURNING jobs.`+strings.ReplaceAll(jobColumns, ", ", ", jobs."),
			kind, now, now, limit, instance, now.Add(lease))
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			j, err := scanJob(rows)
			if err != nil {
				return err
			}
			out = append(out, j)
		}
		return rows.Err()
	})
	// RETURNING keeps no order.
	slices.SortFunc(out, func(a, b accord.Job) int {
		if c := a.RunAfter.Compare(b.RunAfter); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
	return out, err
}

// Ack marks done a job that instance holds.
func (db *DB) Ack(ctx context.Context, id int64, instance string, now time.Time) error {
	return db.inTx(ctx, func(tx *Tx) error {
		if _, err := tx.heldJob(id, instance); err != nil {
			return err
		}
		_, err := tx.exec(`UPDATE jobs SET state = 'done', claimed_until = NULL, last_error = '', done_at = ? WHERE id = ?`, jobTime(now), id)
		return err
	})
}

// Fail records a failed try of a job that instance holds: it is queued
// again for now+retryIn, or dead after its last try.
func (db *DB) Fail(ctx context.Context, id int64, instance, cause string, now time.Time, retryIn time.Duration) (accord.Job, error) {
	if len(cause) > 1000 {
		cause = strings.ToValidUTF8(cause[:1000], "")
	}
	now = jobTime(now)
	var j accord.Job
	err := db.inTx(ctx, func(tx *Tx) error {
		var err error
		if j, err = tx.heldJob(id, instance); err != nil {
			return err
		}
		j.State, j.LastError, j.ClaimedUntil = accord.JobQueued, cause, time.Time{}
		if j.LastAttempt() {
			j.State, j.DoneAt = accord.JobDead, now
		} else {
			j.RunAfter = now.Add(retryIn)
		}
		var done any
		if !j.DoneAt.IsZero() {
			done = j.DoneAt
		}
		_, err = tx.exec(`UPDATE jobs SET state = ?, run_after = ?, claimed_until = NULL, last_error = ?, done_at = ? WHERE id = ?`,
			j.State, j.RunAfter, cause, done, id)
		return err
	})
	return j, err
}

// heldJob reads and locks a job that instance holds; ECONFLICT when it
// holds it no longer (it was taken over, or it ended).
func (tx *Tx) heldJob(id int64, instance string) (accord.Job, error) {
	j, err := scanJob(tx.queryRow(`SELECT `+jobColumns+` FROM jobs WHERE id = ?`+tx.forUpdate(), id))
	if err != nil {
		return j, noRow(err, "Job", id)
	}
	if j.State != accord.JobRunning || j.ClaimedBy != instance {
		return j, accord.Errorf(accord.ECONFLICT, "Job %d (%s %s) is not held by %s: it is %s, last claimed by %s.",
			id, j.Kind, j.Key, instance, j.State, j.ClaimedBy)
	}
	return j, nil
}

// Job returns the job of kind and key.
func (db *DB) Job(ctx context.Context, kind, key string) (accord.Job, error) {
	j, err := scanJob(db.queryRowRead(ctx, `SELECT `+jobColumns+` FROM jobs WHERE kind = ? AND key = ?`, kind, key))
	if errors.Is(err, sql.ErrNoRows) {
		return j, accord.Errorf(accord.ENOTFOUND, "No %s job %q.", kind, key)
	}
	return j, err
}
