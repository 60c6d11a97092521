package web

import (
	"context"
	"net/http"
	"strconv"
)

// archive handles the Archive and Restore buttons of a record's page: the
// form carries the version the page showed and archived=1 or 0.
func (s *Server) archive(w http.ResponseWriter, r *http.Request, base string, do func(ctx context.Context, id int64, version int, archived bool) error) error {
	id, version, err := pathVersion(r)
	if err != nil {
		return err
	}
	archived := r.PostFormValue("archived") != "0"
	if err := do(r.Context(), id, version, archived); err != nil {
		return err
	}
	flash := "common.archived_msg"
	if !archived {
		flash = "common.restored_msg"
	}
	return redirect(w, r, base+strconv.FormatInt(id, 10), flash)
}

// deleteRecord handles a record's Delete button: the form carries the
// version the page showed; after the deletion the browser goes to list.
func deleteRecord(del func(ctx context.Context, id int64, version int) error, list, flash string) handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		id, version, err := pathVersion(r)
		if err != nil {
			return err
		}
		if err := del(r.Context(), id, version); err != nil {
			return err
		}
		return redirect(w, r, list, flash)
	}
}
