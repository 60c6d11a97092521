package app

import (
	"context"
	"log/slog"
	"time"

	"github.com/accordhq/accord/internal/commentnotice"
	"github.com/accordhq/accord/internal/mail"
	"github.com/accordhq/accord/internal/store"
)

// commentNoticeInterval is how often the job looks for comments waiting for
// moderation; each moderator gets at most one notice per
// accord.CommentNoticeGap.
const commentNoticeInterval = time.Minute

// commentNotices is the running moderator-notice job.
type commentNotices struct {
	cancel context.CancelFunc
	done   chan struct{}
	logger *slog.Logger
}

// startCommentNotices starts the job when SMTP is configured; it returns nil otherwise.
func startCommentNotices(cfg Config, db *store.DB, logger *slog.Logger) (*commentNotices, error) {
	if !cfg.SMTP.Enabled() {
		return nil, nil
	}
	sender, err := mail.New(cfg.SMTP)
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithCancel(context.Background())
	j := &commentNotices{cancel: cancel, done: make(chan struct{}), logger: logger}
	go func() {
		defer close(j.done)
		commentnotice.NewRunner(db, sender, time.Now, instanceName(), logger).Run(ctx, commentNoticeInterval)
	}()
	logger.Info("comment notices to moderators by email on")
	return j, nil
}

// stop ends the job, waiting for a notice being sent to be recorded.
func (j *commentNotices) stop() {
	if j == nil {
		return
	}
	j.cancel()
	select {
	case <-j.done:
	case <-time.After(reminderDrain):
		j.logger.Warn("comment notices: a notice was still being sent at shutdown; it may be sent again")
	}
}
