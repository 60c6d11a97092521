// Package store implements Accord's services on SQL databases: SQLite, the
// embedded default, and PostgreSQL, the store for production and for several
// Accord instances. Both run the same hand-written SQL, written with "?"
// placeholders and rebound for PostgreSQL; where the dialects differ the
// difference is a method of the dialect (dialect.go), implemented in
// sqlite.go and postgres.go. Each dialect has its own numbered migrations.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/querycount"
	"github.com/jackc/pgx/v5/pgconn"
	_ "github.com/jackc/pgx/v5/stdlib" // registers "pgx"
	"modernc.org/sqlite"
	_ "modernc.org/sqlite" // registers "sqlite"
)

// DB is an open Accord database. It implements the service interfaces of package accord.
type DB struct {
	dialect dialect // every way SQLite and PostgreSQL differ (dialect.go)
	dsn     string
	write   *sql.DB  // SQLite: one connection, so writers queue instead of failing with SQLITE_BUSY
	read    *sql.DB  // SQLite: a pool of readers; PostgreSQL: the same pool as write
	replica *replica // PostgreSQL: a streaming replica for reads that may lag (UseReplica), or nil
	// Now is this instance's clock. Writes on PostgreSQL take their time
	// from the database instead (see clockFromDB); tests that need to set
	// the store's time on both dialects call UseClock.
	Now func() time.Time
	// clockFromDB: PostgreSQL transactions stamp what they write with the
	// database's clock, shared by every instance, so that a later write
	// always carries a later time and a validator made of times (the open
	// data's Last-Modified, a latest update_at) moves even when an instance's
	// clock is ahead. SQLite's instances share one machine and its clock.
	clockFromDB bool
	clock       dbClock // the server's clock against this instance's (Clock)
	opts        Options // the connections' settings, for the replica's too

	stmts     sync.Map // SQLite: read query → prepared statement (parsing is a tenth of a search's cost)
	stmtCount atomic.Int32

	tokenTouched sync.Map // token ID → when this instance last recorded its use

	throttleSwept atomic.Int64 // Unix milliseconds of this instance's last sweep of ended throttle windows

	reference  sync.Map      // countries and code lists, read once (readOnce)
	spareCores chan struct{} // a token for each goroutine a search may add (Search)
	version    dataVersion   // what state the database is in, for counts
	counts     counts        // list totals kept while the data version stays

	// traceReads, when set (by the plan test, export_test.go), is told every
	// read query and its arguments before it runs, so that the test can
	// EXPLAIN exactly what a list call asks of the database.
	traceReads func(query string, args []any)
}

// maxStmts bounds the statement cache; queries are built from a small set of
// shapes, so the bound is only a guard.
const maxStmts = 512

// ParseDSN splits an Accord DSN into its dialect and the driver's DSN.
// "sqlite:accord.db", "postgres://…" and "postgresql://…" are accepted. An
// in-memory SQLite database is not: each connection would have its own.
func ParseDSN(dsn string) (Dialect, string, error) {
	switch {
	case strings.HasPrefix(dsn, "sqlite:"):
		path := strings.TrimPrefix(dsn, "sqlite:")
		if path == "" || strings.HasPrefix(path, ":memory:") {
			return "", "", fmt.Errorf("database %q: the sqlite DSN needs a file name, e.g. sqlite:accord.db", dsn)
		}
		return SQLite, path, nil
	case strings.HasPrefix(dsn, "postgres://"), strings.HasPrefix(dsn, "postgresql://"):
		return Postgres, dsn, nil
	}
	return "", "", fmt.Errorf("database %q: use sqlite:FILE or postgres://USER@HOST/DB", dsn)
}

// Open opens the database named by dsn with the default Options. It does
// not migrate; call Migrate.
func Open(ctx context.Context, dsn string) (*DB, error) { return OpenWith(ctx, dsn, Options{}) }

// OpenWith opens the database named by dsn with opts.
func OpenWith(ctx context.Context, dsn string, opts Options) (*DB, error) {
	dialect, target, err := ParseDSN(dsn)
	if err != nil {
		return nil, err
	}
	if err := opts.Validate(); err != nil {
		return nil, err
	}
	db := &DB{dialect: dialects[dialect], dsn: dsn, opts: opts, Now: func() time.Time { return time.Now().UTC() }, spareCores: make(chan struct{}, runtime.NumCPU())}
	if err := db.dialect.open(db, target); err != nil {
		return nil, err
	}
	pingCtx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := connectFirst(pingCtx, db); err != nil {
		db.Close()
		return nil, fmt.Errorf("database %s: %w", dialect, err)
	}
	return db, nil
}

// connectFirst opens the first connection. Instances started at once on a
// new SQLite file each switch it to write-ahead logging as they connect,
// and SQLite answers that switch "busy" at once instead of waiting for the
// lock (TestMigrateConcurrentInstances failed one run in ten): the first
// connection is tried again until ctx ends.
func connectFirst(ctx context.Context, db *DB) error {
	for {
		err := db.write.PingContext(ctx)
		var liteErr *sqlite.Error
		if err == nil || !errors.As(err, &liteErr) || liteErr.Code()&0xff != sqliteBusy {
			return err
		}
		select {
		case <-ctx.Done():
			return err
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// UseClock makes f the store's clock on both dialects, in place of the
// database's: for tests that set the time of what they write.
func (db *DB) UseClock(f func() time.Time) {
	db.Now, db.clockFromDB = f, false
}

// DSN is the Accord DSN the database was opened with, for opening it again
// as another instance would.
func (db *DB) DSN() string { return db.dsn }

// Dialect reports which database this is.
func (db *DB) Dialect() Dialect { return db.dialect.name() }

// Close closes every connection.
func (db *DB) Close() error {
	var err error
	db.stmts.Range(func(_, stmt any) bool {
		stmt.(*sql.Stmt).Close()
		return true
	})
	if db.write != nil {
		err = db.write.Close()
	}
	if db.read != nil && db.read != db.write {
		err = errors.Join(err, db.read.Close())
	}
	if db.replica != nil {
		err = errors.Join(err, db.replica.close())
	}
	db.version.close()
	return err
}

// q rewrites "?" placeholders for the dialect's driver.
func (db *DB) q(query string) string { return db.dialect.rebind(query) }

// Tx is a write transaction with the dialect's placeholder rewriting.
type Tx struct {
	tx  *sql.Tx
	db  *DB
	ctx context.Context
	now time.Time
	// failed is the first error of the database that a check met (found):
	// the transaction fails with it, whatever the check went on to say.
	failed error
}

// found reports whether a check's read (its Scan's error) found its row.
// A missing row is an answer; any other error is the database's, and the
// transaction fails with it (tryTx), so that it is never reported as a
// record that does not exist or a reference that is invalid.
func (tx *Tx) found(err error) bool {
	if err != nil && !errors.Is(err, sql.ErrNoRows) && tx.failed == nil {
		tx.failed = err
	}
	return err == nil
}

func (tx *Tx) exec(query string, args ...any) (sql.Result, error) {
	querycount.Add(tx.ctx)
	return tx.tx.ExecContext(tx.ctx, tx.db.q(query), args...)
}

func (tx *Tx) query(query string, args ...any) (*sql.Rows, error) {
	querycount.Add(tx.ctx)
	return tx.tx.QueryContext(tx.ctx, tx.db.q(query), args...)
}

func (tx *Tx) queryRow(query string, args ...any) *sql.Row {
	querycount.Add(tx.ctx)
	return tx.tx.QueryRowContext(tx.ctx, tx.db.q(query), args...)
}

// forUpdate is appended to the SELECT that reads a record before changing
// it: PostgreSQL locks the row, so that concurrent writers at one version
// queue and the later ones see the new version; SQLite's single writer
// connection already serialises them.
func (tx *Tx) forUpdate() string { return tx.db.dialect.lockRow() }

// forUpdateOf is forUpdate for a query that joins other tables: only the
// rows of alias are locked.
func (tx *Tx) forUpdateOf(alias string) string { return tx.db.dialect.lockRowOf(alias) }

// lockVersion locks a record's row and checks that it is still at the
// version the change was made from, and at the version read before the
// transaction (read, for the audit log's "before").
func (tx *Tx) lockVersion(table, kind string, id int64, version, read int) error {
	var now int
	if err := tx.queryRow(`SELECT version FROM `+table+` WHERE id = ?`+tx.forUpdate(), id).Scan(&now); err != nil {
		return noRow(err, kind, id)
	}
	if now != version || now != read {
		return accord.Stale(kind, id, version, now)
	}
	return nil
}

// execVersioned runs an UPDATE guarded by "AND version = ?" and reports a
// stale version when it changed no row.
func (tx *Tx) execVersioned(kind string, id int64, version int, query string, args ...any) error {
	res, err := tx.exec(query, args...)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil {
		return err
	} else if n == 0 {
		return accord.Stale(kind, id, version, version+1)
	}
	return nil
}

// insert runs an INSERT … RETURNING id and returns the id.
func (tx *Tx) insert(query string, args ...any) (int64, error) {
	var id int64
	err := tx.queryRow(query+" RETURNING id", args...).Scan(&id)
	return id, err
}

// inTx runs fn in a write transaction, committing if it returns nil.
// PostgreSQL serialization failures and deadlocks are retried.
func (db *DB) inTx(ctx context.Context, fn func(tx *Tx) error) error {
	for attempt := 0; ; attempt++ {
		err := db.tryTx(ctx, fn)
		var pgErr *pgconn.PgError
		if attempt < 3 && errors.As(err, &pgErr) && (pgErr.Code == "40001" || pgErr.Code == "40P01") {
			continue
		}
		return err
	}
}

func (db *DB) tryTx(ctx context.Context, fn func(tx *Tx) error) error {
	sqlTx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	now := db.Now()
	if db.clockFromDB {
		if err := sqlTx.QueryRowContext(ctx, `SELECT now()`).Scan(&now); err != nil {
			_ = sqlTx.Rollback()
			return err
		}
	}
	tx := &Tx{tx: sqlTx, db: db, ctx: ctx, now: now.UTC().Truncate(time.Microsecond)}
	claim, err := tx.claimIdempotencyKey()
	if err != nil {
		_ = sqlTx.Rollback()
		return err
	}
	err = fn(tx)
	if tx.failed != nil {
		err = tx.failed
	}
	if err != nil {
		_ = sqlTx.Rollback()
		return storageError(err)
	}
	if err := sqlTx.Commit(); err != nil {
		return storageError(err)
	}
	if claim != nil {
		claim.MarkTaken()
	}
	db.recordWrite(ctx)
	return nil
}

func (db *DB) queryRead(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	querycount.Add(ctx) // per request, see package querycount
	if db.traceReads != nil {
		db.traceReads(query, args)
	}
	if stmt := db.prepared(ctx, query); stmt != nil {
		return stmt.QueryContext(ctx, args...)
	}
	return db.reader(ctx).QueryContext(ctx, db.q(query), args...)
}

func (db *DB) queryRowRead(ctx context.Context, query string, args ...any) *sql.Row {
	querycount.Add(ctx)
	if db.traceReads != nil {
		db.traceReads(query, args)
	}
	if stmt := db.prepared(ctx, query); stmt != nil {
		return stmt.QueryRowContext(ctx, args...)
	}
	return db.reader(ctx).QueryRowContext(ctx, db.q(query), args...)
}

// prepared returns a cached prepared statement for a SQLite read query, or
// nil to run it unprepared. PostgreSQL's driver caches statements itself.
func (db *DB) prepared(ctx context.Context, query string) *sql.Stmt {
	if !db.dialect.preparesReads() {
		return nil
	}
	if stmt, ok := db.stmts.Load(query); ok {
		return stmt.(*sql.Stmt)
	}
	if db.stmtCount.Load() >= maxStmts {
		return nil
	}
	stmt, err := db.read.PrepareContext(ctx, query)
	if err != nil {
		return nil // the unprepared query will report the error
	}
	if prev, loaded := db.stmts.LoadOrStore(query, stmt); loaded {
		stmt.Close()
		return prev.(*sql.Stmt)
	}
	db.stmtCount.Add(1)
	return stmt
}

// retryOnUnique runs fn again once when it lost a race to insert a unique
// row: the second run finds the row the winner inserted.
func retryOnUnique(fn func() error) error {
	err := fn()
	if uniqueViolation(err) {
		err = fn()
	}
	return err
}

// uniqueViolation reports whether err is a unique-constraint failure in either dialect.
func uniqueViolation(err error) bool {
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		return pgErr.Code == "23505"
	}
	return err != nil && strings.Contains(err.Error(), "UNIQUE constraint failed")
}

// noRow reports a missing row as the record kind id not found; any other
// error of the database passes unchanged, never disguised as "not found".
func noRow(err error, kind string, id int64) error {
	if errors.Is(err, sql.ErrNoRows) {
		return notFound(kind, id)
	}
	return err
}

// notFound is the error for a record that does not exist or that the actor may not see.
func notFound(kind string, id int64) error {
	return accord.Errorf(accord.ENOTFOUND, "%s %d does not exist or is not visible to you.", kind, id)
}

// where builds the WHERE clause of dynamic list queries.
type where struct {
	clauses []string
	args    []any
}

func (w *where) add(clause string, args ...any) {
	w.clauses = append(w.clauses, clause)
	w.args = append(w.args, args...)
}

func (w *where) String() string {
	if len(w.clauses) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(w.clauses, " AND ")
}

// nullID turns 0 or nil into SQL NULL.
func nullID(id *int64) any {
	if id == nil || *id == 0 {
		return nil
	}
	return *id
}

func nullString(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func itoa(i int) string { return strconv.Itoa(i) }
