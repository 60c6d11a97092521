package web

import (
	"net/http"
	"net/url"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/httperr"
	"github.com/accordhq/accord/internal/web/webkit"
)

// handler is an HTML handler that returns its error instead of writing it.
type handler func(w http.ResponseWriter, r *http.Request) error

// errorPage is the page shown for an error.
type errorPage struct {
	Page
	Status  int
	Message string
}

// html adapts a handler: errors become an error page with the status of
// their code; only server errors are logged.
func (s *Server) html(h handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		err := h(w, r)
		if err == nil {
			return
		}
		status := httperr.Status(err)
		if status == http.StatusUnauthorized && r.Method == http.MethodGet {
			http.Redirect(w, r, "/app/login?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
			return
		}
		if httperr.Fault(err) {
			s.Logger.Error("request failed", "method", r.Method, "path", r.URL.Path, "err", err)
		}
		title := "error.title"
		switch status {
		case http.StatusNotFound:
			title = "error.not_found"
		case http.StatusForbidden:
			title = "error.forbidden"
		}
		p := errorPage{Page: s.page(w, r, title, ""), Status: status, Message: accord.ErrorMessage(err)}
		if rerr := s.render(w, status, "error", p); rerr != nil {
			http.Error(w, accord.ErrorMessage(err), status)
		}
	})
}

// ErrorPage answers r with the staff's error page for err, as html does:
// the pages' front shows it for a request whose input it refuses (on the
// public site's paths too).
func (s *Server) ErrorPage(w http.ResponseWriter, r *http.Request, err error) {
	s.html(func(http.ResponseWriter, *http.Request) error { return err }).ServeHTTP(w, r)
}

// signedIn wraps a handler that needs a signed-in user.
func (s *Server) signedIn(h handler) http.Handler {
	return s.html(func(w http.ResponseWriter, r *http.Request) error {
		if webkit.UserFrom(r.Context()) == nil {
			return accord.Errorf(accord.EUNAUTHORIZED, "Sign in first.")
		}
		if r.Method == http.MethodPost {
			if err := webkit.CheckCSRF(r); err != nil {
				return err
			}
		}
		return h(w, r)
	})
}
