package app

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestDemoCommand generates a small world, with an administrator added
// before it, and refuses to generate into the same database again.
func TestDemoCommand(t *testing.T) {
	env := map[string]string{"ACCORD_DB": "sqlite:" + filepath.Join(t.TempDir(), "accord.db")}
	if code, _, errs := run(t, env, "a very long password\n", "user", "add", "--email", "me@example.org", "--name", "Me", "--role", "admin"); code != 0 {
		t.Fatalf("user add: %d %q", code, errs)
	}
	code, out, errs := run(t, env, "", "demo", "--scale", "0.002", "--seed", "3")
	if code != 0 || !strings.Contains(out, "generated 12 organizations") || !strings.Contains(errs, "100%") {
		t.Fatalf("demo: %d\n%s\n%s", code, out, errs)
	}
	code, _, errs = run(t, env, "", "demo", "--scale", "0.002")
	if code != 1 || !strings.Contains(errs, "already has 12 organizations") {
		t.Errorf("second demo: %d %q", code, errs)
	}
	if code, _, errs := run(t, env, "", "demo", "--scale", "-1"); code != 1 || !strings.Contains(errs, "scale -1") {
		t.Errorf("negative scale: %d %q", code, errs)
	}
}
