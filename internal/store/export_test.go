package store

import "database/sql"

// ReadPool exposes the pool that reads, for tests of its settings.
func ReadPool(db *DB) *sql.DB { return db.read }

// PostgresDSN exposes the DSN the options give.
func PostgresDSN(o Options, dsn string) string { return o.postgresDSN(dsn) }
