// Package reminders sends each user a daily digest of their reminders:
// agreements about to expire, action points due soon or overdue. Several
// Accord instances may run it on one database: each user's digest of a day
// is claimed in the database by one instance before it is sent, and its
// reminders are recorded as sent in the transaction that closes the claim.
package reminders

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/mail"
)

// Sender delivers one email; *mail.Sender is one.
type Sender interface {
	Send(ctx context.Context, m mail.Message) error
}

// sendTimeout bounds connecting for one digest; the mail client's timeout
// bounds each later step. Both keep a send far below the claim's stall
// timeout, so that a slow server never lets another instance take over a
// claim whose mail is still going out.
const sendTimeout = 2 * time.Minute

// recordTimeout bounds recording the outcome of a send.
const recordTimeout = 30 * time.Second

// Runner sends the digests due. Its clock says what day it is.
type Runner struct {
	store    accord.ReminderService
	sender   Sender
	clock    func() time.Time
	instance string
	logger   *slog.Logger
}

// NewRunner returns a runner that claims digests as instance, a name
// unique to this process among those sharing the database.
func NewRunner(store accord.ReminderService, sender Sender, clock func() time.Time, instance string, logger *slog.Logger) *Runner {
	return &Runner{store: store, sender: sender, clock: clock, instance: instance, logger: logger}
}

// Run sends what is due at once, then every interval, until ctx ends. A
// digest being sent when ctx ends is finished and recorded first.
func Run(ctx context.Context, store accord.ReminderService, sender Sender, clock func() time.Time, interval time.Duration, instance string, logger *slog.Logger) {
	NewRunner(store, sender, clock, instance, logger).Run(ctx, interval)
}

// Run ticks at once, then every interval, until ctx ends.
func (r *Runner) Run(ctx context.Context, interval time.Duration) {
	mail.Loop(ctx, interval, nil, r.logger, "reminders", r.Tick)
}

// Tick sends the digests due now and reports how many went out. A failed
// digest does not stop the others; the errors are returned together.
func (r *Runner) Tick(ctx context.Context) (int, error) {
	now := r.clock().UTC()
	due, err := r.store.DueReminders(ctx, now)
	if err != nil {
		return 0, fmt.Errorf("due reminders: %w", err)
	}
	sent := 0
	var errs []error
	for _, d := range accord.GroupDigests(accord.Date(now.Format(time.DateOnly)), due) {
		if ctx.Err() != nil {
			break
		}
		ok, err := r.send(ctx, d, now)
		if err != nil {
			errs = append(errs, fmt.Errorf("digest of user %d for %s: %w", d.To.UserID, d.Day, err))
		}
		if ok {
			sent++
		}
	}
	return sent, errors.Join(errs...)
}

// send claims, sends and records one digest. It reports whether the mail
// server accepted it.
func (r *Runner) send(ctx context.Context, d accord.Digest, now time.Time) (bool, error) {
	claimed, err := r.store.ClaimDigest(ctx, d.To.UserID, d.Day, r.instance, now)
	if err != nil || !claimed {
		return false, err
	}
	// Shutdown cuts the send short (the mail server has not accepted it, so
	// the digest is released and sent after the restart) but not the record
	// of what happened, which is quick: a mail sent and not recorded would
	// be sent again by the next claim.
	msg, err := Render(d)
	if err == nil {
		sendCtx, cancel := context.WithTimeout(ctx, sendTimeout)
		err = r.sender.Send(sendCtx, msg)
		cancel()
	}
	recordCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), recordTimeout)
	defer cancel()
	if err != nil {
		r.logger.Warn("reminder digest not sent; it will be retried", "user_id", d.To.UserID, "day", d.Day, "err", err)
		return false, errors.Join(err, r.store.ReleaseDigest(recordCtx, d.To.UserID, d.Day, r.instance, err.Error(), r.clock().UTC()))
	}
	if err := r.store.MarkDigestSent(recordCtx, d, r.instance, r.clock().UTC()); err != nil {
		return true, fmt.Errorf("sent but not recorded (it may be sent again after the stall timeout): %w", err)
	}
	return true, nil
}
