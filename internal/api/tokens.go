package api

import (
	"net/http"
	"strings"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/auth"
)

// Tokens are the caller's own API tokens. The secret is shown once, in the
// answer to POST; only its hash is stored.

// newToken is the answer to POST /api/v1/tokens: the token's fields and its secret.
type newToken struct {
	Secret string `json:"token"`
	*accord.Token
}

func (a *API) listTokens(w http.ResponseWriter, r *http.Request) error {
	q, err := parseQuery(r, "page", "per_page")
	if err != nil {
		return err
	}
	page, perPage := q.page()
	if err := q.err(); err != nil {
		return err
	}
	actor, err := accord.RequireActor(r.Context())
	if err != nil {
		return err
	}
	items, err := a.store.ListTokens(r.Context(), actor.UserID)
	if err != nil {
		return err
	}
	return writeList(w, window(items, page, perPage), len(items))
}

func (a *API) createToken(w http.ResponseWriter, r *http.Request) error {
	actor, err := accord.RequireActor(r.Context())
	if err != nil {
		return err
	}
	var body struct {
		Name string `json:"name"`
	}
	if err := decodeBody(w, r, &body); err != nil {
		return err
	}
	secret, hash := auth.NewSecret(auth.TokenPrefix)
	t := &accord.Token{UserID: actor.UserID, Name: strings.TrimSpace(body.Name)}
	if err := a.store.CreateToken(r.Context(), t, hash); err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, newToken{Secret: secret, Token: t})
}

// revokeToken revokes one of the caller's tokens; another's is not found.
func (a *API) revokeToken(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	actor, err := accord.RequireActor(r.Context())
	if err != nil {
		return err
	}
	if err := a.store.RevokeToken(r.Context(), actor.UserID, id); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
