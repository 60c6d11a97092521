// Package contactack mails the sender of each contact message an
// acknowledgement. A message is saved before its acknowledgement is tried,
// so a mail server that is down or refuses loses nothing: the
// acknowledgement is retried with growing delays (accord.AckRetryDelay),
// and several Accord instances may run the job on one database, each
// acknowledgement being claimed by one of them before it is sent.
//
// The mail never repeats what the sender typed (not even the name): the
// form takes any address, and an acknowledgement that echoed the message
// would let anyone send their text to a stranger from our server.
package contactack

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/i18n"
	"github.com/accordhq/accord/internal/mail"
)

// Store is what the job needs from storage.
type Store interface {
	DueContactAcks(ctx context.Context, now time.Time, limit int) ([]*accord.ContactMessage, error)
	ClaimContactAck(ctx context.Context, id int64, instance string, now time.Time) (bool, error)
	RecordContactAck(ctx context.Context, id int64, instance, sendErr string, now time.Time) error
}

// Sender delivers one email; *mail.Sender is one.
type Sender interface {
	Send(ctx context.Context, m mail.Message) error
}

// sendTimeout bounds one send, far below the claim's stall timeout.
const sendTimeout = 2 * time.Minute

// recordTimeout bounds recording a send once shutdown has begun.
const recordTimeout = 30 * time.Second

// batch is how many acknowledgements one tick sends at most.
const batch = 50

// Runner sends the acknowledgements due.
type Runner struct {
	store    Store
	sender   Sender
	clock    func() time.Time
	instance string
	logger   *slog.Logger
}

// NewRunner returns a runner that claims acknowledgements as instance, a
// name unique to this process among those sharing the database.
func NewRunner(store Store, sender Sender, clock func() time.Time, instance string, logger *slog.Logger) *Runner {
	return &Runner{store: store, sender: sender, clock: clock, instance: instance, logger: logger}
}

// Run ticks at once, then every interval and whenever wake receives, until
// ctx ends. An acknowledgement being sent when ctx ends is finished and recorded first.
func (r *Runner) Run(ctx context.Context, interval time.Duration, wake <-chan struct{}) {
	mail.Loop(ctx, interval, wake, r.logger, "contact acknowledgements", r.Tick)
}

// Tick sends the acknowledgements due now and reports how many the mail
// server accepted. A failed one does not stop the others.
func (r *Runner) Tick(ctx context.Context) (int, error) {
	due, err := r.store.DueContactAcks(ctx, r.clock(), batch)
	if err != nil {
		return 0, fmt.Errorf("due acknowledgements: %w", err)
	}
	sent := 0
	var errs []error
	for _, m := range due {
		if ctx.Err() != nil {
			break
		}
		ok, err := r.send(ctx, m)
		if err != nil {
			errs = append(errs, fmt.Errorf("contact message %d: %w", m.ID, err))
		}
		if ok {
			sent++
		}
	}
	return sent, errors.Join(errs...)
}

func (r *Runner) send(ctx context.Context, m *accord.ContactMessage) (bool, error) {
	claimed, err := r.store.ClaimContactAck(ctx, m.ID, r.instance, r.clock())
	if err != nil || !claimed {
		return false, err
	}
	// Shutdown cuts the send short (it is then retried after the restart),
	// never the record of what happened.
	sendCtx, cancel := context.WithTimeout(ctx, sendTimeout)
	sendErr := r.sender.Send(sendCtx, Render(m))
	cancel()
	ctx, cancel = context.WithTimeout(context.WithoutCancel(ctx), recordTimeout)
	defer cancel()
	cause := ""
	if sendErr != nil {
		cause = sendErr.Error()
		r.logger.Warn("contact acknowledgement not sent; it will be retried", "message_id", m.ID, "attempt", m.AckAttempts+1, "err", sendErr)
	}
	if err := r.store.RecordContactAck(ctx, m.ID, r.instance, cause, r.clock()); err != nil {
		return sendErr == nil, errors.Join(sendErr, err)
	}
	return sendErr == nil, sendErr
}

// Render is the acknowledgement of m, in the language of the form it came from.
func Render(m *accord.ContactMessage) mail.Message {
	l := i18n.Get(m.Lang)
	return mail.Message{To: m.Email, Subject: l.T("contact.ack.subject", m.ID), Text: l.T("contact.ack.body", m.ID)}
}
