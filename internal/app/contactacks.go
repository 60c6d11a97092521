package app

import (
	"context"
	"log/slog"
	"time"

	"github.com/accordhq/accord/internal/contactack"
	"github.com/accordhq/accord/internal/mail"
	"github.com/accordhq/accord/internal/store"
)

// contactAckInterval is how often the job looks for acknowledgements due
// (retries); a new message wakes it at once.
const contactAckInterval = time.Minute

// contactAcks is the running job that acknowledges contact messages.
type contactAcks struct {
	cancel context.CancelFunc
	done   chan struct{}
	logger *slog.Logger
}

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

// startContactAcks starts the job when SMTP is configured; it returns nil
// otherwise, and the acknowledgements wait until a server is configured.
func startContactAcks(cfg Config, db *store.DB, logger *slog.Logger, wake <-chan struct{}) (*contactAcks, error) {
	if !cfg.SMTP.Enabled() {
		logger.Info("contact acknowledgements by email off: no SMTP host configured; they wait until one is")
		return nil, nil
	}
	sender, err := mail.New(cfg.SMTP)
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithCancel(context.Background())
	j := &contactAcks{cancel: cancel, done: make(chan struct{}), logger: logger}
	go func() {
		defer close(j.done)
		contactack.NewRunner(db, sender, time.Now, instanceName(), logger).Run(ctx, contactAckInterval, wake)
	}()
	logger.Info("contact acknowledgements by email on")
	return j, nil
}

// stop ends the job, waiting for an acknowledgement being sent to be recorded.
func (j *contactAcks) stop() {
	if j == nil {
		return
	}
	j.cancel()
	select {
	case <-j.done:
	case <-time.After(reminderDrain):
		j.logger.Warn("contact acknowledgements: one was still being sent at shutdown; it may be sent again")
	}
}
