package accord

import (
	"context"
	"time"
)

// Session is a signed-in browser. The cookie holds a secret whose hash is stored.
type Session struct {
	UserID    int64
	ExpiresAt time.Time
}

// Token is a personal API token. Only its hash is stored; the secret is shown once.
type Token struct {
	ID         int64      `json:"id"`
	UserID     int64      `json:"user_id"`
	Name       string     `json:"name"`
	CreatedAt  time.Time  `json:"created_at"`
	LastUsedAt *time.Time `json:"last_used_at"`
}

// UserFilter narrows a list of users.
type UserFilter struct {
	Q       string
	Role    Role
	Page    int
	PerPage int
}

// UserService stores users, their credentials, sessions and tokens.
type UserService interface {
	ListUsers(ctx context.Context, f UserFilter) ([]*User, int, error)
	GetUser(ctx context.Context, id int64) (*User, error)
	CreateUser(ctx context.Context, u *User, passwordHash string) error
	UpdateUser(ctx context.Context, u *User) error
	SetPassword(ctx context.Context, userID int64, passwordHash string) error
	// UserByEmail is for sign-in; it returns the stored password hash too.
	UserByEmail(ctx context.Context, email string) (*User, string, error)

	CreateSession(ctx context.Context, secretHash []byte, s Session) error
	// SessionUser returns the live session's user, or ENOTFOUND.
	SessionUser(ctx context.Context, secretHash []byte) (*User, error)
	DeleteSession(ctx context.Context, secretHash []byte) error

	CreateToken(ctx context.Context, t *Token, secretHash []byte) error
	ListTokens(ctx context.Context, userID int64) ([]*Token, error)
	RevokeToken(ctx context.Context, userID, tokenID int64) error
	// TokenUser returns the user owning a token, or ENOTFOUND.
	TokenUser(ctx context.Context, secretHash []byte) (*User, error)
}
