package store

import (
	"context"
	"fmt"
	"os"
)

// Backup writes a consistent copy of a live SQLite database to path.
// VACUUM INTO reads in one transaction, so writers may go on meanwhile.
// PostgreSQL databases are backed up with pg_dump.
func (db *DB) Backup(ctx context.Context, path string) error {
	if db.dialect != SQLite {
		return fmt.Errorf("backup: use pg_dump for PostgreSQL, e.g. pg_dump -Fc -f accord.dump DBNAME")
	}
	if _, err := os.Stat(path); err == nil {
		return fmt.Errorf("backup: %s already exists; choose a new file name", path)
	}
	_, err := db.read.ExecContext(ctx, `VACUUM INTO ?`, path)
	return err
}
