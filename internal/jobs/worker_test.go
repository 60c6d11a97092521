package jobs_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/jobs"
	"github.com/accordhq/accord/internal/store"
	"github.com/accordhq/accord/internal/store/storetest"
)

// fakeKind is a kind of job whose work is listed in due and whose handler
// does what outcome says for a key.
type fakeKind struct {
	mu      sync.Mutex
	name    string
	due     []string
	outcome map[string]func(ctx context.Context) (bool, error)
	ran     *[]string // keys handled, in order, shared by kinds
	dueRuns int
}

func (f *fakeKind) kind() jobs.Kind {
	return jobs.Kind{Name: f.name, Every: time.Hour, Lease: time.Minute, Timeout: 10 * time.Second,
		Backoff: func(attempt int) time.Duration { return time.Duration(attempt) * time.Minute },
		Due: func(ctx context.Context, now time.Time) ([]accord.NewJob, error) {
			f.mu.Lock()
			defer f.mu.Unlock()
			f.dueRuns++
			var out []accord.NewJob
			for _, key := range f.due {
				out = append(out, accord.NewJob{Kind: f.name, Key: key, RunAfter: now, MaxAttempts: 2})
			}
			return out, nil
		},
		Handle: func(ctx context.Context, j accord.Job, now time.Time) (bool, error) {
			f.mu.Lock()
			*f.ran = append(*f.ran, f.name+"/"+j.Key)
			do := f.outcome[j.Key]
			f.mu.Unlock()
			if do == nil {
				return true, nil
			}
			return do(ctx)
		},
	}
}

type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *testClock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *testClock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// TestTick: each kind's work is enqueued and done, a kind at a time in
// turn; failures are retried after their delay and given up after the
// last try, with a log line each; work done but not recorded is not done
// twice.
func TestTick(t *testing.T) {
	db := storetest.Open(t, store.SQLite)
	var ran []string
	refused := errors.New("550 mailbox unavailable")
	mails := &fakeKind{name: "mail", due: []string{"1", "2", "3"}, ran: &ran, outcome: map[string]func(context.Context) (bool, error){
		"2": func(context.Context) (bool, error) { return false, refused },
		"3": func(context.Context) (bool, error) { return true, errors.New("sent, not recorded") },
	}}
	imports := &fakeKind{name: "import", due: []string{"a", "b"}, ran: &ran, outcome: map[string]func(context.Context) (bool, error){
		"b": func(context.Context) (bool, error) { return false, nil }, // nothing left to do
	}}
	clk := &testClock{t: time.Date(2030, 3, 2, 9, 0, 0, 0, time.UTC)}
	var log bytes.Buffer
	w := jobs.NewWorker(db, clk.Now, "one", slog.New(slog.NewTextHandler(&log, nil)), mails.kind(), imports.kind())

	done, err := w.Tick(context.Background())
	if want := "mail/1 import/a mail/2 import/b mail/3"; strings.Join(ran, " ") != want {
		t.Errorf("ran %s, want %s: one job of each kind in turn", strings.Join(ran, " "), want)
	}
	if done != 3 || err == nil || !strings.Contains(err.Error(), "mail 2: 550") || !strings.Contains(err.Error(), "mail 3: sent, not recorded") {
		t.Errorf("first tick: %d done, %v", done, err)
	}
	for key, want := range map[string]string{"mail/1": accord.JobDone, "mail/2": accord.JobQueued, "mail/3": accord.JobDone, "import/a": accord.JobDone, "import/b": accord.JobDone} {
		kind, k, _ := strings.Cut(key, "/")
		if j, _ := db.Job(context.Background(), kind, k); j.State != want {
			t.Errorf("%s: %s, want %s", key, j.State, want)
		}
	}
	if !strings.Contains(log.String(), "job failed; it will be retried") {
		t.Errorf("no log line for the failure:\n%s", log.String())
	}

	// Not again before the delay; the producers wait for their interval.
	ran = nil
	if done, err := w.Tick(context.Background()); done != 0 || err != nil || len(ran) != 0 {
		t.Errorf("second tick: %d done, %v, ran %v", done, err, ran)
	}
	clk.Add(time.Minute)
	if done, err := w.Tick(context.Background()); done != 0 || err == nil || fmt.Sprint(ran) != "[mail/2]" {
		t.Errorf("the retry: %d done, %v, ran %v", done, err, ran)
	}
	if !strings.Contains(log.String(), "job given up") || !strings.Contains(log.String(), "attempts=2") {
		t.Errorf("no log line for giving up:\n%s", log.String())
	}
	if j, _ := db.Job(context.Background(), "mail", "2"); j.State != accord.JobDead || !strings.Contains(j.LastError, "550") {
		t.Errorf("after its last try: %+v", j)
	}
	if mails.dueRuns != 1 {
		t.Errorf("the producer ran %d times within its interval", mails.dueRuns)
	}
	clk.Add(time.Hour)
	ran = nil
	if done, _ := w.Tick(context.Background()); done != 0 || len(ran) != 0 || mails.dueRuns != 2 {
		t.Errorf("an hour on: the producer ran %d times, %d done, ran %v (each key is enqueued once)", mails.dueRuns, done, ran)
	}
}

// TestRunShutdown: a job cut short by shutdown is recorded as failed, to be
// tried again after the restart, and Run returns.
func TestRunShutdown(t *testing.T) {
	db := storetest.Open(t, store.SQLite)
	var ran []string
	started := make(chan struct{})
	hang := &fakeKind{name: "mail", due: []string{"1"}, ran: &ran, outcome: map[string]func(context.Context) (bool, error){
		"1": func(ctx context.Context) (bool, error) {
			if _, ok := ctx.Deadline(); !ok {
				t.Error("a job runs without a deadline")
			}
			close(started)
			<-ctx.Done()
			return false, ctx.Err()
		},
	}}
	clk := &testClock{t: time.Date(2030, 3, 2, 9, 0, 0, 0, time.UTC)}
	logger := slog.New(slog.NewTextHandler(&bytes.Buffer{}, nil))
	w := jobs.NewWorker(db, clk.Now, "one", logger, hang.kind())
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		w.Run(ctx, time.Hour, nil)
		close(done)
	}()
	<-started
	cancel()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("Run still running after shutdown")
	}
	if j, _ := db.Job(context.Background(), "mail", "1"); j.State != accord.JobQueued || j.Attempts != 1 {
		t.Errorf("a job cut short by shutdown: %+v", j)
	}
}
