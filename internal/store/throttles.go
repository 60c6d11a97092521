package store

import (
	"context"
	"crypto/sha256"
	"time"
)

// throttleSweepEvery is how often an instance deletes the rows of windows
// that have ended; between sweeps they are only reset on their next use.
const throttleSweepEvery = time.Minute

// Throttle counts one event for key in one atomic upsert, so that
// concurrent instances never lose a count: a window that has ended starts
// again at 1, otherwise the count goes up.
func (db *DB) Throttle(ctx context.Context, key string, limit int, window time.Duration) (bool, time.Duration, error) {
	var hits int
	var resetsAt int64
	var txNow time.Time // the clock the window was counted on (the database's on PostgreSQL)
	err := db.inTx(ctx, func(tx *Tx) error {
		txNow = tx.now
		now := tx.now.UnixMilli()
		if last := db.throttleSwept.Load(); now-last > throttleSweepEvery.Milliseconds() && db.throttleSwept.CompareAndSwap(last, now) {
			if _, err := tx.exec(`DELETE FROM throttles WHERE resets_at <= ?`, now); err != nil {
				return err
			}
		}
		return tx.queryRow(`INSERT INTO throttles (key_hash, hits, resets_at) VALUES (?, 1, ?)
			ON CONFLICT (key_hash) DO UPDATE SET
				hits = CASE WHEN throttles.resets_at <= ? THEN 1 ELSE throttles.hits + 1 END,
				resets_at = CASE WHEN throttles.resets_at <= ? THEN excluded.resets_at ELSE throttles.resets_at END
			RETURNING hits, resets_at`, throttleKey(key), now+window.Milliseconds(), now, now).Scan(&hits, &resetsAt)
	})
	if err != nil || hits <= limit {
		return err == nil, 0, err
	}
	return false, waitUntil(resetsAt, txNow), nil
}

// ThrottleRefund gives back one event counted by Throttle, for an attempt
// that proved not to count (a right password): counting before the check
// keeps parallel guesses within the limit.
func (db *DB) ThrottleRefund(ctx context.Context, key string) error {
	_, err := db.write.ExecContext(ctx, db.q(`UPDATE throttles SET hits = hits - 1 WHERE key_hash = ? AND hits > 0`), throttleKey(key))
	return storageError(err)
}

// throttleKey keeps keys (emails, addresses) out of the table and bounds their size.
func throttleKey(key string) []byte {
	h := sha256.Sum256([]byte(key))
	return h[:]
}

// waitUntil is the time from now to a window's end, rounded up to a second
// (Retry-After counts whole seconds) and at least one.
func waitUntil(resetsAtMilli int64, now time.Time) time.Duration {
	d := time.UnixMilli(resetsAtMilli).Sub(now)
	return max(time.Second, (d + time.Second - 1).Truncate(time.Second))
}
