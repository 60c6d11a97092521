package api

import (
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/accordhq/accord/internal/accord"
)

// Limits of the pagination parameters.
const (
	maxPerPage = 200
	maxPage    = 10_000_000 // keeps page × per_page far from overflowing an offset
)

// query reads a request's query parameters. Unknown and repeated parameters
// are refused at once; bad values are collected so that one answer names them all.
type query struct {
	values   url.Values
	problems accord.Problems
}

// parseQuery accepts only the allowed parameters, each given once.
func parseQuery(r *http.Request, allowed ...string) (*query, error) {
	return parseQueryRepeat(r, nil, allowed...)
}

// parseQueryRepeat is parseQuery where the parameters named in repeatable
// may be given more than once (year=2022&year=2023); read them with ints.
func parseQueryRepeat(r *http.Request, repeatable []string, allowed ...string) (*query, error) {
	values, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		return nil, accord.Errorf(accord.EINVALID, "The query string is malformed: %s.", err.Error())
	}
	names := make([]string, 0, len(values))
	for name := range values {
		names = append(names, name)
	}
	sort.Strings(names)
	var p accord.Problems
	for _, name := range names {
		switch {
		case !slices.Contains(allowed, name):
			p.Add(name, "is not a query parameter of %s (it takes %s)", r.URL.Path, takes(allowed))
		case len(values[name]) > 1 && !slices.Contains(repeatable, name):
			p.Add(name, "is given %d times; give it once", len(values[name]))
		}
	}
	if len(p) > 0 {
		return nil, queryError(p)
	}
	return &query{values: values}, nil
}

func takes(allowed []string) string {
	if len(allowed) == 0 {
		return "none"
	}
	return strings.Join(allowed, ", ")
}

// queryError is a 400 whose detail names every parameter at fault.
func queryError(p accord.Problems) error {
	parts := make([]string, len(p))
	for i, f := range p {
		parts[i] = "query parameter " + f.Field + " " + f.Message
	}
	return &accord.Error{Code: accord.EINVALID, Message: "Bad query: " + strings.Join(parts, "; ") + ".", Fields: p}
}

// err returns the problems found while reading values, if any.
func (q *query) err() error {
	if len(q.problems) == 0 {
		return nil
	}
	return queryError(q.problems)
}

func (q *query) string(name string) string { return strings.TrimSpace(q.values.Get(name)) }

// int reads an integer between lo and hi; absent is 0.
func (q *query) int(name string, lo, hi int64) int64 {
	s := q.string(name)
	if s == "" {
		return 0
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < lo || n > hi {
		q.problems.Add(name, "must be an integer from %d to %d, not %q", lo, hi, s)
		return 0
	}
	return n
}

// ints reads every value of a repeatable parameter, each an integer
// between lo and hi, in order and without repeats; absent is nil.
func (q *query) ints(name string, lo, hi int64) []int {
	var out []int
	for _, s := range q.values[name] {
		s = strings.TrimSpace(s)
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil || n < lo || n > hi {
			q.problems.Add(name, "must be an integer from %d to %d, not %q", lo, hi, s)
			continue
		}
		if !slices.Contains(out, int(n)) {
			out = append(out, int(n))
		}
	}
	return out
}

// country reads an ISO 3166-1 alpha-2 code, upper-cased; absent is "".
func (q *query) country(name string) string {
	s := strings.ToUpper(q.string(name))
	if s != "" && !isLetters(s, 2) {
		q.problems.Add(name, "must be an ISO 3166-1 alpha-2 country code such as AF, not %q", q.string(name))
		return ""
	}
	return s
}

// isLetters reports whether s is n ASCII letters.
func isLetters(s string, n int) bool {
	if len(s) != n {
		return false
	}
	for _, c := range s {
		if (c < 'A' || c > 'Z') && (c < 'a' || c > 'z') {
			return false
		}
	}
	return true
}

// id reads the id of a record; absent is 0. It is not trimmed: "+1" in a
// query string is " 1", which is not an id.
func (q *query) id(name string) int64 {
	s := q.values.Get(name)
	if s == "" {
		return 0
	}
	n, ok := accord.ParseID(s)
	if !ok {
		q.problems.Add(name, "must be the id of a record, a positive whole number without sign or leading zeros, not %q", s)
		return 0
	}
	return n
}

// page reads page and per_page; absent ones are 0, which services take as their defaults.
func (q *query) page() (page, perPage int) {
	return int(q.int("page", 1, maxPage)), int(q.int("per_page", 1, maxPerPage))
}

// bool reads true or false; absent is nil.
func (q *query) bool(name string) *bool {
	switch s := q.string(name); s {
	case "":
		return nil
	case "true", "false":
		b := s == "true"
		return &b
	default:
		q.problems.Add(name, "must be true or false, not %q", s)
		return nil
	}
}

// oneOf reads a value from a fixed set; absent is "".
func (q *query) oneOf(name string, set []string) string {
	s := q.string(name)
	if s != "" && !slices.Contains(set, s) {
		q.problems.Add(name, "must be one of %s, not %q", strings.Join(set, ", "), s)
		return ""
	}
	return s
}

// time reads a date (YYYY-MM-DD, midnight UTC) or an RFC 3339 time. With
// wholeDay, a date means the end of that day, for "until" bounds.
func (q *query) time(name string, wholeDay bool) time.Time {
	s := q.string(name)
	if s == "" {
		return time.Time{}
	}
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		if wholeDay {
			t = t.AddDate(0, 0, 1)
		}
		return t
	}
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t
	}
	q.problems.Add(name, "must be a date YYYY-MM-DD or a time such as 2024-05-01T12:00:00Z, not %q", s)
	return time.Time{}
}

// date reads a calendar date YYYY-MM-DD; absent is "".
func (q *query) date(name string) accord.Date {
	d := accord.Date(q.string(name))
	if d != "" && !d.Valid() {
		q.problems.Add(name, "must be a date YYYY-MM-DD, not %q", string(d))
		return ""
	}
	return d
}

// window returns the requested page of items that a service returns whole
// (reference data). Without page and per_page (both 0) every item is returned.
func window[T any](items []T, page, perPage int) []T {
	if page == 0 && perPage == 0 {
		return items
	}
	limit, offset := accord.Page(page, perPage)
	if offset >= len(items) {
		return nil
	}
	return items[offset:min(offset+limit, len(items))]
}

// contains reports whether any of texts holds the folded q.
func contains(q string, texts ...string) bool {
	f := accord.Fold(q)
	for _, t := range texts {
		if strings.Contains(accord.Fold(t), f) {
			return true
		}
	}
	return false
}
