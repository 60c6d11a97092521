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
func startContactAcks(cfg Config, db *store.DB, logger *slog.Logger, wake <-chan struct{}) (*mailJob, error) {
	if !cfg.SMTP.Enabled() {
		logger.Info("contact acknowledgements by email off: no SMTP host configured; they wait until one is")
		return nil, nil
	}
	sender, err := mail.New(cfg.SMTP)
	if err != nil {
		return nil, err
	}
	logger.Info("contact acknowledgements by email on")
	return startMailJob("contact acknowledgements: one", logger, func(ctx context.Context) {
		contactack.NewRunner(db, sender, db.Clock, instanceName(), logger).Run(ctx, contactAckInterval, wake)
	}), nil
}
