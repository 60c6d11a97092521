package web

import (
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/auth"
	"github.com/accordhq/accord/internal/i18n"
)

// contentSecurityPolicy allows nothing but Accord's own styles, images and forms.
const contentSecurityPolicy = "default-src 'none'; style-src 'self'; img-src 'self' data:; script-src 'self'; " +
	"form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

// pageHeaders sets what only pages need on top of the headers every answer
// carries (middleware.Wrap): the Content-Security-Policy and a framing ban.
func pageHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", contentSecurityPolicy)
		h.Set("X-Frame-Options", "DENY")
		next.ServeHTTP(w, r)
	})
}

// recoverPanics is the pages' panic guard, the only one a page's request
// passes (the API has its own, which answers a problem).
func (s *Server) recoverPanics(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.Logger.Error("panic", "path", r.URL.Path, "panic", fmt.Sprint(v))
				http.Error(w, "Internal error", http.StatusInternalServerError)
			}
		}()
		next.ServeHTTP(w, r)
	})
}

const (
	sessionCookie = "accord_session"
	csrfCookie    = "accord_csrf"
	langCookie    = "accord_lang"
)

// Limits on the body of a form post, and of one with a file.
const (
	maxFormBytes   = 1 << 20
	maxUploadBytes = 10 << 20
)

// limitForms refuses form posts over the limits with a clear message,
// before any handler reads a half-parsed form as empty fields.
func limitForms(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPost {
			limit, what := int64(maxFormBytes), "The form is too large (the limit is 1 MiB). Shorten the text and send it again."
			multipart := strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data")
			if multipart {
				limit, what = maxUploadBytes+64<<10, "The file is too large (the limit is 10 MiB)."
			}
			r.Body = http.MaxBytesReader(w, r.Body, limit)
			var err error
			if multipart {
				err = r.ParseMultipartForm(maxUploadBytes)
			} else {
				err = r.ParseForm()
			}
			if err != nil {
				status, msg := http.StatusBadRequest, "The form could not be read: "+err.Error()
				var tooBig *http.MaxBytesError
				if errors.As(err, &tooBig) {
					status, msg = http.StatusRequestEntityTooLarge, what
				}
				http.Error(w, msg, status)
				return
			}
		}
		next.ServeHTTP(w, r)
	})
}

// authenticate puts the signed-in user of a session cookie into the request
// context. API requests authenticate by token in package api instead.
func (s *Server) authenticate(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var session *http.Cookie
		if c, err := r.Cookie(sessionCookie); err == nil && c.Value != "" {
			u, err := s.Store.SessionUser(r.Context(), auth.HashSecret(c.Value))
			if err == nil {
				ctx := accord.WithActor(r.Context(), accord.ActorFor(u))
				r, session = r.WithContext(withUser(ctx, u)), c
			}
		}
		next.ServeHTTP(w, s.withCSRF(r, session))
	})
}

// language picks the page language: the ?lang= of a switch, the cookie,
// the user's setting, then the browser's Accept-Language.
func (s *Server) language(r *http.Request) *i18n.Locale {
	if c, err := r.Cookie(langCookie); err == nil && accord.SupportedLanguage(c.Value) {
		return i18n.Get(c.Value)
	}
	if u := userFrom(r.Context()); u != nil && u.Language != "" {
		return i18n.Get(u.Language)
	}
	return i18n.Get(i18n.Match(r.Header.Get("Accept-Language")))
}
