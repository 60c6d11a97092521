package api

import (
	"net/http"
	"strings"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/httperr"
)

// invalid is a 400 naming one field (a body field, a query parameter or a path segment).
func invalid(field, message string) error {
	return &accord.Error{Code: accord.EINVALID, Message: field + " " + message + ".",
		Fields: []accord.FieldError{{Field: field, Message: message}}}
}

func methodNotAllowed(w http.ResponseWriter, method string, allow []string) error {
	w.Header().Set("Allow", strings.Join(allow, ", "))
	return &httperr.Error{Status: http.StatusMethodNotAllowed, Code: "method_not_allowed",
		Message: method + " is not allowed here; this path takes " + strings.Join(allow, ", ") + "."}
}
