package api

import (
	"context"
	"encoding/json"
	"net/http"
	"strconv"
)

// list is the envelope of every collection: the page's items and the number of all matches.
type list[T any] struct {
	Items []T `json:"items"`
	Total int `json:"total"`
}

// writeList answers a collection; items is [] rather than null when empty.
func writeList[T any](w http.ResponseWriter, items []T, total int) error {
	if items == nil {
		items = []T{}
	}
	return writeJSON(w, http.StatusOK, list[T]{Items: items, Total: total})
}

// writeRecord answers one versioned record with its ETag.
func writeRecord(w http.ResponseWriter, status, version int, v any) error {
	w.Header().Set("ETag", etag(version))
	return writeJSON(w, status, v)
}

// writeCreated answers a new versioned record: 201, where it lives, its ETag.
func writeCreated(w http.ResponseWriter, location string, version int, v any) error {
	w.Header().Set("Location", location)
	return writeRecord(w, http.StatusCreated, version, v)
}

func etag(version int) string { return `"` + strconv.Itoa(version) + `"` }

// writeJSON encodes v before writing anything, so that a failure is still a clean 500.
func writeJSON(w http.ResponseWriter, status int, v any) error {
	body, err := json.Marshal(v)
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(append(body, '\n')) // the client may have gone; nothing to do
	return nil
}

// listed answers a list once its query holds no problem: the page that
// list finds for f, each item as out writes it (nil: as it is).
func listed[F, T any](w http.ResponseWriter, r *http.Request, q *query, f F, list func(context.Context, F) ([]T, int, error), out func(T) T) error {
	if err := q.err(); err != nil {
		return err
	}
	items, total, err := list(r.Context(), f)
	if err != nil {
		return err
	}
	if out != nil {
		for i, x := range items {
			items[i] = out(x)
		}
	}
	return writeList(w, items, total)
}
