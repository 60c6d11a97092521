package accord

import (
	"context"
	"net/mail"
	"strings"
	"time"
)

// Role is what a user may do. Roles are ordered: each includes the ones below
// it, except partner, which is a viewer bound to one organization.
type Role string

// Roles, from most to least powerful.
const (
	RoleAdmin   Role = "admin"
	RoleEditor  Role = "editor"
	RoleOfficer Role = "officer"
	RoleViewer  Role = "viewer"
	RolePartner Role = "partner"
)

// Roles lists every role.
var Roles = []Role{RoleAdmin, RoleEditor, RoleOfficer, RoleViewer, RolePartner}

// Valid reports whether r is a known role.
func (r Role) Valid() bool {
	for _, x := range Roles {
		if r == x {
			return true
		}
	}
	return false
}

// User is a person who signs in to Accord.
type User struct {
	ID        int64     `json:"id"`
	Version   int       `json:"version"`
	Email     string    `json:"email"`
	Name      string    `json:"name"`
	Role      Role      `json:"role"`
	OrgID     *int64    `json:"org_id"` // required for partners, empty for others
	Language  string    `json:"language,omitempty"`
	Disabled  bool      `json:"disabled"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// Validate checks the rules of a user record.
func (u *User) Validate() error {
	var p Problems
	u.Email = strings.ToLower(strings.TrimSpace(u.Email))
	u.Name = strings.TrimSpace(u.Name)
	if u.Email == "" {
		p.Add("email", "is required")
	} else if a, err := mail.ParseAddress(u.Email); err != nil || a.Address != u.Email {
		p.Add("email", "is not a valid email address")
	}
	checkText(&p, "name", u.Name, true, 200)
	if !u.Role.Valid() {
		p.Add("role", "must be one of admin, editor, officer, viewer, partner")
	}
	if u.Role == RolePartner && u.OrgID == nil {
		p.Add("org_id", "is required for a partner user")
	}
	if u.Role != RolePartner && u.OrgID != nil {
		p.Add("org_id", "is only for partner users")
	}
	if u.Language != "" && !SupportedLanguage(u.Language) {
		p.Add("language", "must be en, fr or ar")
	}
	return p.Err()
}

// Actor is who performs an operation: a signed-in user, a token holder, or
// the system itself (CLI, demo loader, jobs).
type Actor struct {
	UserID int64
	Email  string
	Role   Role
	OrgID  int64 // the partner's organization; 0 for other roles
	System bool
}

// SystemActor acts for the command line and background jobs.
var SystemActor = Actor{Email: "system", Role: RoleAdmin, System: true}

// ActorFor returns the actor for user u.
func ActorFor(u *User) Actor {
	a := Actor{UserID: u.ID, Email: u.Email, Role: u.Role}
	if u.OrgID != nil {
		a.OrgID = *u.OrgID
	}
	return a
}

// CanWrite reports whether the actor may create and edit organizations, people and later records.
func (a Actor) CanWrite() bool {
	return a.Role == RoleAdmin || a.Role == RoleEditor || a.Role == RoleOfficer
}

// IsAdmin reports whether the actor administers users, groups and the audit log.
func (a Actor) IsAdmin() bool { return a.Role == RoleAdmin }

// IsPartner reports whether the actor's view is limited to one organization.
func (a Actor) IsPartner() bool { return a.Role == RolePartner }

type actorKey struct{}

// WithActor returns a context carrying the actor. Stores read it to scope
// queries and to sign the audit log.
func WithActor(ctx context.Context, a Actor) context.Context {
	return context.WithValue(ctx, actorKey{}, a)
}

// ActorFrom returns the actor in ctx and whether there is one.
func ActorFrom(ctx context.Context) (Actor, bool) {
	a, ok := ctx.Value(actorKey{}).(Actor)
	return a, ok
}

// RequireActor returns the actor of ctx, or EUNAUTHORIZED.
func RequireActor(ctx context.Context) (Actor, error) {
	a, ok := ActorFrom(ctx)
	if !ok {
		return Actor{}, Errorf(EUNAUTHORIZED, "Sign in first.")
	}
	return a, nil
}

// RequireWriter returns the actor of ctx if it may write, else an error.
func RequireWriter(ctx context.Context) (Actor, error) {
	a, err := RequireActor(ctx)
	if err == nil && !a.CanWrite() {
		err = Errorf(EFORBIDDEN, "Your role (%s) may not change records.", a.Role)
	}
	return a, err
}

// RequireAdmin returns the actor of ctx if it is an administrator, else an error.
func RequireAdmin(ctx context.Context) (Actor, error) {
	a, err := RequireActor(ctx)
	if err == nil && !a.IsAdmin() {
		err = Errorf(EFORBIDDEN, "Only administrators may do this.")
	}
	return a, err
}

// Languages Accord speaks; the first is the default.
var Languages = []string{"en", "fr", "ar"}

// SupportedLanguage reports whether lang is one of Languages.
func SupportedLanguage(lang string) bool {
	for _, l := range Languages {
		if l == lang {
			return true
		}
	}
	return false
}
