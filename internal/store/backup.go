package store

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
)

// Backup writes a consistent copy of a live SQLite database to path.
// VACUUM INTO reads in one transaction, so writers may go on meanwhile.
// PostgreSQL databases are backed up with pg_dump.
//
// The copy is written to a temporary file beside path, synced, and renamed
// to path only when complete: a backup killed half-way leaves no file that
// looks like a backup, and running it again succeeds.
func (db *DB) Backup(ctx context.Context, path string) error {
	return db.dialect.backup(ctx, db, path)
}

// vacuumInto is SQLite's Backup, on read.
func vacuumInto(ctx context.Context, read *sql.DB, path string) error {
	if _, err := os.Stat(path); err == nil {
		return fmt.Errorf("backup: %s already exists; choose a new file name", path)
	}
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".partial-*")
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	tmp.Close()
	os.Remove(tmp.Name()) // VACUUM INTO wants to create the file itself
	defer os.Remove(tmp.Name())
	if _, err := read.ExecContext(ctx, `VACUUM INTO ?`, tmp.Name()); err != nil {
		return fmt.Errorf("backup: %w", storageError(err))
	}
	if err := syncFile(tmp.Name()); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	if err := os.Link(tmp.Name(), path); err != nil { // unlike rename, never replaces a file made meanwhile
		return fmt.Errorf("backup: %w", err)
	}
	return syncFile(dir)
}

func syncFile(name string) error {
	f, err := os.Open(name)
	if err != nil {
		return err
	}
	defer f.Close()
	return f.Sync()
}
