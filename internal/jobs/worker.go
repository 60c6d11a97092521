// Package jobs runs background jobs from the database's queue
// (accord.JobQueue). Each kind of job has a producer, which finds the work
// due and enqueues it, and a handler, which does one job. A worker, one per
// instance, runs the producers, then claims jobs kind by kind and calls the
// kind's handler, acknowledging the job or failing it (retried with a delay,
// given up after its last try). The instances sharing a database share the
// work: each job is claimed by one of them at a time, and a job whose
// instance died is taken over once its claim's lease has ended.
package jobs

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/accordhq/accord/internal/accord"
)

// Kind is one kind of job.
type Kind struct {
	Name string // accord.JobReminderDigest, …
	// Due finds the work due at now, as jobs to enqueue: those already
	// enqueued are skipped. Nil when the jobs are enqueued elsewhere (a
	// contact message's acknowledgement is enqueued with the message).
	Due func(ctx context.Context, now time.Time) ([]accord.NewJob, error)
	// Every is how often Due runs at most; zero: at every tick.
	Every time.Duration
	// Handle does one job, claimed at now. It reports whether it did the
	// work; false with no error when nothing was left to do (an earlier try
	// did it). A job whose work was done is acknowledged even when the error
	// says that recording it failed: trying again would do it twice.
	Handle func(ctx context.Context, j accord.Job, now time.Time) (bool, error)
	// Timeout bounds one Handle (zero: half the lease); shutdown cuts it
	// short too.
	Timeout time.Duration
	// Lease is how long a claim lasts; far longer than Timeout, so that no
	// instance takes over a job that another is still doing.
	Lease time.Duration
	// Backoff is the wait after the nth failed try (1-based); nil: a second.
	Backoff func(attempt int) time.Duration
}

// minBackoff keeps a job that fails at once from being tried again within
// the same tick, whatever its kind's Backoff says.
const minBackoff = time.Second

// recordTimeout bounds recording what a job did once shutdown has begun.
const recordTimeout = 30 * time.Second

// RecordContext is the context in which to record what a job did, and in
// which the worker acknowledges or fails it: shutdown does not cut it short
// (a mail sent and not recorded would be sent again), recordTimeout bounds it.
func RecordContext(ctx context.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.WithoutCancel(ctx), recordTimeout)
}

// Worker runs the jobs of some kinds as one instance.
type Worker struct {
	queue    accord.JobQueue
	kinds    []Kind
	clock    func() time.Time
	instance string
	logger   *slog.Logger

	mu      sync.Mutex
	lastDue map[string]time.Time // by kind: when its Due last ran, by clock
}

// NewWorker returns a worker that claims jobs as instance, a name unique to
// this process among those sharing the database. Its clock tells the time
// for the queue and the handlers.
func NewWorker(queue accord.JobQueue, clock func() time.Time, instance string, logger *slog.Logger, kinds ...Kind) *Worker {
	return &Worker{queue: queue, kinds: kinds, clock: clock, instance: instance, logger: logger, lastDue: map[string]time.Time{}}
}

// Run ticks at once, then every interval and whenever wake receives (a nil
// wake never does), until ctx ends. A job under way when ctx ends is cut
// short, and recorded as done or failed, before Run returns.
func (w *Worker) Run(ctx context.Context, interval time.Duration, wake <-chan struct{}) {
	ticker := time.NewTicker(interval)
	defer ticker.Stop()
	for {
		done, err := w.Tick(ctx)
		if err != nil && ctx.Err() == nil {
			w.logger.Error("jobs", "err", err, "done", done)
		} else if done > 0 {
			w.logger.Info("jobs done", "count", done)
		}
		select {
		case <-ctx.Done():
			return
		case <-ticker.C:
		case <-wake:
		}
	}
}

// Tick enqueues what the producers find due, then works through the due
// jobs, one of each kind in turn so that a long run of one kind does not
// hold up the others, until none is left. It reports how many jobs did
// their work. A failed job does not stop the others; the errors are
// returned together.
func (w *Worker) Tick(ctx context.Context) (int, error) {
	var errs []error
	for _, k := range w.kinds {
		if err := w.enqueueDue(ctx, k); err != nil {
			errs = append(errs, fmt.Errorf("%s due: %w", k.Name, err))
		}
	}
	done := 0
	for ctx.Err() == nil {
		claimed := false
		for _, k := range w.kinds {
			if ctx.Err() != nil {
				break
			}
			got, did, err := w.work(ctx, k)
			if err != nil {
				errs = append(errs, err)
			}
			if did {
				done++
			}
			claimed = claimed || got
		}
		if !claimed {
			break
		}
	}
	return done, errors.Join(errs...)
}

// enqueueDue runs the kind's producer if it is time to.
func (w *Worker) enqueueDue(ctx context.Context, k Kind) error {
	if k.Due == nil {
		return nil
	}
	now := w.clock()
	w.mu.Lock()
	last, ran := w.lastDue[k.Name]
	if ran && now.Sub(last) < k.Every && !now.Before(last) {
		w.mu.Unlock()
		return nil
	}
	w.lastDue[k.Name] = now
	w.mu.Unlock()
	due, err := k.Due(ctx, now)
	if err == nil && len(due) > 0 {
		_, err = w.queue.Enqueue(ctx, due...)
	}
	return err
}

// work claims one job of kind k and runs it. It reports whether it claimed
// a job and whether the job did its work. One job at a time: a claim's
// lease starts when it is taken, so a job claimed with others would wait
// through their runs while its lease ran out.
func (w *Worker) work(ctx context.Context, k Kind) (claimed, did bool, err error) {
	now := w.clock()
	jobs, err := w.queue.Claim(ctx, k.Name, w.instance, now, k.Lease, 1)
	if err != nil || len(jobs) == 0 {
		return false, false, err
	}
	j := jobs[0]
	timeout := k.Timeout
	if timeout <= 0 {
		timeout = k.Lease / 2
	}
	handleCtx, cancel := context.WithTimeout(ctx, timeout)
	did, err = k.Handle(handleCtx, j, now)
	cancel()
	recordCtx, cancel := RecordContext(ctx)
	defer cancel()
	if err != nil {
		err = fmt.Errorf("%s %s: %w", j.Kind, j.Key, err)
	}
	if did || err == nil {
		return true, did, errors.Join(err, w.queue.Ack(recordCtx, j.ID, w.instance, w.clock()))
	}
	return true, false, errors.Join(err, w.fail(recordCtx, k, j, err))
}

// fail records a failed try, and says in the log whether the job will be
// tried again.
func (w *Worker) fail(ctx context.Context, k Kind, j accord.Job, cause error) error {
	delay := minBackoff
	if k.Backoff != nil {
		delay = max(k.Backoff(j.Attempts), minBackoff)
	}
	failed, err := w.queue.Fail(ctx, j.ID, w.instance, cause.Error(), w.clock(), delay)
	if err != nil {
		return err
	}
	if failed.State == accord.JobDead {
		w.logger.Error("job given up", "kind", j.Kind, "key", j.Key, "attempts", failed.Attempts, "err", cause)
	} else {
		w.logger.Warn("job failed; it will be retried", "kind", j.Kind, "key", j.Key, "attempt", failed.Attempts,
			"of", failed.MaxAttempts, "retry_at", failed.RunAfter, "err", cause)
	}
	return nil
}
