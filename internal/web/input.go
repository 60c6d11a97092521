package web

import (
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/api"
)

// checkInput refuses, before any handler reads them, query parameters and
// form fields holding NUL or other control characters, and search texts
// (q) over accord.MaxQueryLength. This one check covers every page and,
// for query strings, the JSON API (whose bodies api checks as it decodes).
func (s *Server) checkInput(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var p accord.Problems
		checkValues(&p, r.URL.Query())
		if r.Method == http.MethodPost && !strings.HasPrefix(r.URL.Path, "/api/") {
			// limitForms has parsed the form already; PostForm holds a
			// multipart form's fields too.
			checkValues(&p, r.PostForm)
		}
		err := accord.InputError(p)
		switch {
		case err == nil:
			next.ServeHTTP(w, r)
		case strings.HasPrefix(r.URL.Path, "/api/"):
			api.WriteProblem(w, r, err)
		default:
			s.html(func(http.ResponseWriter, *http.Request) error { return err }).ServeHTTP(w, r)
		}
	})
}

// checkValues checks every value of every name, each name reported once.
func checkValues(p *accord.Problems, values url.Values) {
	names := make([]string, 0, len(values))
	for name := range values {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		before := len(*p)
		for _, v := range values[name] {
			if len(*p) == before {
				accord.CheckInput(p, name, v)
			}
			if name == "q" && len(*p) == before {
				accord.CheckQuery(p, name, strings.TrimSpace(v))
			}
		}
	}
}
