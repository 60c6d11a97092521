package mail_test

import (
	"context"
	"strings"
	"testing"

	"github.com/accordhq/accord/internal/mail"
	"github.com/accordhq/accord/internal/mail/mailtest"
)

var digest = mail.Message{To: "Ada Officer <ada@example.org>", Subject: "Accord : rappels – 2 éléments",
	Text: "Bonjour Ada,\n\nMémorandum d’accord OIC–WHO : expire le 31 décembre 2030.\n", HTML: "<p>Bonjour Ada,</p>"}

func TestSendPlainText(t *testing.T) {
	server := mailtest.Start(t, mailtest.Options{})
	sender, err := mail.New(server.Config())
	if err != nil {
		t.Fatal(err)
	}
	if err := sender.Send(context.Background(), digest); err != nil {
		t.Fatal(err)
	}
	msgs := server.Messages()
	if len(msgs) != 1 {
		t.Fatalf("received %d messages", len(msgs))
	}
	m := msgs[0]
	if m.From != "accord@example.org" || len(m.To) != 1 || m.To[0] != "ada@example.org" {
		t.Errorf("envelope: from %q to %q", m.From, m.To)
	}
	if m.Subject != digest.Subject || m.Text != digest.Text || m.HTML != digest.HTML {
		t.Errorf("content: %q\n%q\n%q", m.Subject, m.Text, m.HTML)
	}
	if m.Header.Get("Auto-Submitted") != "auto-generated" || m.Header.Get("Message-Id") == "" || m.Header.Get("Date") == "" {
		t.Errorf("headers: %v", m.Header)
	}
}

func TestStartTLSWithAuthentication(t *testing.T) {
	serverTLS, clientTLS := mailtest.TLSPair(t)
	server := mailtest.Start(t, mailtest.Options{TLS: serverTLS, Users: map[string]string{"accord": "s3cret"}})
	cfg := server.Config()
	cfg.StartTLS, cfg.TLS, cfg.Username, cfg.Password = true, clientTLS, "accord", "s3cret"
	sender, err := mail.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if err := sender.Send(context.Background(), digest); err != nil {
		t.Fatal(err)
	}
	if msgs := server.Messages(); len(msgs) != 1 || msgs[0].User != "accord" {
		t.Fatalf("authenticated delivery: %+v", msgs)
	}

	cfg.Password = "wrong"
	sender, _ = mail.New(cfg)
	if err := sender.Send(context.Background(), digest); err == nil {
		t.Error("a wrong password was accepted")
	}
	if n := len(server.Messages()); n != 1 {
		t.Errorf("%d messages after a failed sign-in", n)
	}
}

func TestStartTLSRequired(t *testing.T) {
	// A server that offers no STARTTLS: with StartTLS nothing is sent, not
	// even in clear; without it the mail goes out unencrypted.
	server := mailtest.Start(t, mailtest.Options{})
	cfg := server.Config()
	cfg.StartTLS = true
	sender, _ := mail.New(cfg)
	if err := sender.Send(context.Background(), digest); err == nil || !strings.Contains(err.Error(), "STARTTLS") {
		t.Errorf("StartTLS against a server without it: %v", err)
	}
	if n := len(server.Messages()); n != 0 {
		t.Errorf("%d messages sent in clear although StartTLS was required", n)
	}
}

func TestRefusedRecipient(t *testing.T) {
	server := mailtest.Start(t, mailtest.Options{})
	server.RefuseRecipients(true)
	sender, _ := mail.New(server.Config())
	if err := sender.Send(context.Background(), digest); err == nil || !strings.Contains(err.Error(), "550") {
		t.Errorf("refused recipient: %v", err)
	}
	if n := len(server.Messages()); n != 0 {
		t.Errorf("%d messages accepted", n)
	}
}

func TestConfigProblems(t *testing.T) {
	ok := mail.Config{Host: "smtp.example.org", Port: 587, From: "Accord <accord@example.org>"}
	for _, c := range []struct {
		name string
		edit func(*mail.Config)
		want string
	}{
		{"valid", func(*mail.Config) {}, ""},
		{"disabled", func(c *mail.Config) { *c = mail.Config{Port: -1} }, ""},
		{"port", func(c *mail.Config) { c.Port = 0 }, "port 0"},
		{"host with port", func(c *mail.Config) { c.Host = "smtp.example.org:587" }, "without port"},
		{"no sender", func(c *mail.Config) { c.From = "" }, "sender's address is required"},
		{"bad sender", func(c *mail.Config) { c.From = "accord at example" }, `from "accord at example"`},
		{"username only", func(c *mail.Config) { c.Username = "accord" }, "both or neither"},
	} {
		t.Run(c.name, func(t *testing.T) {
			cfg := ok
			c.edit(&cfg)
			got := strings.Join(cfg.Problems(), "; ")
			if (c.want == "") != (got == "") || !strings.Contains(got, c.want) {
				t.Errorf("problems %q, want %q", got, c.want)
			}
			if _, err := mail.New(cfg); cfg.Enabled() && (err == nil) != (c.want == "") {
				t.Errorf("New: %v", err)
			}
		})
	}
}
