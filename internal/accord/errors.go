// Package accord holds Accord's domain: the types, their validation rules,
// the roles that govern access and the service interfaces that storage and
// transport implement. It imports nothing else of Accord's.
package accord

import (
	"errors"
	"fmt"
	"strings"
)

// Error codes. Transports map them to status codes in one place.
const (
	EINVALID      = "invalid"      // the input breaks a rule; FieldErrors say where
	ENOTFOUND     = "not_found"    // no such record, or not visible to the actor
	ECONFLICT     = "conflict"     // stale version or duplicate key
	EUNAUTHORIZED = "unauthorized" // no or bad credentials
	EFORBIDDEN    = "forbidden"    // authenticated, but the role may not
	ETOOMANY      = "too_many"     // rate limited
	EUNAVAILABLE  = "unavailable"  // the database cannot take changes now (disk full, read-only)
	EINTERNAL     = "internal"
)

// FieldError names one field at fault and the rule it breaks.
type FieldError struct {
	Field   string `json:"field"`
	Message string `json:"message"`
}

// Error is Accord's application error: a code for machines, a message for people.
type Error struct {
	Code    string
	Message string
	Fields  []FieldError
}

func (e *Error) Error() string {
	if len(e.Fields) == 0 {
		return e.Message
	}
	parts := make([]string, len(e.Fields))
	for i, f := range e.Fields {
		parts[i] = f.Field + ": " + f.Message
	}
	return e.Message + ": " + strings.Join(parts, "; ")
}

// Errorf returns an *Error with the given code.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of err, EINTERNAL for errors that are not *Error.
func ErrorCode(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	if err == nil {
		return ""
	}
	return EINTERNAL
}

// ErrorMessage returns the human message of err; internal errors are not leaked.
func ErrorMessage(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	return "Internal error."
}

// ErrorFields returns the field errors carried by err, if any.
func ErrorFields(err error) []FieldError {
	var e *Error
	if errors.As(err, &e) {
		return e.Fields
	}
	return nil
}

// Problems collects field errors during validation.
type Problems []FieldError

// Add records that field breaks a rule.
func (p *Problems) Add(field, format string, args ...any) {
	*p = append(*p, FieldError{Field: field, Message: fmt.Sprintf(format, args...)})
}

// Err returns nil when there are no problems, else an EINVALID error naming them.
func (p Problems) Err() error {
	if len(p) == 0 {
		return nil
	}
	return &Error{Code: EINVALID, Message: "Some fields need attention", Fields: p}
}

// Stale is the error for an update made against an old version of a record.
func Stale(kind string, id int64, have, want int) error {
	return &Error{Code: ECONFLICT, Message: fmt.Sprintf(
		"%s %d was changed by someone else (you edited version %d, it is now at version %d); reload it and apply your change again",
		kind, id, have, want)}
}
