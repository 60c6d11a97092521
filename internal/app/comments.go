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

// startCommentNotices starts the job when SMTP is configured; it returns nil otherwise.
func startCommentNotices(cfg Config, db *store.DB, logger *slog.Logger) (*mailJob, error) {
	if !cfg.SMTP.Enabled() {
		return nil, nil
	}
	sender, err := mail.New(cfg.SMTP)
	if err != nil {
		return nil, err
	}
	logger.Info("comment notices to moderators by email on")
	return startMailJob("comment notices: a notice", logger, func(ctx context.Context) {
		commentnotice.NewRunner(db, sender, db.Clock, instanceName(), logger).Run(ctx, commentNoticeInterval)
	}), nil
}
