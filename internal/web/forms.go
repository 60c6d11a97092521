package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/web/webkit"
)

// refused shows a form again, by show, with why the store refused it, when
// the user can mend that: the input is invalid or the record changed since
// the form was shown. Any other error is returned as it is, for the error
// page.
func (s *Server) refused(r *http.Request, err error, show func(errs map[string]string) error) error {
	errs, ferr := webkit.FormErrors(webkit.Language(r), err)
	if ferr != nil {
		return ferr
	}
	return show(errs)
}

// conflictMessage replaces the field errors by the message of key when err
// says the record changed meanwhile: the form then shows the stored record.
func (s *Server) conflictMessage(r *http.Request, err error, key string, errs map[string]string) map[string]string {
	if accord.ErrorCode(err) == accord.ECONFLICT {
		return map[string]string{"": webkit.Language(r).T(key)}
	}
	return errs
}

// formID reads an optional numeric field; a non-number is a field problem.
func formID(r *http.Request, field string, p *accord.Problems) *int64 {
	v := strings.TrimSpace(r.PostFormValue(field))
	if v == "" || v == "0" {
		return nil
	}
	id, ok := accord.ParseID(v)
	if !ok {
		p.Add(field, "must be a record number")
		return nil
	}
	return &id
}

// formVersion reads the version the form was made from.
func formVersion(r *http.Request) (int, error) {
	v, err := strconv.Atoi(r.PostFormValue("version"))
	if err != nil || v < 1 {
		return 0, accord.Errorf(accord.EINVALID, "The form lacks the record's version; reload the page and try again.")
	}
	return v, nil
}

// at returns vs[i], or "" past its end: rows of a form table may be ragged.
func at(vs []string, i int) string {
	if i < len(vs) {
		return strings.TrimSpace(vs[i])
	}
	return ""
}

// refusalStatus is the status a refused form is shown again with: 409 when
// the record changed meanwhile, 400 otherwise.
func refusalStatus(err error) int {
	if accord.ErrorCode(err) == accord.ECONFLICT {
		return http.StatusConflict
	}
	return http.StatusBadRequest
}
