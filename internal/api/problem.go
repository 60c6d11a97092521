package api

import (
	"encoding/json"
	"errors"
	"net/http"
	"strings"

	"github.com/accordhq/accord/internal/accord"
)

// problemBase starts the type URI of every problem but internal errors,
// which are "about:blank": e.g. https://accord.dev/problems/not_found.
const problemBase = "https://accord.dev/problems/"

// problem is an RFC 9457 problem detail.
type problem struct {
	Type     string              `json:"type"`
	Title    string              `json:"title"`
	Status   int                 `json:"status"`
	Detail   string              `json:"detail,omitempty"`
	Instance string              `json:"instance,omitempty"`
	Errors   []accord.FieldError `json:"errors,omitempty"`
}

// statusError is an error of HTTP itself, with no accord code: a failed or
// missing precondition (412, 428), a body too large (413), a media type (415)
// or a method (405) the API does not take.
type statusError struct {
	status int
	code   string // last part of the problem type
	msg    string
}

func (e *statusError) Error() string { return e.msg }

// Status maps an error to its HTTP status by its accord code: invalid 400,
// not_found 404, conflict 409, unauthorized 401, forbidden 403, too_many 429,
// unavailable 503, anything else 500. A nil error is 200.
func Status(err error) int {
	var se *statusError
	if errors.As(err, &se) {
		return se.status
	}
	switch accord.ErrorCode(err) {
	case "":
		return http.StatusOK
	case accord.EINVALID:
		return http.StatusBadRequest
	case accord.ENOTFOUND:
		return http.StatusNotFound
	case accord.ECONFLICT:
		return http.StatusConflict
	case accord.EUNAUTHORIZED:
		return http.StatusUnauthorized
	case accord.EFORBIDDEN:
		return http.StatusForbidden
	case accord.ETOOMANY:
		return http.StatusTooManyRequests
	case accord.EUNAVAILABLE:
		return http.StatusServiceUnavailable
	}
	return http.StatusInternalServerError
}

// WriteProblem writes err as an RFC 9457 application/problem+json answer,
// naming the fields at fault in "errors". Only server errors (5xx) are
// logged, and their text never reaches the client.
func WriteProblem(w http.ResponseWriter, r *http.Request, err error) {
	status := Status(err)
	p := problem{Type: "about:blank", Title: http.StatusText(status), Status: status, Instance: r.URL.Path}
	var se *statusError
	switch {
	case errors.As(err, &se):
		p.Type, p.Detail = problemBase+se.code, se.msg
	case status >= 500:
		p.Detail = accord.ErrorMessage(err) // "Internal error." unless the error was written for people
		loggerFrom(r.Context()).Error("api: request failed", "method", r.Method, "path", r.URL.Path, "status", status, "err", err)
	default:
		p.Type, p.Detail, p.Errors = problemBase+accord.ErrorCode(err), accord.ErrorMessage(err), accord.ErrorFields(err)
	}
	h := w.Header()
	if status == http.StatusUnauthorized {
		h.Set("WWW-Authenticate", "Bearer")
	}
	h.Del("ETag")
	h.Del("Location")
	h.Set("Content-Type", "application/problem+json")
	body, _ := json.Marshal(p) // strings, ints and FieldErrors: cannot fail
	w.WriteHeader(status)
	_, _ = w.Write(append(body, '\n'))
}

// invalid is a 400 naming one field (a body field, a query parameter or a path segment).
func invalid(field, message string) error {
	return &accord.Error{Code: accord.EINVALID, Message: field + " " + message + ".",
		Fields: []accord.FieldError{{Field: field, Message: message}}}
}

func methodNotAllowed(w http.ResponseWriter, method string, allow []string) error {
	w.Header().Set("Allow", strings.Join(allow, ", "))
	return &statusError{status: http.StatusMethodNotAllowed, code: "method_not_allowed",
		msg: method + " is not allowed here; this path takes " + strings.Join(allow, ", ") + "."}
}
