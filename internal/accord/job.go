package accord

import (
	"context"
	"time"
)

// Kinds of job in the queue, and what their keys name.
const (
	JobReminderDigest = "reminder_digest" // key: "user id/day"; a user's digest of one day
	JobCommentNotice  = "comment_notice"  // key: the moderator's user id; their next notice
	JobContactAck     = "contact_ack"     // key: the contact message's id; its acknowledgement
)

// Job states. A job waits queued until its RunAfter, runs while one
// instance holds its claim, and ends done or, once its tries are used up,
// dead with its last error kept.
const (
	JobQueued  = "queued"
	JobRunning = "running"
	JobDone    = "done"
	JobDead    = "dead"
)

// NewJob is a job to enqueue.
type NewJob struct {
	Kind string
	// Key names the job's work within its kind, so that the same work is
	// enqueued once however many instances find it due.
	Key string
	// Payload is what the handler needs beyond the key (usually JSON); the
	// mail jobs need none.
	Payload     string
	RunAfter    time.Time
	MaxAttempts int
	// Again queues anew a job of the same kind and key that has ended (done
	// or dead): for work that recurs under one key, such as a moderator's
	// next notice. A job still queued or running is left as it is.
	Again bool
}

// Validate checks what the queue needs.
func (j NewJob) Validate() error {
	var p Problems
	if j.Kind == "" {
		p.Add("kind", "is required")
	}
	if j.Key == "" {
		p.Add("key", "is required")
	}
	if j.MaxAttempts < 1 {
		p.Add("max_attempts", "must be at least 1")
	}
	if j.RunAfter.IsZero() {
		p.Add("run_after", "is required")
	}
	return p.Err()
}

// Job is a job as the queue holds it.
type Job struct {
	ID           int64
	Kind         string
	Key          string
	Payload      string
	State        string
	Attempts     int // tries begun; a claim begins one
	MaxAttempts  int
	RunAfter     time.Time
	ClaimedBy    string    // the instance that holds or last held it
	ClaimedUntil time.Time // the end of the claim's lease; zero when no claim is held
	LastError    string
	CreatedAt    time.Time
	DoneAt       time.Time // when it ended done or dead; zero before
}

// LastAttempt reports whether the try under way is the job's last: if it
// fails, the job is dead.
func (j Job) LastAttempt() bool { return j.Attempts >= j.MaxAttempts }

// JobQueue is the queue of background jobs that the instances sharing a
// database work through. A job is claimed by one instance at a time for a
// lease; a job whose instance died is taken over once its lease has ended.
// Times are the caller's clock, so that a worker and its tests agree on
// them. Jobs need no actor.
type JobQueue interface {
	// Enqueue adds jobs in one transaction, skipping each whose kind and
	// key are already in the queue (unless Again allows it), and reports
	// how many it added.
	Enqueue(ctx context.Context, jobs ...NewJob) (int, error)
	// Claim gives instance up to limit jobs of kind due at now, oldest
	// first: queued ones whose RunAfter has come and running ones whose
	// lease has ended. Each claim begins a try and lasts lease; two
	// claimers never get the same job.
	Claim(ctx context.Context, kind, instance string, now time.Time, lease time.Duration, limit int) ([]Job, error)
	// Ack marks done a job that instance holds; ECONFLICT when it does not
	// (another instance took it over).
	Ack(ctx context.Context, id int64, instance string, now time.Time) error
	// Fail records a failed try of a job that instance holds, with its
	// cause: the job is queued again for now+retryIn, or dead when the try
	// was its last. It returns the job as recorded; ECONFLICT when instance
	// no longer holds it.
	Fail(ctx context.Context, id int64, instance, cause string, now time.Time, retryIn time.Duration) (Job, error)
	// Job returns the job of kind and key, for tests and diagnosis.
	Job(ctx context.Context, kind, key string) (Job, error)
}
