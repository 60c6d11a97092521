package api

import (
	"net/http"
	"strings"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/auth"
)

// maxTokenLength bounds what is hashed and looked up; real tokens are about 50 characters.
const maxTokenLength = 256

// authenticate finds the user of the request's bearer token and returns the
// request with that user as the actor of its context. Only API tokens are
// accepted: a browser's session cookie would let other sites call the API
// in the user's name.
func (a *API) authenticate(r *http.Request) (*http.Request, error) {
	token, ok := bearerToken(r)
	if !ok {
		return r, accord.Errorf(accord.EUNAUTHORIZED, "Send an API token: Authorization: Bearer TOKEN.")
	}
	u, err := a.store.TokenUser(r.Context(), auth.HashSecret(token))
	switch accord.ErrorCode(err) {
	case "":
	case accord.ENOTFOUND, accord.EUNAUTHORIZED:
		return r, accord.Errorf(accord.EUNAUTHORIZED, "The API token is unknown, revoked, or its user is disabled.")
	default:
		return r, err
	}
	return r.WithContext(accord.WithActor(r.Context(), accord.ActorFor(u))), nil
}

// bearerToken reads "Authorization: Bearer TOKEN"; the scheme is case-insensitive.
func bearerToken(r *http.Request) (string, bool) {
	scheme, token, ok := strings.Cut(strings.TrimSpace(r.Header.Get("Authorization")), " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return "", false
	}
	token = strings.TrimSpace(token)
	return token, token != "" && len(token) <= maxTokenLength
}
