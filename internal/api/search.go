package api

import (
	"net/http"

	"github.com/accordhq/accord/internal/accord"
)

// search answers GET /api/v1/search?q=WORDS[&per_kind=N]: everything the
// caller may see that the words find, ranked within each kind.
func (a *API) search(w http.ResponseWriter, r *http.Request) error {
	q, err := parseQuery(r, "q", "per_kind")
	if err != nil {
		return err
	}
	words := q.string("q")
	perKind := q.int("per_kind", 1, 50)
	if err := q.err(); err != nil {
		return err
	}
	if words == "" {
		return &accord.Error{Code: accord.EINVALID, Message: "Say what to search for.", Fields: []accord.FieldError{{Field: "q", Message: "is required"}}}
	}
	if perKind == 0 {
		perKind = 10
	}
	res, err := a.store.Search(r.Context(), words, int(perKind))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, res)
}
