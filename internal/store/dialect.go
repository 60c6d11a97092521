package store

import (
	"context"
	"database/sql"

	"github.com/accordhq/accord/internal/accord"
)

// Dialect names a database flavour.
type Dialect string

// Dialects.
const (
	SQLite   Dialect = "sqlite"
	Postgres Dialect = "postgres"
)

// dialect is every difference between SQLite and PostgreSQL that the store
// knows of. The SQL is written once, with "?" placeholders; where the two
// databases cannot share a statement or a setting, the difference is a
// method here, implemented side by side in sqlite.go and postgres.go, so
// that the rest of the store never asks which database it runs on.
type dialect interface {
	// name is the exported name, which also names the migrations' folder.
	name() Dialect
	// open connects db to target (the driver's DSN): its writer, its
	// readers and what else the dialect keeps open.
	open(db *DB, target string) error

	// rebind rewrites the "?" placeholders of query for the driver.
	rebind(query string) string
	// preparesReads reports whether the store keeps its own prepared read
	// statements (the driver does not cache them).
	preparesReads() bool

	// lockRow is appended to the SELECT that reads a record before
	// changing it, so that concurrent writers of one record queue.
	lockRow() string
	// lockRowOf is lockRow for a query that joins other tables: only the
	// rows of alias are locked.
	lockRowOf(alias string) string
	// skipLocked is lockRow skipping a row another transaction holds.
	skipLocked() string
	// takeWriteLock makes tx, just begun, hold the database's write lock.
	takeWriteLock(ctx context.Context, tx *sql.Tx) error
	// unhurried lifts the statement timeout for the rest of tx: work that
	// belongs to migrating, not to a request.
	unhurried(tx *Tx) error

	// matchWords adds to w that every term starts a word of the search
	// text of table's row alias.
	matchWords(w *where, table, alias string, terms []string)
	// searchWindow returns the newest accord.SearchWindow+1 matches of a
	// kind, newest first, with their scores (see DB.searchWindow).
	searchWindow(ctx context.Context, db *DB, s searchable, terms []string) ([]accord.SearchHit, error)
	// scopedMatch adds the match of the terms to w and returns the rows
	// searched and the SQL of a row's score (see DB.searchScoped).
	scopedMatch(s searchable, terms []string, w *where) (from, score string)
	// scopedWindow finds which of the matches of from and w are ranked
	// (the newest accord.SearchWindow) and returns the rows and conditions
	// to rank them by, and whether there were more matches.
	scopedWindow(ctx context.Context, db *DB, s searchable, from string, w where) (string, where, bool, error)
	// indexedBy is the hint that makes a query read a table by index,
	// where the planner would not pick it itself.
	indexedBy(index string) string

	// dataVersion names the state of the whole database (see dataVersion).
	dataVersion(ctx context.Context, db *DB) (string, error)

	// lockMigrations keeps other instances from migrating the database
	// while conn does, and returns what ends that, once the reference data
	// is loaded.
	lockMigrations(ctx context.Context, conn *sql.Conn) (unlock func(), err error)
	// singleWriter reports whether the writer is one connection, which a
	// migration holds and must give back before the reference data is
	// loaded through it.
	singleWriter() bool
	// backup writes a consistent copy of the live database to path.
	backup(ctx context.Context, db *DB, path string) error
	// streamsReplicas reports whether the database can have streaming
	// read replicas (UseReplica).
	streamsReplicas() bool

	// beginBulk sets the database up for a bulk load and begins b's transaction.
	beginBulk(b *BulkWriter) error
	// endBulk follows a bulk load's commit.
	endBulk(b *BulkWriter) error
	// pauseTotals is the statement that stops (pause) or restarts the
	// triggers of funding_totals in a bulk load's transaction.
	pauseTotals(pause bool) string
}

// dialects are the dialects by name, as ParseDSN gives them.
var dialects = map[Dialect]dialect{SQLite: sqliteDialect{}, Postgres: postgresDialect{}}
