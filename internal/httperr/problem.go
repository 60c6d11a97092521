package httperr

import (
	"encoding/json"
	"errors"
	"net/http"

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

// WriteProblem writes err as an RFC 9457 application/problem+json answer,
// naming the fields at fault in "errors". Only server faults are logged
// (to the logger of the request's context, see WithLogger), and the text
// of 5xx errors never reaches the client.
func WriteProblem(w http.ResponseWriter, r *http.Request, err error) {
	status := Status(err)
	p := problem{Type: "about:blank", Title: http.StatusText(status), Status: status, Instance: r.URL.Path}
	var he *Error
	switch {
	case errors.As(err, &he):
		p.Type, p.Detail = problemBase+he.Code, he.Message
	case status >= 500:
		p.Detail = accord.ErrorMessage(err) // "Internal error." unless the error was written for people
		if Fault(err) {
			loggerFrom(r.Context()).Error("api: request failed", "method", r.Method, "path", r.URL.Path, "status", status, "err", err)
		}
	case status == StatusClientClosedRequest:
		p.Title, p.Detail = "Client Closed Request", "The request was cancelled before it was answered."
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
