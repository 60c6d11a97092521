package store

import (
	"context"
	"database/sql"
	"fmt"
)

// ReadPool exposes the pool that reads, for tests of its settings.
func ReadPool(db *DB) *sql.DB { return db.read }

// PostgresDSN exposes the DSN the options give.
func PostgresDSN(o Options, dsn string) string { return o.postgresDSN(dsn) }

// MigrateTo applies the migrations up to version, for tests of what a
// later migration does to the data it finds.
func MigrateTo(ctx context.Context, db *DB, version int) error {
	ms, err := Migrations(db.Dialect())
	if err != nil {
		return err
	}
	conn, err := db.write.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL)`); err != nil {
		return err
	}
	for _, m := range ms {
		if m.Version > version {
			break
		}
		if _, err := db.applyMigration(ctx, conn, m); err != nil {
			return err
		}
	}
	return nil
}

// TraceReads makes f hear every read query the store runs, with its
// arguments, for the plan test; nil stops it.
func TraceReads(db *DB, f func(query string, args []any)) { db.traceReads = f }

// Explain returns the plan the database picks for a read query, one line
// per node: EXPLAIN QUERY PLAN's details on SQLite, EXPLAIN's text on
// PostgreSQL.
func Explain(ctx context.Context, db *DB, query string, args ...any) ([]string, error) {
	prefix := "EXPLAIN "
	if db.Dialect() == SQLite {
		prefix = "EXPLAIN QUERY PLAN "
	}
	rows, err := db.read.QueryContext(ctx, prefix+db.q(query), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return nil, err
	}
	var lines []string
	for rows.Next() {
		cells := make([]any, len(cols))
		for i := range cells {
			cells[i] = new(any)
		}
		if err := rows.Scan(cells...); err != nil {
			return nil, err
		}
		last := *(cells[len(cells)-1].(*any)) // SQLite's detail, PostgreSQL's only column
		switch v := last.(type) {
		case []byte:
			lines = append(lines, string(v))
		default:
			lines = append(lines, fmt.Sprint(v))
		}
	}
	return lines, rows.Err()
}

// Exec runs a statement on the writer, for tests that set up rows the
// store has no bulk writer for.
func Exec(ctx context.Context, db *DB, query string, args ...any) error {
	_, err := db.write.ExecContext(ctx, db.q(query), args...)
	return err
}

// QueryRow runs a read query, for tests that look at the data directly.
func QueryRow(db *DB, ctx context.Context, query string, args ...any) *sql.Row {
	return db.read.QueryRowContext(ctx, db.q(query), args...)
}
