package webkit

import (
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/accordhq/accord/internal/middleware"
)

// Part is one kind of page: it registers its routes on the pages' mux.
type Part interface {
	Register(mux *http.ServeMux)
}

// ErrorPage answers a request with the page of an error.
type ErrorPage func(w http.ResponseWriter, r *http.Request, err error)

// Pages serves the routes of parts from one mux, so that a path of one
// asked with a method it lacks is a 405, behind the front every page
// passes, outermost first: the panic guard, the pages' headers, Go's
// cross-origin protection, the form limits, the session's user and the
// form tokens' state, and the check of the input, whose refusals refused
// shows. The JSON API has its own (package api).
func (k *Kit) Pages(refused ErrorPage, parts ...Part) http.Handler {
	mux := http.NewServeMux()
	for _, p := range parts {
		p.Register(mux)
	}
	return k.recoverPanics(pageHeaders(http.NewCrossOriginProtection().Handler(limitForms(k.authenticate(checkInput(refused, mux))))))
}

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
func (k *Kit) recoverPanics(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				k.logger.Error("panic", "path", r.URL.Path, "panic", fmt.Sprint(v))
				http.Error(w, "Internal error", http.StatusInternalServerError)
			}
		}()
		next.ServeHTTP(w, r)
	})
}

// Limits on the body of a form post, and on a file sent with one (the
// staff's handlers read uploads up to MaxUploadBytes too).
const (
	maxFormBytes   = 1 << 20
	MaxUploadBytes = 10 << 20
)

// limitForms refuses form posts over the limits with a clear message,
// before any handler reads a half-parsed form as empty fields.
func limitForms(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPost {
			limit, what := int64(maxFormBytes), "The form is too large (the limit is 1 MiB). Shorten the text and send it again."
			multipart := strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data")
			if multipart {
				limit, what = MaxUploadBytes+64<<10, "The file is too large (the limit is 10 MiB)."
			}
			r.Body = http.MaxBytesReader(w, r.Body, limit)
			var err error
			if multipart {
				err = r.ParseMultipartForm(MaxUploadBytes)
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

// checkInput refuses, before any handler reads them, query parameters and
// form fields holding NUL or other control characters, and search texts
// (q) over accord.MaxQueryLength (middleware.CheckInput), as the error page
// refused shows. It runs after authenticate, so that the page is the
// signed-in user's.
func checkInput(refused ErrorPage, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// limitForms has parsed a post's form already; PostForm holds a
		// multipart form's fields too, and is empty for other methods.
		err := middleware.CheckInput(r.URL.Query(), r.PostForm)
		if err == nil {
			next.ServeHTTP(w, r)
			return
		}
		refused(w, r, err)
	})
}
