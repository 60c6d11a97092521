package store

import (
	"errors"

	"github.com/accordhq/accord/internal/accord"
	"github.com/jackc/pgx/v5/pgconn"
	"modernc.org/sqlite"
)

// SQLite's primary result codes for a database that is busy or cannot take
// a write (https://sqlite.org/rescode.html); the extended codes keep them
// in the low byte.
const (
	sqliteBusy     = 5
	sqliteReadOnly = 8
	sqliteFull     = 13
)

// storageError turns the database's refusal to store anything, because its
// disk is full or it is read-only, into an error that says so (503, shown
// to the user) instead of an internal error. The transaction was rolled
// back: nothing of the change was kept. Other errors pass unchanged.
func storageError(err error) error {
	if err == nil {
		return nil
	}
	var pgErr *pgconn.PgError
	var liteErr *sqlite.Error
	pg := errors.As(err, &pgErr)
	lite := errors.As(err, &liteErr)
	switch {
	case pg && pgErr.Code == "53100", lite && liteErr.Code()&0xff == sqliteFull:
		return accord.Errorf(accord.EUNAVAILABLE, "The database's disk is full, so nothing was saved. Ask an administrator to free space, then try again.")
	case pg && pgErr.Code == "25006", lite && liteErr.Code()&0xff == sqliteReadOnly:
		return accord.Errorf(accord.EUNAVAILABLE, "The database is read-only, so nothing was saved. Ask an administrator to make it writable, then try again.")
	}
	return err
}
