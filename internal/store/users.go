package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"github.com/accordhq/accord/internal/accord"
)

const userColumns = `u.id, u.version, u.email, u.name, u.role, u.org_id, u.language, u.disabled, u.created_at, u.updated_at`

func scanUser(row interface{ Scan(...any) error }, extra ...any) (*accord.User, error) {
	u := &accord.User{}
	var org sql.NullInt64
	var created, updated time.Time
	err := row.Scan(append([]any{&u.ID, &u.Version, &u.Email, &u.Name, &u.Role, &org, &u.Language, &u.Disabled, &created, &updated}, extra...)...)
	if org.Valid {
		u.OrgID = &org.Int64
	}
	u.CreatedAt, u.UpdatedAt = created.UTC(), updated.UTC()
	return u, err
}

// ListUsers lists users. Administrators only.
func (db *DB) ListUsers(ctx context.Context, f accord.UserFilter) ([]*accord.User, int, error) {
	if _, err := accord.RequireAdmin(ctx); err != nil {
		return nil, 0, err
	}
	var w where
	if f.Q != "" {
		like := "%" + strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(strings.ToLower(f.Q)) + "%"
		w.add(`(LOWER(u.email) LIKE ? ESCAPE '\' OR LOWER(u.name) LIKE ? ESCAPE '\')`, like, like)
	}
	if f.Role != "" {
		w.add("u.role = ?", string(f.Role))
	}
	var total int
	if err := db.queryRowRead(ctx, "SELECT COUNT(*) FROM users u"+w.String(), w.args...).Scan(&total); err != nil {
		return nil, 0, err
	}
	limit, offset := accord.Page(f.Page, f.PerPage)
	rows, err := db.queryRead(ctx, "SELECT "+userColumns+" FROM users u"+w.String()+" ORDER BY u.email LIMIT ? OFFSET ?", append(w.args, limit, offset)...)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	var out []*accord.User
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			return nil, 0, err
		}
		out = append(out, u)
	}
	return out, total, rows.Err()
}

// GetUser returns a user: any user to an administrator, oneself to others.
func (db *DB) GetUser(ctx context.Context, id int64) (*accord.User, error) {
	a, err := accord.RequireActor(ctx)
	if err != nil {
		return nil, err
	}
	if !a.IsAdmin() && a.UserID != id {
		return nil, notFound("User", id)
	}
	u, err := scanUser(db.queryRowRead(ctx, "SELECT "+userColumns+" FROM users u WHERE u.id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("User", id)
	}
	return u, err
}

func (tx *Tx) checkUser(u *accord.User) error {
	if err := u.Validate(); err != nil {
		return err
	}
	if u.OrgID != nil && !tx.exists(`SELECT 1 FROM organizations WHERE id = ?`, *u.OrgID) {
		return &accord.Error{Code: accord.EINVALID, Message: "Some fields need attention",
			Fields: []accord.FieldError{{Field: "org_id", Message: "organization does not exist"}}}
	}
	if tx.exists(`SELECT 1 FROM users WHERE email = ? AND id <> ?`, u.Email, u.ID) {
		return &accord.Error{Code: accord.ECONFLICT, Message: "A user with this email already exists",
			Fields: []accord.FieldError{{Field: "email", Message: u.Email + " is already taken"}}}
	}
	return nil
}

// CreateUser stores a new user with a password hash. Administrators only.
func (db *DB) CreateUser(ctx context.Context, u *accord.User, passwordHash string) error {
	if _, err := accord.RequireAdmin(ctx); err != nil {
		return err
	}
	return db.inTx(ctx, func(tx *Tx) error {
		u.ID = 0
		if err := tx.checkUser(u); err != nil {
			return err
		}
		id, err := tx.insert(usersTable.insertSQL(), userRow(nil, u, passwordHash, tx.now, tx.now)...)
		if uniqueViolation(err) {
			return accord.Errorf(accord.ECONFLICT, "A user with email %s already exists.", u.Email)
		} else if err != nil {
			return err
		}
		u.ID, u.Version, u.CreatedAt, u.UpdatedAt = id, 1, tx.now, tx.now
		return tx.audit("create", "user", id, nil, u)
	})
}

// UpdateUser saves a user. Administrators may change anything; a user may
// change only their own name and language.
func (db *DB) UpdateUser(ctx context.Context, u *accord.User) error {
	a, err := accord.RequireActor(ctx)
	if err != nil {
		return err
	}
	return db.inTx(ctx, func(tx *Tx) error {
		before, err := scanUser(tx.queryRow("SELECT "+userColumns+" FROM users u WHERE u.id = ?"+tx.forUpdate(), u.ID))
		if errors.Is(err, sql.ErrNoRows) || (err == nil && !a.IsAdmin() && a.UserID != u.ID) {
			return notFound("User", u.ID)
		} else if err != nil {
			return err
		}
		if before.Version != u.Version {
			return accord.Stale("User", u.ID, u.Version, before.Version)
		}
		if !a.IsAdmin() && (u.Role != before.Role || u.Email != before.Email || u.Disabled != before.Disabled || !sameID(u.OrgID, before.OrgID)) {
			return accord.Errorf(accord.EFORBIDDEN, "Only administrators may change a user's email, role, organization or status.")
		}
		if err := tx.checkUser(u); err != nil {
			return err
		}
		if err := tx.execVersioned("User", u.ID, u.Version, `UPDATE users SET version = version + 1, email = ?, name = ?, role = ?, org_id = ?, language = ?, disabled = ?, updated_at = ? WHERE id = ? AND version = ?`,
			u.Email, u.Name, string(u.Role), nullID(u.OrgID), u.Language, u.Disabled, tx.now, u.ID, u.Version); err != nil {
			return err
		}
		if u.Disabled {
			if _, err := tx.exec(`DELETE FROM sessions WHERE user_id = ?`, u.ID); err != nil {
				return err
			}
		}
		u.Version, u.CreatedAt, u.UpdatedAt = before.Version+1, before.CreatedAt, tx.now
		return tx.audit("update", "user", u.ID, before, u)
	})
}

func sameID(a, b *int64) bool {
	return (a == nil && b == nil) || (a != nil && b != nil && *a == *b)
}

// SetPassword replaces a user's password hash and signs out their sessions.
func (db *DB) SetPassword(ctx context.Context, userID int64, passwordHash string) error {
	a, err := accord.RequireActor(ctx)
	if err != nil {
		return err
	}
	if !a.IsAdmin() && a.UserID != userID {
		return notFound("User", userID)
	}
	return db.inTx(ctx, func(tx *Tx) error {
		res, err := tx.exec(`UPDATE users SET password_hash = ?, updated_at = ? WHERE id = ?`, passwordHash, tx.now, userID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return notFound("User", userID)
		}
		if _, err := tx.exec(`DELETE FROM sessions WHERE user_id = ?`, userID); err != nil {
			return err
		}
		return tx.audit("update", "user", userID, map[string]any{"password": "(old)"}, map[string]any{"password": "(changed)"})
	})
}

// UserByEmail returns the user with this email and their password hash, for sign-in.
func (db *DB) UserByEmail(ctx context.Context, email string) (*accord.User, string, error) {
	var hash string
	u, err := scanUser(db.queryRowRead(ctx, "SELECT "+userColumns+", u.password_hash FROM users u WHERE u.email = ?", strings.ToLower(strings.TrimSpace(email))), &hash)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, "", accord.Errorf(accord.ENOTFOUND, "No user with this email.")
	}
	return u, hash, err
}
