package app

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"os"
	"time"

	"github.com/accordhq/accord/internal/commentnotice"
	"github.com/accordhq/accord/internal/contactack"
	"github.com/accordhq/accord/internal/jobs"
	"github.com/accordhq/accord/internal/mail"
	"github.com/accordhq/accord/internal/reminders"
	"github.com/accordhq/accord/internal/store"
)

// mailJobsInterval is how often the worker looks for jobs due: comments
// waiting, acknowledgements to retry; reminders look every reminders.Every.
// A new contact message wakes it at once.
const mailJobsInterval = time.Minute

// newContactWake is the signal the web server sends when a message is saved.
func newContactWake() (chan struct{}, func()) {
	wake := make(chan struct{}, 1)
	return wake, func() {
		select {
		case wake <- struct{}{}:
		default: // already signalled
		}
	}
}

// startMailJobs starts the worker of the jobs that send email (reminder
// digests, notices to moderators, acknowledgements of contact messages)
// when SMTP is configured; it returns nil otherwise, and the jobs enqueued
// meanwhile (acknowledgements) wait until a server is configured.
func startMailJobs(cfg Config, db *store.DB, logger *slog.Logger, wake <-chan struct{}) (*mailJob, error) {
	if !cfg.SMTP.Enabled() {
		logger.Info("email off: no SMTP host configured; no reminders or notices, acknowledgements wait until one is")
		return nil, nil
	}
	sender, err := mail.New(cfg.SMTP)
	if err != nil {
		return nil, err
	}
	instance := instanceName()
	logger.Info("email on: reminders, notices to moderators, contact acknowledgements",
		"smtp", fmt.Sprintf("%s:%d", cfg.SMTP.Host, cfg.SMTP.Port), "from", cfg.SMTP.From, "instance", instance)
	// The jobs tell time by the database's clock, so that instances whose
	// clocks drift agree (store.DB.Clock).
	worker := jobs.NewWorker(db, db.Clock, instance, logger,
		reminders.Digests(db, sender), commentnotice.Notices(db, sender), contactack.Acknowledgements(db, sender))
	ctx, cancel := context.WithCancel(context.Background())
	j := &mailJob{stopJob: cancel, done: make(chan struct{}), logger: logger}
	go func() {
		defer close(j.done)
		worker.Run(ctx, mailJobsInterval, wake)
	}()
	return j, nil
}

// mailJob is the running worker of the jobs that send email.
type mailJob struct {
	stopJob context.CancelFunc
	done    chan struct{}
	logger  *slog.Logger
}

// cancel tells the worker to stop.
func (j *mailJob) cancel() {
	if j != nil {
		j.stopJob()
	}
}

// wait waits for the worker to stop, or for ctx to end.
func (j *mailJob) wait(ctx context.Context) {
	if j == nil {
		return
	}
	select {
	case <-j.done:
	case <-ctx.Done():
		j.logger.Warn("an email was still being sent at shutdown; its job is taken over once its claim's lease ends, and it may be sent again")
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
