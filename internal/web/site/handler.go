package site

import (
	"net/http"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/httperr"
	"github.com/accordhq/accord/internal/i18n"
)

// publicHandler is a public page: it gets the language of its route.
type publicHandler func(w http.ResponseWriter, r *http.Request, lang string, negotiated bool) error

// public adapts a public page: its language, caching headers, and errors as
// a public page (never the staff layout); only server errors are logged.
func (s *Site) public(prefix string, h publicHandler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		lang, negotiated := publicLang(r, prefix)
		if negotiated {
			w.Header().Set("Vary", "Accept-Language, Cookie")
		}
		err := h(w, r, lang, negotiated)
		if err == nil {
			return
		}
		status := httperr.Status(err)
		if status >= 500 {
			s.Logger.Error("request failed", "method", r.Method, "path", r.URL.Path, "err", err)
		}
		title := "error.title"
		if status == http.StatusNotFound {
			title = "error.not_found"
		}
		p := s.newPublicPage(r, lang, "", i18n.Get(lang).T(title), nil)
		p.Message = accord.ErrorMessage(err)
		w.Header().Del("ETag")
		w.Header().Del("Last-Modified")
		w.Header().Set("Cache-Control", "no-store")
		if rerr := s.renderPublic(w, status, "error", p); rerr != nil {
			http.Error(w, accord.ErrorMessage(err), status)
		}
	})
}
