package app

import (
	"bufio"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/accordhq/accord/internal/generate"
	"github.com/accordhq/accord/internal/store/storetest"
)

// TestMain lets a crash test run an accord command in a process of its own
// (this test binary again) that it can kill: ACCORD_CRASH_CHILD holds the
// command's arguments as a JSON array.
func TestMain(m *testing.M) {
	if env := os.Getenv("ACCORD_CRASH_CHILD"); env != "" {
		var args []string
		if err := json.Unmarshal([]byte(env), &args); err != nil {
			panic(err)
		}
		child := &Main{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv}
		os.Exit(child.Run(context.Background(), args))
	}
	os.Exit(m.Run())
}

// startChild starts accord args in a child process; what it writes (both
// streams) is read line by line (a progress bar's \r counts as a line end)
// into lines.
func startChild(t *testing.T, args ...string) (*exec.Cmd, <-chan string) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	b, _ := json.Marshal(args)
	cmd.Env = append(os.Environ(), "ACCORD_CRASH_CHILD="+string(b))
	out, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stdout, cmd.Stderr = w, w
	err = cmd.Start()
	w.Close()
	if err != nil {
		t.Fatal(err)
	}
	lines := make(chan string, 64)
	go func() {
		defer close(lines)
		defer out.Close()
		s := bufio.NewScanner(out)
		s.Split(func(data []byte, atEOF bool) (int, []byte, error) {
			for i, b := range data {
				if b == '\r' || b == '\n' {
					return i + 1, data[:i], nil
				}
			}
			if atEOF && len(data) > 0 {
				return len(data), data, nil
			}
			return 0, nil, nil
		})
		for s.Scan() {
			select {
			case lines <- s.Text():
			default: // nobody is reading any more
			}
		}
	}()
	return cmd, lines
}

func kill(t *testing.T, cmd *exec.Cmd) {
	t.Helper()
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil && !errors.Is(err, os.ErrProcessDone) {
		t.Fatal(err)
	}
	_ = cmd.Wait()
}

var percent = regexp.MustCompile(`(\d+)%`)

// A demo generation killed with SIGKILL half-way leaves the database as it
// was before it (one transaction): integrity intact, what was there before
// still there, and running it again generates the whole world.
func TestKilledDemoGeneration(t *testing.T) {
	for _, dialect := range []string{"sqlite", "postgres"} {
		t.Run(dialect, func(t *testing.T) {
			dsn, file := crashDSN(t, dialect)
			if code, _, errs := run(t, nil, "a password long enough\n", "user", "add", "--db", dsn, "--email", "kept@example.org", "--name", "Kept", "--role", "admin"); code != 0 {
				t.Fatalf("user add: %s", errs)
			}
			cmd, lines := startChild(t, "demo", "--scale", "0.02", "--db", dsn)
			killedAt := ""
			for line := range lines {
				if m := percent.FindStringSubmatch(line); m != nil {
					if n, _ := strconv.Atoi(m[1]); n >= 20 && n < 90 {
						killedAt = m[0]
						break
					}
				}
			}
			if killedAt == "" {
				t.Fatal("the generation ended before it could be killed half-way")
			}
			kill(t, cmd)
			t.Logf("killed at %s", killedAt)

			if file != "" {
				sqliteIntegrity(t, file)
			}
			db := openSQL(t, dsn)
			if n := count(t, db, `SELECT COUNT(*) FROM organizations`); n != 0 {
				t.Errorf("%d organizations of a killed generation were kept", n)
			}
			if n := count(t, db, `SELECT COUNT(*) FROM users WHERE email = 'kept@example.org'`); n != 1 {
				t.Errorf("the user saved before the crash: %d rows", n)
			}
			code, out, errs := run(t, nil, "", "demo", "--scale", "0.02", "--db", dsn)
			if code != 0 {
				t.Fatalf("demo again after the crash: %s %s", out, errs)
			}
			want := generate.Expected(0.02)
			if n := count(t, db, `SELECT COUNT(*) FROM organizations`); n != want.Organizations {
				t.Errorf("after running again: %d organizations, want %d", n, want.Organizations)
			}
			if n := count(t, db, `SELECT COUNT(*) FROM flows`); n != want.Flows {
				t.Errorf("after running again: %d flows, want %d", n, want.Flows)
			}
		})
	}
}

// A backup killed with SIGKILL while it writes leaves no file under the
// backup's name (nothing that looks like a backup and is not one), and the
// same command then succeeds; a backup that finished is complete.
func TestKilledBackup(t *testing.T) {
	dsn, file := crashDSN(t, "sqlite")
	if code, out, errs := run(t, nil, "", "demo", "--scale", "0.02", "--db", dsn); code != 0 {
		t.Fatalf("demo: %s %s", out, errs)
	}
	orgs := count(t, openSQL(t, dsn), `SELECT COUNT(*) FROM organizations`)
	dir := t.TempDir()
	out := filepath.Join(dir, "accord-backup.db")
	midway := 0
	for try := 0; try < 5 && midway < 2; try++ {
		_ = os.Remove(out)
		cmd, lines := startChild(t, "backup", "--db", dsn, "--out", out)
		go func() {
			for range lines {
			}
		}()
		// Kill as soon as the backup has started writing.
		for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); {
			if entries, _ := os.ReadDir(dir); len(entries) > 0 {
				if _, err := os.Stat(out); err != nil {
					midway++ // still writing: not yet under its name
				}
				break
			}
			time.Sleep(time.Millisecond)
		}
		kill(t, cmd)
		if _, err := os.Stat(out); err == nil {
			// It finished before the kill: then it must be whole.
			sqliteIntegrity(t, out)
			if n := count(t, openSQL(t, "sqlite:"+out), `SELECT COUNT(*) FROM organizations`); n != orgs {
				t.Fatalf("a finished backup holds %d organizations, want %d", n, orgs)
			}
			continue
		}
		if code, stdout, errs := run(t, nil, "", "backup", "--db", dsn, "--out", out); code != 0 {
			t.Fatalf("backup again after a killed one: %s %s", stdout, errs)
		}
		sqliteIntegrity(t, out)
		if n := count(t, openSQL(t, "sqlite:"+out), `SELECT COUNT(*) FROM organizations`); n != orgs {
			t.Fatalf("the backup after a killed one holds %d organizations, want %d", n, orgs)
		}
	}
	if midway == 0 {
		t.Fatal("no backup was killed while it was writing: the test did not test")
	}
	sqliteIntegrity(t, file)
}

// crashDSN is a fresh database of the dialect, and its file for SQLite.
func crashDSN(t *testing.T, dialect string) (dsn, file string) {
	t.Helper()
	if dialect == "postgres" {
		base := os.Getenv("ACCORD_TEST_POSTGRES")
		if base == "" {
			t.Skip("ACCORD_TEST_POSTGRES is not set")
		}
		return storetest.PostgresSchema(t, base), ""
	}
	file = filepath.Join(t.TempDir(), "accord.db")
	return "sqlite:" + file, file
}

func openSQL(t *testing.T, dsn string) *sql.DB {
	t.Helper()
	driver, target := "pgx", dsn
	if rest, ok := strings.CutPrefix(dsn, "sqlite:"); ok {
		driver, target = "sqlite", "file:"+rest
	}
	db, err := sql.Open(driver, target)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func count(t *testing.T, db *sql.DB, q string) int {
	t.Helper()
	var n int
	if err := db.QueryRow(q).Scan(&n); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return n
}

func sqliteIntegrity(t *testing.T, file string) {
	t.Helper()
	var res string
	if err := openSQL(t, "sqlite:"+file).QueryRow(`PRAGMA integrity_check`).Scan(&res); err != nil || res != "ok" {
		t.Fatalf("integrity check of %s: %q, %v", file, res, err)
	}
}

// An exchange-rate import (one transaction of many rows) cut off by a
// SIGKILL of the server is all there or not there at all, the database is
// whole, and sending the same file again leaves each rate once.
func TestKilledRatesImport(t *testing.T) {
	dsn, file := crashDSN(t, "sqlite")
	if code, _, errs := run(t, nil, "a password long enough\n", "user", "add", "--db", dsn, "--email", "rates@example.org", "--name", "Rates", "--role", "admin"); code != 0 {
		t.Fatalf("user add: %s", errs)
	}
	_, out, _ := run(t, nil, "", "token", "create", "--db", dsn, "--email", "rates@example.org")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	token := lines[len(lines)-1]
	var csv strings.Builder
	csv.WriteString("currency,date,rate,source\n")
	n := 0
	for _, cur := range []string{"EUR", "SAR", "GBP"} { // under the API's 1 MiB body
		for d := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC); d.Year() < 2026; d = d.AddDate(0, 0, 1) {
			fmt.Fprintf(&csv, "%s,%s,%d.%04d,crash test\n", cur, d.Format(time.DateOnly), 1+n%7, n%10000)
			n++
		}
	}
	send := func(url string) (int, error) {
		req, _ := http.NewRequest(http.MethodPost, url+"/api/v1/exchange-rates", strings.NewReader(csv.String()))
		req.Header.Set("Authorization", "Bearer "+token)
		req.Header.Set("Content-Type", "text/csv")
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			return 0, err
		}
		res.Body.Close()
		return res.StatusCode, nil
	}
	db := openSQL(t, dsn)
	rates := func() int { return count(t, db, `SELECT COUNT(*) FROM exchange_rates`) }

	cutOff := 0
	for _, after := range []time.Duration{50 * time.Millisecond, 200 * time.Millisecond, 600 * time.Millisecond, 1500 * time.Millisecond} {
		cmd, url := startServe(t, dsn)
		answered := make(chan error, 1)
		go func() {
			status, err := send(url)
			if err == nil && status != http.StatusOK {
				err = nil
				t.Errorf("import answered %d", status)
			}
			answered <- err
		}()
		time.Sleep(after)
		kill(t, cmd)
		if err := <-answered; err != nil {
			cutOff++ // the client never got its answer
		}
		sqliteIntegrity(t, file)
		if got := rates(); got != 0 && got != n {
			t.Fatalf("killed %s into the import: %d of %d rates kept", after, got, n)
		}
	}
	if cutOff == 0 {
		t.Fatal("every import finished before its kill: the test did not test")
	}
	t.Logf("%d of 4 imports of %d rates cut off by the kill", cutOff, n)
	cmd, url := startServe(t, dsn)
	defer kill(t, cmd)
	for range 2 {
		if status, err := send(url); err != nil || status != http.StatusOK {
			t.Fatalf("import after the crashes: %d %v", status, err)
		}
		if got := rates(); got != n {
			t.Fatalf("after importing again: %d rates, want %d", got, n)
		}
	}
}

var listening = regexp.MustCompile(`listening on (http://[^/\s]+)`)

// startServe starts accord serve on a free port in a child process and
// returns it once it answers.
func startServe(t *testing.T, dsn string) (*exec.Cmd, string) {
	t.Helper()
	cmd, lines := startChild(t, "serve", "--addr", "127.0.0.1:0", "--db", dsn)
	for line := range lines {
		if m := listening.FindStringSubmatch(line); m != nil {
			go func() {
				for range lines {
				}
			}()
			return cmd, m[1]
		}
	}
	kill(t, cmd)
	t.Fatal("accord serve ended before it listened")
	return nil, ""
}
