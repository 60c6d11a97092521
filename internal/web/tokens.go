package web

import (
	"net/http"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/auth"
	"github.com/accordhq/accord/internal/web/webkit"
)

type tokensPage struct {
	Page
	Tokens []*accord.Token
	Secret string // a token just created, shown once
	Errors map[string]string
}

func (s *Server) tokensPage(w http.ResponseWriter, r *http.Request, status int, secret string, errs map[string]string) error {
	u := webkit.UserFrom(r.Context())
	tokens, err := s.Store.ListTokens(r.Context(), u.ID)
	if err != nil {
		return err
	}
	return s.render(w, status, "tokens", tokensPage{Page: s.page(w, r, "tokens.title", "tokens"), Tokens: tokens, Secret: secret, Errors: errs})
}

func (s *Server) tokenList(w http.ResponseWriter, r *http.Request) error {
	return s.tokensPage(w, r, http.StatusOK, "", nil)
}

func (s *Server) tokenCreate(w http.ResponseWriter, r *http.Request) error {
	u := webkit.UserFrom(r.Context())
	secret, hash := auth.NewSecret(auth.TokenPrefix)
	t := &accord.Token{UserID: u.ID, Name: r.PostFormValue("name")}
	if err := s.Store.CreateToken(r.Context(), t, hash); err != nil {
		return s.refused(r, err, func(errs map[string]string) error {
			return s.tokensPage(w, r, http.StatusBadRequest, "", errs)
		})
	}
	// The secret is shown in this response only; the page is not cached.
	w.Header().Set("Cache-Control", "no-store")
	return s.tokensPage(w, r, http.StatusCreated, secret, nil)
}

func (s *Server) tokenRevoke(w http.ResponseWriter, r *http.Request) error {
	id, err := webkit.PathID(r)
	if err != nil {
		return err
	}
	if err := s.Store.RevokeToken(r.Context(), webkit.UserFrom(r.Context()).ID, id); err != nil {
		return err
	}
	return redirect(w, r, "/app/tokens", "tokens.revoked")
}
