package accord

import (
	"context"
	"sort"
	"time"
)

// Reminder kinds: what a reminder is about.
const (
	ReminderAgreementExpiry = "agreement_expiry" // record: an agreement; to: staff who may write
	ReminderActionPointDue  = "action_point_due" // record: an action point; to: its owner
	ReminderValueAwaiting   = "value_awaiting"   // record: an indicator value; to: editors and administrators
)

// Reminder stages. An agreement is reminded of once per window its expiry
// date falls in (the smallest one: 30 within 30 days, 60 within 60, 90
// within 90); an action point once when due within 7 days and once when
// overdue.
const (
	StageExpiry90 = "90"
	StageExpiry60 = "60"
	StageExpiry30 = "30"
	StageDue7     = "due7"
	StageOverdue  = "overdue"
	// A value awaiting approval is reminded of once per submission: its
	// stage is "v" and the version submitted, so a value returned and
	// submitted again is reminded of again.
	StageAwaitingPrefix = "v"
)

// DigestStallTimeout is the lease of a digest's job: after it, a digest
// claimed by an instance that died is taken over by another. It is far
// longer than a send may take (the mail client's timeouts are seconds), so
// a live instance never loses a claim while it sends.
const DigestStallTimeout = 15 * time.Minute

// DigestMaxAttempts bounds the tries at one user's digest of one day, so
// that an address the mail server refuses is not retried all day.
const DigestMaxAttempts = 5

// DigestRetryDelay is the wait after a failed try at a digest: about as
// often as the reminder job looks for digests to send.
const DigestRetryDelay = 5 * time.Minute

// Recipient is the user a reminder goes to.
type Recipient struct {
	UserID   int64
	Email    string
	Name     string
	Language string // en, fr, ar; empty is English
}

// Reminder is one thing a user is reminded of on one day.
type Reminder struct {
	To       Recipient
	Kind     string
	RecordID int64
	Stage    string
	Title    string // the agreement's title or the action point's text
	Source   string // where it comes from: the engagement of an action point
	Date     Date   // the expiry or due date the reminder is about
}

// Digest is one user's reminders of one day: they go out in one email.
type Digest struct {
	To        Recipient
	Day       Date
	Reminders []Reminder
}

// kindOrder is the order of the sections of a digest.
var kindOrder = map[string]int{ReminderAgreementExpiry: 1, ReminderActionPointDue: 2, ReminderValueAwaiting: 3}

// GroupDigests gathers reminders into one digest per user, in user order,
// each listing its reminders by kind, date and record.
func GroupDigests(day Date, reminders []Reminder) []Digest {
	byUser := map[int64]int{}
	var out []Digest
	for _, r := range reminders {
		i, ok := byUser[r.To.UserID]
		if !ok {
			i = len(out)
			byUser[r.To.UserID] = i
			out = append(out, Digest{To: r.To, Day: day})
		}
		out[i].Reminders = append(out[i].Reminders, r)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].To.UserID < out[j].To.UserID })
	for _, d := range out {
		sort.SliceStable(d.Reminders, func(i, j int) bool {
			a, b := d.Reminders[i], d.Reminders[j]
			if a.Kind != b.Kind {
				return kindOrder[a.Kind] < kindOrder[b.Kind]
			}
			if a.Date != b.Date {
				return a.Date < b.Date
			}
			return a.RecordID < b.RecordID
		})
	}
	return out
}

// ReminderService finds the reminders due and records which went out. The
// digests themselves are jobs in the queue (JobReminderDigest), one per
// user and day.
type ReminderService interface {
	// DueReminders lists the reminders due on today's date that were not
	// sent yet, for users whose digest of the day has not gone out: of
	// userID, or of every user when it is 0.
	DueReminders(ctx context.Context, today time.Time, userID int64) ([]Reminder, error)
	// MarkDigestSent records the digest's reminders as sent, in one
	// transaction: the user's digest of the day has gone out.
	MarkDigestSent(ctx context.Context, d Digest, now time.Time) error
}
