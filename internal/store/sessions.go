package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/accordhq/accord/internal/accord"
)

// CreateSession stores a session under the hash of its secret.
func (db *DB) CreateSession(ctx context.Context, secretHash []byte, s accord.Session) error {
	return db.inTx(ctx, func(tx *Tx) error {
		// Sweep expired sessions while here; cheap with few rows, and no job needed.
		if _, err := tx.exec(`DELETE FROM sessions WHERE expires_at < ?`, tx.now); err != nil {
			return err
		}
		_, err := tx.exec(`INSERT INTO sessions (secret_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)`,
			secretHash, s.UserID, tx.now, s.ExpiresAt.UTC())
		return err
	})
}

// SessionUser returns the user of a live session.
func (db *DB) SessionUser(ctx context.Context, secretHash []byte) (*accord.User, error) {
	u, err := scanUser(db.queryRowRead(ctx, "SELECT "+userColumns+` FROM sessions s JOIN users u ON u.id = s.user_id
		WHERE s.secret_hash = ? AND s.expires_at > ? AND u.disabled = FALSE`, secretHash, db.Clock().UTC()))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, accord.Errorf(accord.ENOTFOUND, "Session expired.")
	}
	return u, err
}

// DeleteSession ends a session.
func (db *DB) DeleteSession(ctx context.Context, secretHash []byte) error {
	return db.inTx(ctx, func(tx *Tx) error {
		_, err := tx.exec(`DELETE FROM sessions WHERE secret_hash = ?`, secretHash)
		return err
	})
}

// CreateToken stores an API token for the acting user (or any user, for administrators).
func (db *DB) CreateToken(ctx context.Context, t *accord.Token, secretHash []byte) error {
	a, err := accord.RequireActor(ctx)
	if err != nil {
		return err
	}
	if !a.IsAdmin() && a.UserID != t.UserID {
		return accord.Errorf(accord.EFORBIDDEN, "You may create tokens only for yourself.")
	}
	var p accord.Problems
	t.Name = strings.TrimSpace(t.Name)
	if t.Name == "" {
		p.Add("name", "is required")
	} else if utf8.RuneCountInString(t.Name) > 100 {
		p.Add("name", "is too long (at most 100 characters)")
	}
	if err := p.Err(); err != nil {
		return err
	}
	return db.inTx(ctx, func(tx *Tx) error {
		id, err := tx.insert(`INSERT INTO tokens (user_id, name, secret_hash, created_at) VALUES (?, ?, ?, ?)`, t.UserID, t.Name, secretHash, tx.now)
		if err != nil {
			return err
		}
		t.ID, t.CreatedAt = id, tx.now
		return tx.audit("create", "token", id, nil, t)
	})
}

// ListTokens lists a user's live tokens.
func (db *DB) ListTokens(ctx context.Context, userID int64) ([]*accord.Token, error) {
	a, err := accord.RequireActor(ctx)
	if err != nil {
		return nil, err
	}
	if !a.IsAdmin() && a.UserID != userID {
		return nil, notFound("User", userID)
	}
	rows, err := db.queryRead(ctx, `SELECT id, user_id, name, created_at, last_used_at FROM tokens WHERE user_id = ? AND revoked_at IS NULL ORDER BY id`, userID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*accord.Token
	for rows.Next() {
		t := &accord.Token{}
		var used sql.NullTime
		if err := rows.Scan(&t.ID, &t.UserID, &t.Name, &t.CreatedAt, &used); err != nil {
			return nil, err
		}
		t.CreatedAt = t.CreatedAt.UTC()
		if used.Valid {
			u := used.Time.UTC()
			t.LastUsedAt = &u
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// RevokeToken revokes one of the user's tokens.
func (db *DB) RevokeToken(ctx context.Context, userID, tokenID int64) error {
	a, err := accord.RequireActor(ctx)
	if err != nil {
		return err
	}
	if !a.IsAdmin() && a.UserID != userID {
		return notFound("Token", tokenID)
	}
	return db.inTx(ctx, func(tx *Tx) error {
		res, err := tx.exec(`UPDATE tokens SET revoked_at = ? WHERE id = ? AND user_id = ? AND revoked_at IS NULL`, tx.now, tokenID, userID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return notFound("Token", tokenID)
		}
		return tx.audit("delete", "token", tokenID, map[string]any{"revoked": false}, map[string]any{"revoked": true})
	})
}

// TokenUser returns the owner of a live token and notes its use.
func (db *DB) TokenUser(ctx context.Context, secretHash []byte) (*accord.User, error) {
	now := db.Clock()
	var tokenID int64
	var used sql.NullTime
	u, err := scanUser(db.queryRowRead(ctx, "SELECT "+userColumns+`, t.id, t.last_used_at FROM tokens t JOIN users u ON u.id = t.user_id
		WHERE t.secret_hash = ? AND t.revoked_at IS NULL AND u.disabled = FALSE`, secretHash), &tokenID, &used)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, accord.Errorf(accord.EUNAUTHORIZED, "The API token is unknown or revoked.")
	}
	if err != nil {
		return nil, err
	}
	// Note the use at most once a minute, and once per instance: a write per
	// API call would queue every request behind the one writer, and 32
	// requests seeing the same stale time would all write the same row.
	if (!used.Valid || now.Sub(used.Time) > time.Minute) && db.claimTokenTouch(tokenID, now) {
		err = db.inTx(ctx, func(tx *Tx) error {
			_, err := tx.exec(`UPDATE tokens SET last_used_at = ? WHERE id = ?`, now.UTC(), tokenID)
			return err
		})
	}
	return u, err
}

// claimTokenTouch reports whether this caller should record a token's use
// now: true for the first caller in a minute, false for the others.
func (db *DB) claimTokenTouch(tokenID int64, now time.Time) bool {
	for {
		prev, loaded := db.tokenTouched.LoadOrStore(tokenID, now)
		if !loaded {
			return true
		}
		if now.Sub(prev.(time.Time)) < time.Minute {
			return false
		}
		if db.tokenTouched.CompareAndSwap(tokenID, prev, now) {
			return true
		}
	}
}
