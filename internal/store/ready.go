package store

import (
	"context"
	"fmt"
)

// Ready checks that the database answers a read and grants a write within
// ctx's deadline, so that a load balancer stops sending requests to an
// instance whose database is locked, read-only or gone. The write is a
// transaction that takes the write lock (SQLite's BEGIN IMMEDIATE, a
// PostgreSQL transaction id, which a read-only server refuses) and rolls
// back: nothing is written.
func (db *DB) Ready(ctx context.Context) error {
	var one int
	if err := db.read.QueryRowContext(ctx, `SELECT 1`).Scan(&one); err != nil {
		return fmt.Errorf("database does not answer a read: %w", readyCause(ctx, err))
	}
	tx, err := db.write.BeginTx(ctx, nil)
	if err == nil {
		err = db.dialect.takeWriteLock(ctx, tx)
	}
	if tx != nil {
		_ = tx.Rollback()
	}
	if err != nil {
		return fmt.Errorf("database does not grant a write: %w", readyCause(ctx, err))
	}
	return nil
}

// readyCause names a timeout as such rather than as the driver's
// "interrupted" or "context canceled".
func readyCause(ctx context.Context, err error) error {
	if ctx.Err() != nil {
		return fmt.Errorf("no answer in time (%w)", ctx.Err())
	}
	return err
}
