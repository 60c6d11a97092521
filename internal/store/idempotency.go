package store

import (
	"context"
	"database/sql"
	"errors"

	"github.com/accordhq/accord/internal/accord"
)

// claimIdempotencyKey records the request's Idempotency-Key in tx, the
// transaction of its first write, unless ctx carries none or it is already
// taken. Two requests with one key racing on two instances both get here;
// the unique key makes the later wait for the earlier's commit (PostgreSQL)
// or find its row (SQLite's single writer), and fail: its write rolls back.
// It returns the claim it recorded, to be marked taken once tx commits.
func (tx *Tx) claimIdempotencyKey() (*accord.IdempotencyClaim, error) {
	c := accord.IdempotencyClaimFrom(tx.ctx)
	if c == nil || c.Taken() {
		return nil, nil
	}
	a, ok := accord.ActorFrom(tx.ctx)
	if !ok || a.UserID == 0 {
		return nil, nil
	}
	// An expired row of the same key gives way to the new request.
	if _, err := tx.exec(`DELETE FROM idempotency_keys WHERE user_id = ? AND key = ? AND created_at < ?`,
		a.UserID, c.Key, tx.now.Add(-accord.IdempotencyTTL)); err != nil {
		return nil, err
	}
	res, err := tx.exec(`INSERT INTO idempotency_keys (user_id, key, fingerprint, created_at) VALUES (?, ?, ?, ?)
		ON CONFLICT (user_id, key) DO NOTHING`, a.UserID, c.Key, c.Fingerprint, tx.now)
	if err != nil {
		return nil, err
	}
	if n, err := res.RowsAffected(); err != nil {
		return nil, err
	} else if n == 0 {
		return nil, accord.Errorf(accord.ECONFLICT, "Another request with this Idempotency-Key was carried out meanwhile; send this one again to get its answer.")
	}
	return c, nil
}

// IdempotentRequest returns the actor's unexpired request with key.
func (db *DB) IdempotentRequest(ctx context.Context, key string) (*accord.IdempotentRequest, error) {
	a, err := accord.RequireActor(ctx)
	if err != nil {
		return nil, err
	}
	var (
		req    accord.IdempotentRequest
		status sql.NullInt64
		res    accord.StoredResponse
	)
	err = db.queryRowRead(ctx, `SELECT fingerprint, created_at, status, location, etag, content_type, body
		FROM idempotency_keys WHERE user_id = ? AND key = ? AND created_at >= ?`, a.UserID, key, db.Clock().UTC().Add(-accord.IdempotencyTTL)).
		Scan(&req.Fingerprint, &req.CreatedAt, &status, &res.Location, &res.ETag, &res.ContentType, &res.Body)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, accord.Errorf(accord.ENOTFOUND, "No request with this Idempotency-Key.")
	}
	if err != nil {
		return nil, err
	}
	if status.Valid {
		res.Status = int(status.Int64)
		req.Response = &res
	}
	return &req, nil
}

// SaveIdempotentResponse stores the answer to the actor's request with key,
// and sweeps the keys that expired: each write with a key removes a few,
// so that no job is needed.
func (db *DB) SaveIdempotentResponse(ctx context.Context, key string, res *accord.StoredResponse) error {
	a, err := accord.RequireActor(ctx)
	if err != nil {
		return err
	}
	return db.inTx(ctx, func(tx *Tx) error {
		if _, err := tx.exec(`UPDATE idempotency_keys SET status = ?, location = ?, etag = ?, content_type = ?, body = ?
			WHERE user_id = ? AND key = ?`, res.Status, res.Location, res.ETag, res.ContentType, res.Body, a.UserID, key); err != nil {
			return err
		}
		_, err := tx.exec(`DELETE FROM idempotency_keys WHERE created_at < ?`, tx.now.Add(-accord.IdempotencyTTL))
		return err
	})
}
