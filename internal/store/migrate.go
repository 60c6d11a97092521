package store

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"sort"
	"strconv"
	"strings"
)

//go:embed migrations
var migrationFiles embed.FS

// Migration is one numbered schema change.
type Migration struct {
	Version int
	Name    string
	SQL     string
}

// Migrations returns the dialect's migrations in order. Files are named
// NNNN_what.sql; two files sharing a number is an error.
func Migrations(d Dialect) ([]Migration, error) {
	dir := path.Join("migrations", string(d))
	entries, err := fs.ReadDir(migrationFiles, dir)
	if err != nil {
		return nil, err
	}
	var ms []Migration
	seen := map[int]string{}
	for _, e := range entries {
		num, _, ok := strings.Cut(e.Name(), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || !strings.HasSuffix(e.Name(), ".sql") {
			return nil, fmt.Errorf("migration %s/%s: name must be NNNN_what.sql", dir, e.Name())
		}
		if other, dup := seen[v]; dup {
			return nil, fmt.Errorf("migrations %s and %s share number %d", other, e.Name(), v)
		}
		seen[v] = e.Name()
		body, err := migrationFiles.ReadFile(path.Join(dir, e.Name()))
		if err != nil {
			return nil, err
		}
		ms = append(ms, Migration{Version: v, Name: e.Name(), SQL: string(body)})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].Version < ms[j].Version })
	return ms, nil
}

// Migrate applies the migrations not yet applied, each in its own
// transaction, then loads the reference data shipped in the binary.
// It returns how many migrations it applied.
//
// On PostgreSQL several instances may start at once on one database: the
// first takes a session-level advisory lock before anything else (even
// before creating schema_migrations, which two instances would otherwise
// both create) and holds it until the reference data is loaded; the others
// wait, then find nothing left to do. The lock is keyed by the schema, so
// that databases in other schemas migrate independently.
//
// Rule for migrations on a live PostgreSQL database: a migration runs in one
// transaction, and every lock it takes (an ALTER TABLE's ACCESS EXCLUSIVE,
// an UPDATE's row locks) is held until it commits, while the instances still
// serving wait. Keep schema changes short and apart from data rewrites; write
// a rewrite of many rows as a stepped migration (see migrationSteps): each
// step commits on its own, and a "-- accord:repeat" step runs again until it
// changes no row, so that it can rewrite a bounded batch at a time. Build
// an index on a big table with CREATE INDEX CONCURRENTLY, alone in its
// step, so that writers go on while it builds: it waits for every open
// transaction, and the other instances poll for the migration lock instead
// of waiting in a statement for it (lockMigrations), which would deadlock
// (TestMigrateConcurrentInstances).
// And since a rolling deploy serves the previous release on the migrated
// database for a while (serve --no-migrate), a migration adds: it drops or
// renames nothing the previous release still reads or writes; that waits
// for a later release.
func (db *DB) Migrate(ctx context.Context) (int, error) {
	ms, err := Migrations(db.Dialect())
	if err != nil {
		return 0, err
	}
	// One connection runs the whole migration, so that it holds the lock;
	// on SQLite it is the single writer connection, itself the lock.
	conn, err := db.write.Conn(ctx)
	if err != nil {
		return 0, fmt.Errorf("migrate: %w", err)
	}
	defer conn.Close()
	unlock, err := db.dialect.lockMigrations(ctx, conn)
	if err != nil {
		return 0, fmt.Errorf("migrate: %w", err)
	}
	defer unlock()
	if _, err := conn.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL)`); err != nil {
		return 0, fmt.Errorf("migrate: %w", err)
	}
	applied := 0
	for _, m := range ms {
		done, err := db.applyMigration(ctx, conn, m)
		if err != nil {
			return applied, fmt.Errorf("migration %s: %w", m.Name, err)
		}
		if done {
			applied++
		}
	}
	if db.dialect.singleWriter() {
		conn.Close() // loadReferenceData needs the writer connection
	}
	return applied, db.loadReferenceData(ctx)
}

// applyMigration applies m on conn unless it is recorded as applied, and
// reports whether it applied it.
func (db *DB) applyMigration(ctx context.Context, conn *sql.Conn, m Migration) (bool, error) {
	steps := migrationSteps(m.SQL)
	if len(steps) <= 1 {
		// The usual case: the migration and its record commit together. The
		// check is inside the transaction, which on SQLite is the lock
		// (BEGIN IMMEDIATE) against another process migrating the file.
		applied := false
		return applied, inConnTx(ctx, conn, func(tx *sql.Tx) error {
			if done, err := db.migrationApplied(ctx, tx, m); err != nil || done {
				return err
			}
			if _, err := tx.ExecContext(ctx, m.SQL); err != nil {
				return err
			}
			applied = true
			return db.recordMigration(ctx, tx, m)
		})
	}
	// A stepped migration: each step commits alone and must be safe to run
	// again, since a crash between steps runs the migration again from the
	// first step (and on SQLite, which has no lock across steps, another
	// process may run it at the same time).
	if done, err := db.migrationApplied(ctx, conn, m); err != nil || done {
		return false, err
	}
	for i, st := range steps {
		for {
			res, err := conn.ExecContext(ctx, st.sql)
			if err != nil {
				return false, fmt.Errorf("step %d: %w", i+1, err)
			}
			if n, err := res.RowsAffected(); !st.repeat || err != nil || n == 0 {
				break
			}
		}
	}
	return true, inConnTx(ctx, conn, func(tx *sql.Tx) error { return db.recordMigration(ctx, tx, m) })
}

// migrationApplied reports whether m is recorded as applied.
func (db *DB) migrationApplied(ctx context.Context, q interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
}, m Migration) (bool, error) {
	var n int
	err := q.QueryRowContext(ctx, db.q(`SELECT COUNT(*) FROM schema_migrations WHERE version = ?`), m.Version).Scan(&n)
	return n > 0, err
}

func (db *DB) recordMigration(ctx context.Context, tx *sql.Tx, m Migration) error {
	_, err := tx.ExecContext(ctx, db.q(`INSERT INTO schema_migrations (version, name) VALUES (?, ?)`), m.Version, m.Name)
	return err
}

func inConnTx(ctx context.Context, conn *sql.Conn, fn func(tx *sql.Tx) error) error {
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		_ = tx.Rollback()
		return err
	}
	return tx.Commit()
}

// migrationStep is one part of a stepped migration.
type migrationStep struct {
	sql    string
	repeat bool // run again until it changes no row: a batch of a big rewrite
}

// migrationSteps splits a migration at its "-- accord:step" and
// "-- accord:repeat" lines (a line of its own, which starts the step after
// it). A migration without them is one step, run in one transaction.
func migrationSteps(body string) []migrationStep {
	steps := []migrationStep{{}}
	for line := range strings.Lines(body) {
		switch strings.TrimSpace(line) {
		case "-- accord:step":
			steps = append(steps, migrationStep{})
			continue
		case "-- accord:repeat":
			steps = append(steps, migrationStep{repeat: true})
			continue
		}
		steps[len(steps)-1].sql += line
	}
	return slices.DeleteFunc(steps, func(s migrationStep) bool { return strings.TrimSpace(s.sql) == "" })
}

// MigrationState compares the database with the binary's migrations: the
// ones it lacks, and the versions applied that the binary does not know (a
// newer binary migrated it). A database never migrated lacks them all.
func (db *DB) MigrationState(ctx context.Context) (missing []Migration, unknown []int, err error) {
	ms, err := Migrations(db.Dialect())
	if err != nil {
		return nil, nil, err
	}
	applied := map[int]bool{}
	rows, err := db.read.QueryContext(ctx, `SELECT version FROM schema_migrations ORDER BY version`)
	if err != nil {
		var n int
		// No schema_migrations table: nothing applied yet.
		if probe := db.read.QueryRowContext(ctx, `SELECT COUNT(*) FROM organizations`).Scan(&n); probe != nil {
			return ms, nil, nil
		}
		return nil, nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var v int
		if err := rows.Scan(&v); err != nil {
			return nil, nil, err
		}
		applied[v] = true
	}
	if err := rows.Err(); err != nil {
		return nil, nil, err
	}
	for _, m := range ms {
		if !applied[m.Version] {
			missing = append(missing, m)
		}
		delete(applied, m.Version)
	}
	for v := range applied {
		unknown = append(unknown, v)
	}
	slices.Sort(unknown)
	return missing, unknown, nil
}
