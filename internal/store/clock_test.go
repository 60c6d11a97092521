package store_test

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// An instance whose own clock runs three hours ahead still tells the
// database server's time on PostgreSQL, which every instance shares; on
// SQLite the database is a file on this machine, and its clock is the
// machine's.
func TestClockFollowsTheDatabase(t *testing.T) {
	ahead := func() time.Time { return time.Now().Add(3 * time.Hour) }
	near := func(got, want time.Time) bool { return got.Sub(want).Abs() < time.Second }

	lite := open(t, "sqlite:"+filepath.Join(t.TempDir(), "accord.db"))
	lite.Now = ahead
	if got := lite.Clock(); !near(got, ahead()) {
		t.Errorf("SQLite: Clock %s, want the machine's %s", got, ahead())
	}

	base := os.Getenv("ACCORD_TEST_POSTGRES")
	if base == "" {
		t.Skip("ACCORD_TEST_POSTGRES is not set")
	}
	pg := open(t, base)
	pg.Now = ahead
	for range 3 { // the first call measures, the next ones use the offset
		if got := pg.Clock(); !near(got, time.Now()) {
			t.Fatalf("PostgreSQL with an instance 3 h ahead: Clock %s, want the server's %s", got, time.Now())
		}
	}
}
