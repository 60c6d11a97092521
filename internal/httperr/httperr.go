// Package httperr turns Accord's errors into HTTP answers, for the pages
// and the JSON API alike: the status of an error by its accord code,
// whether it is the server's fault, and RFC 9457 problem+json answers.
package httperr

import (
	"context"
	"errors"
	"log/slog"
	"net/http"

	"github.com/accordhq/accord/internal/accord"
)

// Error is an error of HTTP itself, with no accord code: a failed or
// missing precondition (412, 428), a body too large (413), a media type
// (415) or a method (405) that is not taken.
type Error struct {
	Status  int
	Code    string // the last part of the problem type, e.g. precondition_failed
	Message string
}

func (e *Error) Error() string { return e.Message }

// StatusClientClosedRequest (nginx's 499) answers a request whose client
// left before the work was done; nobody reads it, but logs and tests do.
const StatusClientClosedRequest = 499

// Status maps an error to its HTTP status by its accord code: invalid 400,
// not_found 404, conflict 409, unauthorized 401, forbidden 403, too_many 429,
// unavailable 503, anything else 500. Work stopped because the client left
// is 499, and because the request's deadline passed 503. A nil error is 200.
func Status(err error) int {
	var he *Error
	if errors.As(err, &he) {
		return he.Status
	}
	switch {
	case errors.Is(err, context.Canceled):
		return StatusClientClosedRequest
	case errors.Is(err, context.DeadlineExceeded):
		return http.StatusServiceUnavailable
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

// Fault reports whether err is the server's fault, to be logged: a 5xx
// other than work stopped at the end of the request's context.
func Fault(err error) bool {
	return Status(err) >= 500 && !errors.Is(err, context.DeadlineExceeded)
}

type loggerKey struct{}

// WithLogger returns ctx carrying the logger WriteProblem logs faults to.
func WithLogger(ctx context.Context, l *slog.Logger) context.Context {
	return context.WithValue(ctx, loggerKey{}, l)
}

// loggerFrom returns the logger carried by ctx, or the default one.
func loggerFrom(ctx context.Context) *slog.Logger {
	if l, ok := ctx.Value(loggerKey{}).(*slog.Logger); ok {
		return l
	}
	return slog.Default()
}
