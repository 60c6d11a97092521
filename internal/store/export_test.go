package store

import "database/sql"

// ReadPool exposes the pool that reads, for tests of its settings.
func ReadPool(db *DB) *sql.DB { return db.read }
