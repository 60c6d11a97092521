package app

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/store"
)

// run runs an accord command in-process with the given stdin and environment.
func run(t *testing.T, env map[string]string, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errs bytes.Buffer
	m := &Main{Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errs, Getenv: func(k string) string { return env[k] }}
	code = m.Run(context.Background(), args)
	return code, out.String(), errs.String()
}

func TestUserAndTokenCommands(t *testing.T) {
	dsn := "sqlite:" + filepath.Join(t.TempDir(), "accord.db")
	env := map[string]string{"ACCORD_DB": dsn}

	code, out, errs := run(t, env, "a very long password\n", "user", "add", "--email", "Admin@Example.org", "--name", "Ada Admin", "--role", "admin")
	if code != 0 || !strings.Contains(out, "admin@example.org") {
		t.Fatalf("user add: %d %q %q", code, out, errs)
	}
	if code, _, errs := run(t, env, "short\n", "user", "add", "--email", "b@example.org", "--name", "B", "--role", "viewer"); code != 1 || !strings.Contains(errs, "password is too short") {
		t.Errorf("short password: %d %q", code, errs)
	}
	for pw, rule := range map[string]string{"password1234": "common and breached", "            ": "only spaces", "B.Baker@example.org": "email address or name"} {
		if code, _, errs := run(t, env, pw+"\n", "user", "add", "--email", "b.baker@example.org", "--name", "B", "--role", "viewer"); code != 1 || !strings.Contains(errs, rule) {
			t.Errorf("password %q: %d %q, want %q", pw, code, errs, rule)
		}
	}
	if code, _, errs := run(t, env, "a very long password\n", "user", "add", "--email", "p@example.org", "--name", "P", "--role", "partner"); code != 1 || !strings.Contains(errs, "org_id") {
		t.Errorf("partner without --org: %d %q", code, errs)
	}
	code, out, errs = run(t, env, "", "token", "create", "--email", "admin@example.org")
	if code != 0 {
		t.Fatalf("token create: %d %q", code, errs)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	token := lines[len(lines)-1]
	if !strings.HasPrefix(token, "accord_") {
		t.Fatalf("last line is not a token: %q", token)
	}

	// The token works against a server on the same database.
	s, err := Start(context.Background(), Config{Addr: "127.0.0.1:0", DB: dsn, LogFormat: "text", LogLevel: "error", SessionTTL: time.Hour}, discardLogger())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Shutdown()
	req, _ := http.NewRequest(http.MethodGet, s.URL+"/api/v1/users/me", nil)
	req.Header.Set("Authorization", "Bearer "+token)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	var me accord.User
	_ = json.NewDecoder(res.Body).Decode(&me)
	res.Body.Close()
	if res.StatusCode != 200 || me.Email != "admin@example.org" {
		t.Errorf("API with the printed token: %d %+v", res.StatusCode, me)
	}

	// Backup while serving gives a database that opens and holds the user.
	backup := filepath.Join(t.TempDir(), "copy.db")
	if code, out, errs := run(t, env, "", "backup", "--out", backup); code != 0 {
		t.Fatalf("backup: %d %q %q", code, out, errs)
	}
	copyDB, err := store.Open(context.Background(), "sqlite:"+backup)
	if err != nil {
		t.Fatal(err)
	}
	defer copyDB.Close()
	if _, _, err := copyDB.UserByEmail(context.Background(), "admin@example.org"); err != nil {
		t.Errorf("backup lacks the user: %v", err)
	}
	if code, _, errs := run(t, env, "", "backup", "--out", backup); code != 1 || !strings.Contains(errs, "already exists") {
		t.Errorf("backup over an existing file: %d %q", code, errs)
	}
}

func TestCommandErrors(t *testing.T) {
	for _, c := range []struct {
		env  map[string]string
		args []string
		code int
		want string
	}{
		{nil, nil, 2, "no command given"},
		{nil, []string{"frobnicate"}, 2, `unknown command "frobnicate"`},
		{nil, []string{"serve", "--addr", "nonsense"}, 1, `addr "nonsense"`},
		{map[string]string{"ACCORD_DB": "mysql://x"}, []string{"migrate"}, 1, "use sqlite:FILE or postgres://"},
		{map[string]string{"ACCORD_DEMO": "perhaps"}, []string{"serve"}, 1, "ACCORD_DEMO"},
		{nil, []string{"serve", "--log-format", "xml", "--log-level", "loud"}, 1, "log level"},
		{nil, []string{"token", "create"}, 2, "--email is required"},
		{nil, []string{"serve", "--trusted-proxies", "10.0.0.0/8, 192.0.2.1,nonsense"}, 1, `trusted proxies "nonsense": each must be a CIDR`},
		{nil, []string{"backup", "--db", "postgres://x@127.0.0.1:1/x", "--out", "x"}, 1, ""},
	} {
		code, _, errs := run(t, c.env, "", c.args...)
		if code != c.code || !strings.Contains(errs, c.want) {
			t.Errorf("accord %v: exit %d %q; want %d and %q", c.args, code, errs, c.code, c.want)
		}
	}
}

func TestMigrateAndVersion(t *testing.T) {
	env := map[string]string{"ACCORD_DB": "sqlite:" + filepath.Join(t.TempDir(), "a.db")}
	ms, _ := store.Migrations(store.SQLite)
	if code, out, _ := run(t, env, "", "migrate"); code != 0 || !strings.Contains(out, fmt.Sprintf("applied %d migration", len(ms))) {
		t.Errorf("first migrate: %d %q", code, out)
	}
	if code, out, _ := run(t, env, "", "migrate"); code != 0 || !strings.Contains(out, "applied 0 migration") {
		t.Errorf("second migrate: %d %q", code, out)
	}
	if code, out, _ := run(t, nil, "", "version"); code != 0 || !strings.HasPrefix(out, "accord ") {
		t.Errorf("version: %d %q", code, out)
	}
}

func TestDemoLoadsOnceIntoEmptyDatabase(t *testing.T) {
	s := startDemo(t)
	ctx := accord.WithActor(context.Background(), accord.SystemActor)
	orgs, total, err := s.DB.ListOrganizations(ctx, accord.OrganizationFilter{PerPage: 200})
	if err != nil || total < 4 {
		t.Fatalf("demo organizations: %d %v", total, err)
	}
	names := map[string]bool{}
	for _, o := range orgs {
		names[o.Acronym] = true
	}
	for _, a := range []string{"OIC", "WHO", "IOM", "ICRC"} {
		if !names[a] {
			t.Errorf("demo lacks %s", a)
		}
	}
	people, _, _ := s.DB.ListPeople(ctx, accord.PersonFilter{Q: "Bakhiet"})
	if len(people) != 1 || len(people[0].Positions) != 2 {
		t.Errorf("Bakhiet should hold two positions at once: %+v", people)
	}
	engagements, total, _ := s.DB.ListEngagements(ctx, accord.EngagementFilter{Country: "CH"})
	if total != 3 || engagements[0].Date != "2022-07-22" || engagements[0].City != "Geneva" {
		t.Errorf("the three Geneva engagements, WHO's dated Friday 22 July 2022: %d", total)
	}
	s.DB.UseClock(func() time.Time { return time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC) })
	overdue, _, _ := s.DB.ListActionPoints(ctx, accord.ActionPointFilter{Overdue: true})
	if _, total, _ := s.DB.ListActionPoints(ctx, accord.ActionPointFilter{}); total != 4 || len(overdue) != 2 {
		t.Errorf("demo action points: %d, overdue %d", total, len(overdue))
	}
	active, _, _ := s.DB.ListAgreements(ctx, accord.AgreementFilter{Status: accord.AgActive})
	drafts, _, _ := s.DB.ListAgreements(ctx, accord.AgreementFilter{Status: accord.AgDraft, Kind: "mou"})
	if len(active) != 2 || len(drafts) != 1 {
		t.Errorf("demo agreements: %d active (OIC–ICRC agreement and work plan), %d draft MoUs", len(active), len(drafts))
	}
}

func discardLogger() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }
