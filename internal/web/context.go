package web

import (
	"context"

	"github.com/accordhq/accord/internal/accord"
)

type userKey struct{}

func withUser(ctx context.Context, u *accord.User) context.Context {
	return context.WithValue(ctx, userKey{}, u)
}

// userFrom returns the signed-in user, or nil.
func userFrom(ctx context.Context) *accord.User {
	u, _ := ctx.Value(userKey{}).(*accord.User)
	return u
}
