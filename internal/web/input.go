package web

import (
	"net/http"

	"github.com/accordhq/accord/internal/middleware"
)

// checkInput refuses, before any handler reads them, query parameters and
// form fields holding NUL or other control characters, and search texts
// (q) over accord.MaxQueryLength (middleware.CheckInput), as an error page.
// It runs after authenticate, so that the page is the signed-in user's.
func (s *Server) checkInput(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// limitForms has parsed a post's form already; PostForm holds a
		// multipart form's fields too, and is empty for other methods.
		err := middleware.CheckInput(r.URL.Query(), r.PostForm)
		if err == nil {
			next.ServeHTTP(w, r)
			return
		}
		s.html(func(http.ResponseWriter, *http.Request) error { return err }).ServeHTTP(w, r)
	})
}
