// Package contactack mails the sender of each contact message an
// acknowledgement. A message is saved with the job that acknowledges it
// (accord.JobContactAck), so a mail server that is down or refuses loses
// nothing: the job is retried with growing delays (accord.AckRetryDelay),
// and several Accord instances may work through the queue, each job being
// claimed by one of them at a time.
//
// The mail never repeats what the sender typed (not even the name): the
// form takes any address, and an acknowledgement that echoed the message
// would let anyone send their text to a stranger from our server.
package contactack

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/i18n"
	"github.com/accordhq/accord/internal/jobs"
	"github.com/accordhq/accord/internal/mail"
)

// Store is what the job needs from storage.
type Store interface {
	GetContact(ctx context.Context, id int64) (*accord.ContactMessage, error)
	RecordContactAck(ctx context.Context, id int64, attempt int, sendErr string, last bool, now time.Time) error
}

// Sender delivers one email; *mail.Sender is one.
type Sender interface {
	Send(ctx context.Context, m mail.Message) error
}

// ackLease is how long a claimed acknowledgement may stay unrecorded
// before another instance takes it over (its sender died mid-send).
const ackLease = 10 * time.Minute

// Acknowledgements is the acknowledgement job. Its jobs are enqueued with
// the messages (store.SubmitContact), so it has no producer.
func Acknowledgements(store Store, sender Sender) jobs.Kind {
	a := acks{store: store, sender: sender}
	return jobs.Kind{Name: accord.JobContactAck, Handle: a.send, Timeout: mail.SendTimeout, Lease: ackLease,
		Backoff: func(attempt int) time.Duration {
			delay, _ := accord.AckRetryDelay(attempt)
			return delay
		}}
}

type acks struct {
	store  Store
	sender Sender
}

// send sends one acknowledgement and records the attempt on the message,
// where the inbox shows it.
func (a acks) send(ctx context.Context, j accord.Job, now time.Time) (bool, error) {
	id, err := strconv.ParseInt(j.Key, 10, 64)
	if err != nil {
		return false, fmt.Errorf("acknowledgement key %q: want a message id", j.Key)
	}
	m, err := a.store.GetContact(accord.WithActor(ctx, accord.SystemActor), id)
	if err != nil || m.AckState != accord.AckPending {
		return false, err // sent, or given up, by an earlier try
	}
	sendErr := a.sender.Send(ctx, Render(m))
	recordCtx, cancel := jobs.RecordContext(ctx)
	defer cancel()
	cause := ""
	if sendErr != nil {
		cause = sendErr.Error()
	}
	if err := a.store.RecordContactAck(recordCtx, id, j.Attempts, cause, j.LastAttempt(), now); err != nil {
		return sendErr == nil, errors.Join(sendErr, err)
	}
	return sendErr == nil, sendErr
}

// Render is the acknowledgement of m, in the language of the form it came from.
func Render(m *accord.ContactMessage) mail.Message {
	l := i18n.Get(m.Lang)
	return mail.Message{To: m.Email, Subject: l.T("contact.ack.subject", m.ID), Text: l.T("contact.ack.body", m.ID)}
}
