package store

import (
	"context"
	"database/sql"

	"github.com/accordhq/accord/internal/accord"
)

// listQuery is one page of a list: the parts of its query, which page,
// and what counts its rows.
type listQuery struct {
	Count     string // the SQL that counts the rows (pageCounted); empty: no total (see countUnless)
	CountArgs []any
	Select    string // "SELECT columns"
	From      string // "FROM … WHERE …"
	Order     string // " ORDER BY …"
	Args      []any  // From's arguments
	Page      int
	PerPage   int
	Unlimited bool // every row, without LIMIT
	Search    bool // a full-text search: the count rides along (see page)
}

type scanner = func(row interface{ Scan(...any) error }) error

// page runs a list query and counts all its rows.
//
// A search counts in the same pass: the count rides along as a window
// column, so the full-text match runs once, not once to count and once to
// fetch (a page past the end, with no row to carry it, counts apart). An
// unfiltered list counts apart, since a window over every row would make the
// database read and sort them all instead of walking an index for one page.
func (db *DB) page(ctx context.Context, q listQuery, scan scanner) (int, error) {
	q.Count, q.CountArgs = "SELECT COUNT(*) "+q.From, q.Args
	return db.pageCounted(ctx, q, scan)
}

// pageCounted is page with its own query to count the rows (q.Count), for
// lists whose rows join tables that the count does not need, or whose count
// another table gives at less cost (a link table's index instead of a probe
// per row). An empty q.Count counts nothing and returns 0, for pages that
// show a few rows without their total (see countUnless).
func (db *DB) pageCounted(ctx context.Context, q listQuery, scan scanner) (int, error) {
	search := q.Search && q.Count != ""
	total := 0
	count := func() (err error) {
		total, err = db.count(ctx, q.Count, q.CountArgs...)
		return err
	}
	if q.Count == "" {
		count = func() error { return nil }
	}
	window := ", COUNT(*) OVER () "
	if !search {
		if err := count(); err != nil {
			return 0, err
		}
		window = ", 0 "
	}
	query := q.Select + window + q.From + q.Order
	args := q.Args
	offset := 0
	if !q.Unlimited {
		var limit int
		limit, offset = accord.Page(q.Page, q.PerPage)
		query += " LIMIT ? OFFSET ?"
		args = append(append([]any{}, q.Args...), limit, offset)
	}
	rows, err := db.queryRead(ctx, query, args...)
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
