package intake

import (
	"errors"
	"net/http"

	"github.com/accordhq/accord/internal/extract"
)

// Refusal says how to answer a text the extractor will not read: the HTTP
// status and the name of the rule it breaks. ok is false for other errors.
func Refusal(err error) (status int, rule string, ok bool) {
	switch {
	case errors.Is(err, extract.ErrTooLarge):
		return http.StatusRequestEntityTooLarge, "too_large", true
	case errors.Is(err, extract.ErrEmpty):
		return http.StatusBadRequest, "empty", true
	case errors.Is(err, extract.ErrBinary):
		return http.StatusBadRequest, "not_text", true
	case errors.Is(err, extract.ErrUnsupported):
		return http.StatusUnprocessableEntity, "language_not_supported", true
	case errors.Is(err, extract.ErrTooComplex):
		return http.StatusUnprocessableEntity, "too_complex", true
	case errors.Is(err, ErrFileLimit):
		return http.StatusUnprocessableEntity, "file_limit", true
	}
	return 0, "", false
}
