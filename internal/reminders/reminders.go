// Package reminders sends each user a daily digest of their reminders:
// agreements about to expire, action points due soon or overdue. Each
// user's digest of a day is a job in the database's queue
// (accord.JobReminderDigest), enqueued once however many Accord instances
// find it due; the instance that claims it reads the user's reminders, sends
// them and records them as sent, and a recorded digest is never sent again.
package reminders

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/jobs"
	"github.com/accordhq/accord/internal/mail"
)

// Sender delivers one email; *mail.Sender is one.
type Sender interface {
	Send(ctx context.Context, m mail.Message) error
}

// Every is how often the job looks for digests to enqueue; each user gets
// at most one a day.
const Every = 5 * time.Minute

// Digests is the digest job: it finds the users with reminders due today
// and sends each their digest.
func Digests(store accord.ReminderService, sender Sender) jobs.Kind {
	d := digests{store: store, sender: sender}
	return jobs.Kind{Name: accord.JobReminderDigest, Due: d.due, Every: Every, Handle: d.send,
		Timeout: mail.SendTimeout, Lease: accord.DigestStallTimeout,
		Backoff: func(int) time.Duration { return accord.DigestRetryDelay }}
}

type digests struct {
	store  accord.ReminderService
	sender Sender
}

// DigestJob is the job of the user's digest of day.
func DigestJob(userID int64, day accord.Date, now time.Time) accord.NewJob {
	return accord.NewJob{Kind: accord.JobReminderDigest, Key: DigestKey(userID, day), RunAfter: now, MaxAttempts: accord.DigestMaxAttempts}
}

// DigestKey names the user's digest of day in the queue.
func DigestKey(userID int64, day accord.Date) string {
	return strconv.FormatInt(userID, 10) + "/" + string(day)
}

func parseDigestKey(key string) (int64, accord.Date, error) {
	user, day, _ := strings.Cut(key, "/")
	id, err := strconv.ParseInt(user, 10, 64)
	if err != nil || day == "" {
		return 0, "", fmt.Errorf("digest key %q: want user/day", key)
	}
	return id, accord.Date(day), nil
}

func today(now time.Time) accord.Date { return accord.Date(now.UTC().Format(time.DateOnly)) }

// due enqueues a digest for each user with reminders due today.
func (d digests) due(ctx context.Context, now time.Time) ([]accord.NewJob, error) {
	due, err := d.store.DueReminders(ctx, now.UTC(), 0)
	if err != nil {
		return nil, err
	}
	day := today(now)
	var out []accord.NewJob
	for _, g := range accord.GroupDigests(day, due) {
		out = append(out, DigestJob(g.To.UserID, day, now))
	}
	return out, nil
}

// send sends one user's digest of the day with the reminders due when it
// runs (a retry includes what fell due meanwhile; an earlier try that sent
// it leaves none).
func (d digests) send(ctx context.Context, j accord.Job, now time.Time) (bool, error) {
	userID, day, err := parseDigestKey(j.Key)
	if err != nil {
		return false, err
	}
	if day != today(now) {
		// Retried past its day: what is still due goes in today's digest.
		return false, nil
	}
	due, err := d.store.DueReminders(ctx, now.UTC(), userID)
	if err != nil || len(due) == 0 {
		return false, err
	}
	digest := accord.GroupDigests(day, due)[0]
	msg, err := Render(digest)
	if err != nil {
		return false, err
	}
	if err := d.sender.Send(ctx, msg); err != nil {
		return false, err
	}
	recordCtx, cancel := jobs.RecordContext(ctx)
	defer cancel()
	if err := d.store.MarkDigestSent(recordCtx, digest, now); err != nil {
		return true, fmt.Errorf("sent but not recorded (its reminders may come again tomorrow): %w", err)
	}
	return true, nil
}
