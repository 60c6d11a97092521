package web

import (
	"context"
	"net/http"
	"strconv"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/web/webkit"
)

// An edit form carries the version of the record it shows; the store
// refuses a save over a newer one.

// pathVersion reads the {id} of the path and the version of the record
// that the form showed.
func pathVersion(r *http.Request) (id int64, version int, err error) {
	if id, err = webkit.PathID(r); err != nil {
		return 0, 0, err
	}
	version, err = formVersion(r)
	return id, version, err
}

// answerEdit answers the save of record id from its edit form, which
// returned err: the record's page (page + id) when it saved; when the
// record changed meanwhile, the form again (by redo) with what the user
// typed beside what is stored (get), so that the next save is a deliberate
// one; the form with the field errors when the input is invalid.
func answerEdit[T any](s *Server, w http.ResponseWriter, r *http.Request, err error, page string, id int64,
	get func(context.Context, int64) (*T, error), redo func(status int, stored *T, errs map[string]string) error) error {
	switch accord.ErrorCode(err) {
	case "":
		return redirect(w, r, page+strconv.FormatInt(id, 10), "common.saved")
	case accord.ECONFLICT:
		stored, gerr := get(r.Context(), id)
		if gerr != nil {
			return gerr
		}
		return redo(http.StatusConflict, stored, nil)
	case accord.EINVALID:
		errs, _ := webkit.FormErrors(webkit.Language(r), err)
		return redo(http.StatusBadRequest, nil, errs)
	}
	return err
}
