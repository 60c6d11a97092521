package middleware

import (
	"net/url"
	"slices"
	"strings"

	"github.com/accordhq/accord/internal/accord"
)

// CheckInput refuses query parameters and form fields holding NUL or other
// control characters, and search texts (q) over accord.MaxQueryLength: an
// accord invalid error naming each field at fault, once, or nil. The pages
// check their query and form with it, the API its query string (its
// bodies it checks as it decodes them); each answers in its own form.
func CheckInput(values ...url.Values) error {
	var p accord.Problems
	for _, v := range values {
		checkValues(&p, v)
	}
	return accord.InputError(p)
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
