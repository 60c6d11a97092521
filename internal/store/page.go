package store

import (
	"context"
	"database/sql"

	"github.com/accordhq/accord/internal/accord"
)

// page runs a list query and counts all its rows.
//
// A search counts in the same pass: the count rides along as a window
// column, so the full-text match runs once, not once to count and once to
// fetch (a page past the end, with no row to carry it, counts apart). An
// unfiltered list counts apart, since a window over every row would make the
// database read and sort them all instead of walking an index for one page.
func (db *DB) page(ctx context.Context, selectCols, from, order string, args []any, page, perPage int, unlimited, search bool,
	scan func(row interface{ Scan(...any) error }) error) (int, error) {
	return db.pageCounted(ctx, "SELECT COUNT(*) "+from, args, selectCols, from, order, args, page, perPage, unlimited, search, scan)
}

// pageCounted is page with its own query to count the rows, for lists whose
// rows join tables that the count does not need, or whose count another
// table gives at less cost (a link table's index instead of a probe per row).
// An empty countQuery counts nothing and returns 0, for pages that show a
// few rows without their total (see countUnless).
func (db *DB) pageCounted(ctx context.Context, countQuery string, countArgs []any, selectCols, from, order string, args []any, page, perPage int,
	unlimited, search bool, scan func(row interface{ Scan(...any) error }) error) (int, error) {
	total := 0
	count := func() (err error) {
		total, err = db.count(ctx, countQuery, countArgs...)
		return err
	}
	if countQuery == "" {
		search = false
		count = func() error { return nil }
	}
	window := ", COUNT(*) OVER () "
	if !search {
		if err := count(); err != nil {
			return 0, err
		}
		window = ", 0 "
	}
	query := selectCols + window + from + order
	qargs := args
	offset := 0
	if !unlimited {
		var limit int
		limit, offset = accord.Page(page, perPage)
		query += " LIMIT ? OFFSET ?"
		qargs = append(append([]any{}, args...), limit, offset)
	}
	rows, err := db.queryRead(ctx, query, qargs...)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	n, ignored := 0, 0
	into := &total
	if !search {
		into = &ignored
	}
	for rows.Next() {
		if err := scan(withTotal{rows, into}); err != nil {
			return 0, err
		}
		n++
	}
	if err := rows.Err(); err != nil {
		return 0, err
	}
	if search && n == 0 && offset > 0 {
		err = count()
	}
	return total, err
}

// countUnless is the count query, or none when the caller said it does not
// want the total.
func countUnless(noCount bool, countQuery string) string {
	if noCount {
		return ""
	}
	return countQuery
}

// withTotal scans a row's own columns, then the window count after them.
type withTotal struct {
	rows  *sql.Rows
	total *int
}

func (w withTotal) Scan(dest ...any) error { return w.rows.Scan(append(dest, w.total)...) }
