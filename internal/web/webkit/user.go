package webkit

import (
	"context"
	"net/http"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/auth"
)

// SessionCookie holds the secret of a signed-in session (package web
// opens and closes sessions; authenticate reads them on every page).
const SessionCookie = "accord_session"

type userKey struct{}

func withUser(ctx context.Context, u *accord.User) context.Context {
	return context.WithValue(ctx, userKey{}, u)
}

// UserFrom returns the signed-in user, or nil.
func UserFrom(ctx context.Context) *accord.User {
	u, _ := ctx.Value(userKey{}).(*accord.User)
	return u
}

// authenticate puts the signed-in user of a session cookie into the request
// context. API requests authenticate by token in package api instead.
func (k *Kit) authenticate(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var session *http.Cookie
		if c, err := r.Cookie(SessionCookie); err == nil && c.Value != "" {
			u, err := k.store.SessionUser(r.Context(), auth.HashSecret(c.Value))
			if err == nil {
				ctx := accord.WithActor(r.Context(), accord.ActorFor(u))
				r, session = r.WithContext(withUser(ctx, u)), c
			}
		}
		next.ServeHTTP(w, k.withCSRF(r, session))
	})
}
