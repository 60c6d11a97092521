package api

import (
	"encoding/json"
	"net/http"
	"strconv"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/auth"
)

// userBody is a user as clients send it: the fields of accord.User, plus the
// password when creating one. The read-only timestamps are accepted so that a
// record read with GET can be sent back, and ignored.
type userBody struct {
	ID        int64           `json:"id"`
	Version   int             `json:"version"`
	Email     string          `json:"email"`
	Name      string          `json:"name"`
	Role      accord.Role     `json:"role"`
	OrgID     *int64          `json:"org_id"`
	Language  string          `json:"language"`
	Disabled  bool            `json:"disabled"`
	CreatedAt json.RawMessage `json:"created_at"`
	UpdatedAt json.RawMessage `json:"updated_at"`
	Password  *string         `json:"password"`
}

func (b *userBody) user() *accord.User {
	return &accord.User{ID: b.ID, Version: b.Version, Email: b.Email, Name: b.Name, Role: b.Role,
		OrgID: b.OrgID, Language: b.Language, Disabled: b.Disabled}
}

func (a *API) listUsers(w http.ResponseWriter, r *http.Request) error {
	q, err := parseQuery(r, "q", "role", "page", "per_page")
	if err != nil {
		return err
	}
	page, perPage := q.page()
	roles := make([]string, len(accord.Roles))
	for i, role := range accord.Roles {
		roles[i] = string(role)
	}
	f := accord.UserFilter{Q: q.string("q"), Role: accord.Role(q.oneOf("role", roles)), Page: page, PerPage: perPage}
	return listed(w, r, q, f, a.store.ListUsers, nil)
}

// createUser creates a user with a password. The administrator check comes
// first, before the deliberately slow password hash, so that nobody else
// can make the server spend it.
func (a *API) createUser(w http.ResponseWriter, r *http.Request) error {
	if _, err := accord.RequireAdmin(r.Context()); err != nil {
		return err
	}
	var b userBody
	if err := decodeBody(w, r, &b); err != nil {
		return err
	}
	u := b.user()
	var p accord.Problems
	if b.Password == nil || *b.Password == "" {
		p.Add("password", "is required")
	} else if err := auth.CheckPasswordRules(*b.Password, u.Email, u.Name); err != nil {
		p.Add("password", "%s", err.Error())
	}
	p = append(p, accord.ErrorFields(u.Validate())...)
	if err := p.Err(); err != nil {
		return err
	}
	hash, err := auth.HashPassword(*b.Password)
	if err != nil {
		return err
	}
	if err := a.store.CreateUser(r.Context(), u, hash); err != nil {
		return err
	}
	return writeCreated(w, "/api/v1/users/"+strconv.FormatInt(u.ID, 10), u.Version, u)
}

// getMe answers the caller's own user record.
func (a *API) getMe(w http.ResponseWriter, r *http.Request) error {
	actor, err := accord.RequireActor(r.Context())
	if err != nil {
		return err
	}
	u, err := a.store.GetUser(r.Context(), actor.UserID)
	if err != nil {
		return err
	}
	return writeRecord(w, http.StatusOK, u.Version, u)
}

func (a *API) user() resource[accord.User] {
	return resource[accord.User]{path: "/api/v1/users/", get: a.store.GetUser,
		keys: func(u *accord.User) (*int64, *int) { return &u.ID, &u.Version }}
}

func (a *API) getUser(w http.ResponseWriter, r *http.Request) error {
	return a.user().read(w, r)
}

// updateUser replaces a user record. Administrators may change anything;
// others only their own name and language (the service decides).
// Passwords are not changed here.
func (a *API) updateUser(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	var b userBody
	if err := decodeBody(w, r, &b); err != nil {
		return err
	}
	if b.Password != nil {
		return invalid("password", "cannot be changed with PUT; it is set when the user is created")
	}
	if err := sameID(id, b.ID); err != nil {
		return err
	}
	u := b.user()
	pre, err := preconditionFor(r, u.Version)
	if err != nil {
		return err
	}
	u.ID, u.Version = id, pre.version
	if err := a.store.UpdateUser(r.Context(), u); err != nil {
		return pre.stale(r.Context(), err, a.user().version(id))
	}
	return writeRecord(w, http.StatusOK, u.Version, u)
}
