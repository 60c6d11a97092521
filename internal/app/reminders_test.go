package app

import (
	"context"
	"io"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/mail/mailtest"
	"github.com/accordhq/accord/internal/store"
	"github.com/accordhq/accord/internal/store/storetest"
)

func TestSMTPConfiguration(t *testing.T) {
	smtp := map[string]string{"ACCORD_SMTP_HOST": "smtp.example.org", "ACCORD_SMTP_FROM": "Accord <accord@example.org>"}
	with := func(extra map[string]string) map[string]string {
		env := map[string]string{}
		for k, v := range smtp {
			env[k] = v
		}
		for k, v := range extra {
			env[k] = v
		}
		return env
	}
	for _, c := range []struct {
		name string
		env  map[string]string
		args []string
		want string // in the error; empty: valid
	}{
		{"off without a host", map[string]string{"ACCORD_SMTP_FROM": "nonsense"}, nil, ""},
		{"on", smtp, nil, ""},
		{"port", with(map[string]string{"ACCORD_SMTP_PORT": "smtp"}), nil, "ACCORD_SMTP_PORT"},
		{"port range", with(map[string]string{"ACCORD_SMTP_PORT": "70000"}), nil, "port 70000"},
		{"starttls", with(map[string]string{"ACCORD_SMTP_STARTTLS": "maybe"}), nil, "ACCORD_SMTP_STARTTLS"},
		{"no sender", map[string]string{"ACCORD_SMTP_HOST": "smtp.example.org"}, nil, "sender's address is required"},
		{"user without password", with(map[string]string{"ACCORD_SMTP_USERNAME": "accord"}), nil, "both or neither"},
		{"flags", nil, []string{"--smtp-host", "smtp.example.org", "--smtp-from", "accord@example.org", "--smtp-port", "x"}, "invalid value"},
	} {
		t.Run(c.name, func(t *testing.T) {
			m := &Main{Stderr: io.Discard, Getenv: func(k string) string { return c.env[k] }}
			_, err := m.parse("serve", c.args, true, nil)
			if c.want == "" && err != nil || c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)) {
				t.Errorf("error %v, want %q", err, c.want)
			}
		})
	}

	// Defaults, and flags over the environment.
	m := &Main{Stderr: io.Discard, Getenv: func(k string) string { return with(map[string]string{"ACCORD_SMTP_PASSWORD": "s3cret"})[k] }}
	cfg, err := m.parse("serve", []string{"--smtp-port", "2525", "--smtp-starttls=false", "--smtp-username", "accord"}, true, nil)
	if err != nil {
		t.Fatal(err)
	}
	if s := cfg.SMTP; s.Host != "smtp.example.org" || s.Port != 2525 || s.StartTLS || s.Username != "accord" || s.Password != "s3cret" {
		t.Errorf("flags over environment: %+v", s)
	}
	if cfg, _ := defaultConfig(func(string) string { return "" }); cfg.SMTP.Port != 587 || !cfg.SMTP.StartTLS || cfg.SMTP.Enabled() {
		t.Errorf("defaults: %+v", cfg.SMTP)
	}
}

// TestServerSendsReminders: a server with SMTP configured sends the
// digests due when it starts, and shuts down cleanly.
func TestServerSendsReminders(t *testing.T) {
	dsn := "sqlite:" + filepath.Join(t.TempDir(), "accord.db")
	db, err := store.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	w := storetest.NewReminderWorld(t, db, time.Now().UTC())
	owner := w.User("omar@example.org", accord.RoleOfficer, false)
	w.ActionPoint("Send the draft work plan to WHO", owner, 3)
	db.Close()

	smtp := mailtest.Start(t, mailtest.Options{})
	cfg := Config{Addr: "127.0.0.1:0", DB: dsn, LogFormat: "text", LogLevel: "error", SessionTTL: time.Hour, SMTP: smtp.Config()}
	s, err := Start(context.Background(), cfg, discardLogger())
	if err != nil {
		t.Fatal(err)
	}
	msgs := smtp.Wait(1, 10*time.Second)
	if len(msgs) != 1 || msgs[0].To[0] != owner.Email || !strings.Contains(msgs[0].Text, "Send the draft work plan to WHO") {
		t.Errorf("reminders at start: %+v", msgs)
	}
	done := make(chan error, 1)
	go func() { done <- s.Shutdown() }()
	select {
	case err := <-done:
		if err != nil {
			t.Error(err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("shutdown hangs with the reminder job running")
	}
}
