package api

import (
	"context"
	"net/http"
	"strconv"
)

// resource is one kind of versioned record (an organization, a plan…) as
// the handlers every kind shares need it: read, create, replace, archive
// or delete one by its id, with its version as ETag and precondition.
type resource[T any] struct {
	path string                                   // where its records live: "/api/v1/plans/"
	get  func(context.Context, int64) (*T, error) // the service's read of one
	keys func(*T) (id *int64, version *int)       // the fields of its id and version
	out  func(*T) *T                              // how one is answered (lists as [], not null); nil: as it is
}

func (rs resource[T]) write(w http.ResponseWriter, status int, x *T) error {
	_, version := rs.keys(x)
	if rs.out != nil {
		x = rs.out(x)
	}
	return writeRecord(w, status, *version, x)
}

// read answers GET …/{id}.
func (rs resource[T]) read(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	x, err := rs.get(r.Context(), id)
	if err != nil {
		return err
	}
	return rs.write(w, http.StatusOK, x)
}

// create answers POST of a new record: the body, given to save (which
// may refuse what a new record cannot hold before it stores it), is
// answered 201 with where it now lives.
func (rs resource[T]) create(w http.ResponseWriter, r *http.Request, save func(context.Context, *T) error) error {
	var x T
	if err := decodeBody(w, r, &x); err != nil {
		return err
	}
	if err := save(r.Context(), &x); err != nil {
		return err
	}
	id, _ := rs.keys(&x)
	w.Header().Set("Location", rs.path+strconv.FormatInt(*id, 10))
	return rs.write(w, http.StatusCreated, &x)
}

// update answers PUT …/{id}: the record is replaced by the body, at the
// version If-Match or the body names. save gets the body with the id of
// the path and that version (and may compare it with the stored record).
func (rs resource[T]) update(w http.ResponseWriter, r *http.Request, save func(context.Context, *T) error) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	var x T
	if err := decodeBody(w, r, &x); err != nil {
		return err
	}
	bodyID, version := rs.keys(&x)
	if err := sameID(id, *bodyID); err != nil {
		return err
	}
	pre, err := preconditionFor(r, *version)
	if err != nil {
		return err
	}
	*bodyID, *version = id, pre.version
	if err := save(r.Context(), &x); err != nil {
		return pre.stale(r.Context(), err, rs.version(id))
	}
	return rs.write(w, http.StatusOK, &x)
}

// archive answers DELETE …/{id} (archived) and POST …/{id}/restore (not):
// records of cooperation are archived, never erased.
func (rs resource[T]) archive(w http.ResponseWriter, r *http.Request, archived bool,
	set func(ctx context.Context, id int64, version int, archived bool) (*T, error)) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	pre, err := versionOnly(w, r)
	if err != nil {
		return err
	}
	x, err := set(r.Context(), id, pre.version, archived)
	if err != nil {
		return pre.stale(r.Context(), err, rs.version(id))
	}
	return rs.write(w, http.StatusOK, x)
}

// remove answers DELETE …/{id} of a record that is erased: 204.
func (rs resource[T]) remove(w http.ResponseWriter, r *http.Request, del func(ctx context.Context, id int64, version int) error) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	pre, err := versionOnly(w, r)
	if err != nil {
		return err
	}
	if err := del(r.Context(), id, pre.version); err != nil {
		return pre.stale(r.Context(), err, rs.version(id))
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// version reads the current version of record id, for precondition.stale.
func (rs resource[T]) version(id int64) func(context.Context) (int, error) {
	return func(ctx context.Context) (int, error) {
		x, err := rs.get(ctx, id)
		if err != nil {
			return 0, err
		}
		_, v := rs.keys(x)
		return *v, nil
	}
}
