package store

import "testing"

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
