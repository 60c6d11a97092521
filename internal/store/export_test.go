package store

import (
	"context"
	"database/sql"
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
