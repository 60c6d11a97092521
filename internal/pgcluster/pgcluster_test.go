package pgcluster

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"testing"
	"time"
)

// A row written on the primary is read on the replica once replayed, and
// the replica refuses writes: replication is real.
func TestReplicaFollowsPrimary(t *testing.T) {
	if os.Getenv("ACCORD_TEST_POSTGRES") == "" {
		t.Skip("ACCORD_TEST_POSTGRES is not set: PostgreSQL tests are off")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	primary, replica, err := StartWithReplica(ctx, t.TempDir())
	if errors.Is(err, ErrNoPostgres) {
		t.Skip(err)
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = replica.Stop(context.Background()); _ = primary.Stop(context.Background()) })

	p, err := sql.Open("pgx", primary.DSN("postgres"))
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	if _, err := p.ExecContext(ctx, `CREATE TABLE t (v TEXT); INSERT INTO t VALUES ('written on the primary')`); err != nil {
		t.Fatal(err)
	}
	if err := WaitReplayed(ctx, primary, replica); err != nil {
		t.Fatal(err)
	}
	r, err := sql.Open("pgx", replica.DSN("postgres"))
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	var v string
	if err := r.QueryRowContext(ctx, `SELECT v FROM t`).Scan(&v); err != nil || v != "written on the primary" {
		t.Fatalf("replica reads %q, %v", v, err)
	}
	if _, err := r.ExecContext(ctx, `INSERT INTO t VALUES ('x')`); err == nil {
		t.Fatal("the replica accepted a write")
	}
}
