package store

import (
	"context"
	"path/filepath"
	"testing"
)

// A migration is split into steps only at marker lines; a repeat step is
// marked so, and a migration without markers stays one transaction.
func TestMigrationSteps(t *testing.T) {
	plain := migrationSteps("CREATE TABLE a (x INT);\nCREATE TABLE b (y INT);\n")
	if len(plain) != 1 || plain[0].repeat {
		t.Fatalf("a migration without markers: %+v, want one plain step", plain)
	}
	steps := migrationSteps("ALTER TABLE a ADD z INT;\n-- accord:repeat\nUPDATE a SET z = x WHERE id IN (SELECT id FROM a WHERE z IS NULL LIMIT 1000);\n" +
		"-- accord:step\nCREATE INDEX CONCURRENTLY a_z ON a (z);\n")
	want := []migrationStep{{"ALTER TABLE a ADD z INT;\n", false},
		{"UPDATE a SET z = x WHERE id IN (SELECT id FROM a WHERE z IS NULL LIMIT 1000);\n", true},
		{"CREATE INDEX CONCURRENTLY a_z ON a (z);\n", false}}
	if len(steps) != len(want) {
		t.Fatalf("steps: %+v, want %+v", steps, want)
	}
	for i := range want {
		if steps[i] != want[i] {
			t.Errorf("step %d: %+v, want %+v", i+1, steps[i], want[i])
		}
	}
}

// A repeated step runs until it changes no row, and the stepped migration
// is then recorded once.
func TestSteppedMigrationRuns(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, "sqlite:"+filepath.Join(t.TempDir(), "accord.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	m := Migration{Version: 9001, Name: "9001_batched.sql", SQL: `CREATE TABLE batched (id INTEGER PRIMARY KEY, done INTEGER NOT NULL DEFAULT 0);
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2500) INSERT INTO batched (id) SELECT i FROM n;
-- accord:repeat
UPDATE batched SET done = done + 1 WHERE id IN (SELECT id FROM batched WHERE done = 0 LIMIT 1000);
`}
	conn, err := db.write.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	for run, want := range []bool{true, false} {
		applied, err := db.applyMigration(ctx, conn, m)
		if err != nil || applied != want {
			t.Fatalf("run %d: applied %v (%v), want %v", run+1, applied, err, want)
		}
	}
	var rows, done int
	if err := conn.QueryRowContext(ctx, `SELECT COUNT(*), SUM(done) FROM batched`).Scan(&rows, &done); err != nil || rows != 2500 || done != 2500 {
		t.Errorf("after the batches: %d rows, %d updates (%v); want each of 2500 rows updated once", rows, done, err)
	}
}
