package app

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"strconv"
	"time"

	"github.com/accordhq/accord/internal/mail"
	"github.com/accordhq/accord/internal/reminders"
	"github.com/accordhq/accord/internal/store"
)

// reminderInterval is how often the reminder job looks for digests to
// send; each user gets at most one a day.
const reminderInterval = 5 * time.Minute

// smtpFromEnv sets the SMTP defaults (port 587 with STARTTLS required) and
// reads ACCORD_SMTP_* over them.
func (c *Config) smtpFromEnv(env func(string) string) error {
	c.SMTP = mail.Config{Port: 587, StartTLS: true}
	for name, dst := range map[string]*string{"ACCORD_SMTP_HOST": &c.SMTP.Host, "ACCORD_SMTP_USERNAME": &c.SMTP.Username,
		"ACCORD_SMTP_PASSWORD": &c.SMTP.Password, "ACCORD_SMTP_FROM": &c.SMTP.From} {
		if v := env(name); v != "" {
			*dst = v
		}
	}
	if v := env("ACCORD_SMTP_PORT"); v != "" {
		port, err := strconv.Atoi(v)
		if err != nil {
			return fmt.Errorf("ACCORD_SMTP_PORT=%q: must be a port number such as 587", v)
		}
		c.SMTP.Port = port
	}
	return envBool(env, "ACCORD_SMTP_STARTTLS", &c.SMTP.StartTLS)
}

// bindSMTPFlags declares the serve command's SMTP flags. The password has
// no flag, so that it never shows in the process list: use the environment.
func (c *Config) bindSMTPFlags(fs *flag.FlagSet) {
	fs.StringVar(&c.SMTP.Host, "smtp-host", c.SMTP.Host, "SMTP server for reminder emails; empty: no reminders (env ACCORD_SMTP_HOST)")
	fs.IntVar(&c.SMTP.Port, "smtp-port", c.SMTP.Port, "SMTP port (env ACCORD_SMTP_PORT)")
	fs.StringVar(&c.SMTP.Username, "smtp-username", c.SMTP.Username, "SMTP user; the password is read from ACCORD_SMTP_PASSWORD (env ACCORD_SMTP_USERNAME)")
	fs.StringVar(&c.SMTP.From, "smtp-from", c.SMTP.From, "sender of reminder emails, e.g. 'Accord <accord@example.org>' (env ACCORD_SMTP_FROM)")
	fs.BoolVar(&c.SMTP.StartTLS, "smtp-starttls", c.SMTP.StartTLS, "require STARTTLS; false uses it when offered (env ACCORD_SMTP_STARTTLS)")
}

// startReminders starts the reminder job when SMTP is configured; it
// returns nil otherwise.
func startReminders(cfg Config, db *store.DB, logger *slog.Logger) (*mailJob, error) {
	if !cfg.SMTP.Enabled() {
		logger.Info("reminders by email off: no SMTP host configured")
		return nil, nil
	}
	sender, err := mail.New(cfg.SMTP)
	if err != nil {
		return nil, err
	}
	instance := instanceName()
	logger.Info("reminders by email on", "smtp", fmt.Sprintf("%s:%d", cfg.SMTP.Host, cfg.SMTP.Port), "from", cfg.SMTP.From, "instance", instance)
	return startMailJob("reminders: a digest", logger, func(ctx context.Context) {
		reminders.Run(ctx, db, sender, db.Clock, reminderInterval, instance, logger)
	}), nil
}

// mailJob is a running job that sends email: reminders, notices to
// moderators, acknowledgements of contact messages.
type mailJob struct {
	what    string // what may be left half-sent at shutdown, for the log
	stopJob context.CancelFunc
	done    chan struct{}
	logger  *slog.Logger
}

func startMailJob(what string, logger *slog.Logger, run func(ctx context.Context)) *mailJob {
	ctx, cancel := context.WithCancel(context.Background())
	j := &mailJob{what: what, stopJob: cancel, done: make(chan struct{}), logger: logger}
	go func() {
		defer close(j.done)
		run(ctx)
	}()
	return j
}

// cancel tells the job to stop.
func (j *mailJob) cancel() {
	if j != nil {
		j.stopJob()
	}
}

// wait waits for the job to stop, or for ctx to end.
func (j *mailJob) wait(ctx context.Context) {
	if j == nil {
		return
	}
	select {
	case <-j.done:
	case <-ctx.Done():
		j.logger.Warn(j.what + " was still being sent at shutdown; it may be sent again")
	}
}

// instanceName names this process among the Accord instances sharing a
// database: host, process and a random part for restarts that reuse a PID.
func instanceName() string {
	host, _ := os.Hostname()
	b := make([]byte, 3)
	_, _ = rand.Read(b)
	return fmt.Sprintf("%s-%d-%s", host, os.Getpid(), hex.EncodeToString(b))
}
