package storetest

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/store"
)

// jobQueue claims, acknowledges and fails the jobs of one kind at a set
// lease, failing the test on a database error.
type jobQueue struct {
	t     *testing.T
	db    *store.DB
	kind  string
	lease time.Duration
}

func (q jobQueue) enqueue(jobs ...accord.NewJob) int {
	q.t.Helper()
	n, err := q.db.Enqueue(context.Background(), jobs...)
	if err != nil {
		q.t.Fatal(err)
	}
	return n
}

func (q jobQueue) claim(instance string, at time.Time, limit int) []accord.Job {
	q.t.Helper()
	jobs, err := q.db.Claim(context.Background(), q.kind, instance, at, q.lease, limit)
	if err != nil {
		q.t.Fatal(err)
	}
	return jobs
}

// claimOne claims one job and reports its key, "" when none was due.
func (q jobQueue) claimOne(instance string, at time.Time) (accord.Job, string) {
	q.t.Helper()
	jobs := q.claim(instance, at, 1)
	if len(jobs) == 0 {
		return accord.Job{}, ""
	}
	return jobs[0], jobs[0].Key
}

func (q jobQueue) fail(j accord.Job, instance string, at time.Time, retryIn time.Duration) accord.Job {
	q.t.Helper()
	failed, err := q.db.Fail(context.Background(), j.ID, instance, "550 mailbox unavailable", at, retryIn)
	if err != nil {
		q.t.Fatal(err)
	}
	return failed
}

func (q jobQueue) job(key string) accord.Job {
	q.t.Helper()
	j, err := q.db.Job(context.Background(), q.kind, key)
	if err != nil {
		q.t.Fatal(err)
	}
	return j
}

// testJobQueue: jobs are enqueued once per kind and key, claimed by one
// claimer at a time, retried after a failure until their tries are used
// up, and taken over when the claim's lease ends.
func testJobQueue(t *testing.T, db *store.DB) {
	ctx := context.Background()
	now := time.Date(2030, 3, 2, 9, 0, 0, 0, time.UTC)
	q := jobQueue{t: t, db: db, kind: "test", lease: 10 * time.Minute}
	job := func(key string, at time.Time, tries int) accord.NewJob {
		return accord.NewJob{Kind: "test", Key: key, Payload: `{"key":"` + key + `"}`, RunAfter: at, MaxAttempts: tries}
	}

	// Enqueue is idempotent on kind and key, also within one call.
	if n := q.enqueue(job("a", now, 3), job("b", now.Add(time.Minute), 3), job("a", now, 9)); n != 2 {
		t.Errorf("enqueued %d of a, b and a again; want 2", n)
	}
	if n := q.enqueue(job("a", now, 3)); n != 0 {
		t.Errorf("enqueued a again: %d", n)
	}
	other := accord.NewJob{Kind: "other", Key: "a", RunAfter: now, MaxAttempts: 1}
	if n := q.enqueue(other); n != 1 {
		t.Errorf("the same key of another kind: %d enqueued", n)
	}
	if a := q.job("a"); a.State != accord.JobQueued || a.Attempts != 0 || a.MaxAttempts != 3 || a.Payload != `{"key":"a"}` || !a.RunAfter.Equal(now) {
		t.Errorf("a as enqueued: %+v", a)
	}
	if _, err := db.Job(ctx, "test", "nope"); accord.ErrorCode(err) != accord.ENOTFOUND {
		t.Errorf("a job never enqueued: %v", err)
	}
	if _, err := db.Enqueue(ctx, accord.NewJob{Kind: "test", Key: "c", RunAfter: now}); accord.ErrorCode(err) != accord.EINVALID {
		t.Errorf("a job without tries: %v", err)
	}

	// A claim takes what is due, oldest first, of its kind only, and
	// begins a try.
	jobs := q.claim("one", now, 10)
	if len(jobs) != 1 || jobs[0].Key != "a" {
		t.Fatalf("claimed at %v: %+v, want a alone (b is due a minute later)", now, jobs)
	}
	a := jobs[0]
	if a.State != accord.JobRunning || a.Attempts != 1 || a.ClaimedBy != "one" || !a.ClaimedUntil.Equal(now.Add(q.lease)) {
		t.Errorf("a claimed: %+v", a)
	}
	if jobs := q.claim("two", now.Add(time.Minute), 10); len(jobs) != 1 || jobs[0].Key != "b" {
		t.Errorf("a held claim was claimed again, or b was not: %+v", jobs)
	}

	// Ack: done, never claimed again, not even once its lease would end;
	// only the instance that holds a job closes it.
	if err := db.Ack(ctx, a.ID, "two", now); accord.ErrorCode(err) != accord.ECONFLICT {
		t.Errorf("ack by an instance that does not hold the job: %v", err)
	}
	if err := db.Ack(ctx, a.ID, "one", now); err != nil {
		t.Fatal(err)
	}
	if a := q.job("a"); a.State != accord.JobDone || !a.DoneAt.Equal(now) {
		t.Errorf("a after its ack: %+v", a)
	}
	jobs = q.claim("two", now.Add(time.Hour), 10)
	if len(jobs) != 1 || jobs[0].Key != "b" || jobs[0].Attempts != 2 {
		t.Fatalf("claimed an hour on: %+v, want b alone (its lease ended), never a (done)", jobs)
	}
	if err := db.Ack(ctx, jobs[0].ID, "two", now.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if err := db.Ack(ctx, a.ID, "one", now); accord.ErrorCode(err) != accord.ECONFLICT {
		t.Errorf("ack of a job already done: %v", err)
	}

	testJobRetries(t, q, now)
	testJobExpiredLastTry(t, q, now)
	testJobAgain(t, q, now)
	testJobClaimers(t, db, now)
}

// testJobRetries: a failed try is queued again after its delay with its
// error kept; a try by an instance that lost its claim changes nothing; the
// last failed try leaves the job dead.
func testJobRetries(t *testing.T, q jobQueue, now time.Time) {
	q.enqueue(accord.NewJob{Kind: q.kind, Key: "retried", RunAfter: now, MaxAttempts: 3})
	j, _ := q.claimOne("one", now)
	failed := q.fail(j, "one", now, 5*time.Minute)
	if failed.State != accord.JobQueued || failed.Attempts != 1 || !failed.RunAfter.Equal(now.Add(5*time.Minute)) ||
		failed.LastError != "550 mailbox unavailable" {
		t.Errorf("after a failed try: %+v", failed)
	}
	if stored := q.job("retried"); stored.State != failed.State || !stored.RunAfter.Equal(failed.RunAfter) || stored.LastError != failed.LastError {
		t.Errorf("Fail returned %+v, the queue holds %+v", failed, stored)
	}
	if _, key := q.claimOne("two", now.Add(5*time.Minute-time.Second)); key != "" {
		t.Errorf("claimed %s before its delay passed", key)
	}
	at := now.Add(5 * time.Minute)
	j, _ = q.claimOne("two", at)
	if j.Key != "retried" || j.Attempts != 2 {
		t.Fatalf("the retry: %+v", j)
	}
	// Taken over once the lease ends; the instance that lost the claim
	// can neither fail nor acknowledge it.
	at = at.Add(q.lease)
	taken, _ := q.claimOne("three", at)
	if taken.Key != "retried" || taken.Attempts != 3 {
		t.Fatalf("not taken over after the lease: %+v", taken)
	}
	if _, err := q.db.Fail(context.Background(), j.ID, "two", "late failure", at, time.Minute); accord.ErrorCode(err) != accord.ECONFLICT {
		t.Errorf("a failure by the instance that lost the claim: %v", err)
	}
	if stored := q.job("retried"); stored.State != accord.JobRunning || stored.ClaimedBy != "three" || stored.Attempts != 3 {
		t.Errorf("a failure by the instance that lost the claim changed it: %+v", stored)
	}
	dead := q.fail(taken, "three", at, time.Minute)
	if dead.State != accord.JobDead || dead.LastError == "" || !dead.DoneAt.Equal(at) {
		t.Errorf("after the last try: %+v", dead)
	}
	if _, key := q.claimOne("one", at.Add(24*time.Hour)); key != "" {
		t.Errorf("claimed %s after its last try", key)
	}
	if n := q.enqueue(accord.NewJob{Kind: q.kind, Key: "retried", RunAfter: at, MaxAttempts: 3}); n != 0 {
		t.Errorf("a dead job was enqueued again")
	}
}

// testJobExpiredLastTry: a job whose instance died during its last try is
// dead once the lease ends, not tried again.
func testJobExpiredLastTry(t *testing.T, q jobQueue, now time.Time) {
	q.enqueue(accord.NewJob{Kind: q.kind, Key: "crashed", RunAfter: now, MaxAttempts: 1})
	if _, key := q.claimOne("crashed", now); key != "crashed" {
		t.Fatalf("claimed %q", key)
	}
	if _, key := q.claimOne("survivor", now.Add(q.lease)); key != "" {
		t.Errorf("claimed %s again after its only try", key)
	}
	if j := q.job("crashed"); j.State != accord.JobDead || j.LastError == "" {
		t.Errorf("a job whose last try never ended: %+v", j)
	}
}

// testJobAgain: a job enqueued with Again is queued anew once it has ended,
// and left alone while it is queued or running.
func testJobAgain(t *testing.T, q jobQueue, now time.Time) {
	again := func(at time.Time) accord.NewJob {
		return accord.NewJob{Kind: q.kind, Key: "recurring", RunAfter: at, MaxAttempts: 1, Again: true}
	}
	if n := q.enqueue(again(now)); n != 1 {
		t.Fatalf("enqueued %d", n)
	}
	if n := q.enqueue(again(now.Add(time.Hour))); n != 0 || !q.job("recurring").RunAfter.Equal(now) {
		t.Errorf("a queued job was changed by Again: %+v", q.job("recurring"))
	}
	j, _ := q.claimOne("one", now)
	if n := q.enqueue(again(now)); n != 0 || q.job("recurring").State != accord.JobRunning {
		t.Errorf("a running job was queued anew: %+v", q.job("recurring"))
	}
	q.fail(j, "one", now, time.Minute) // its only try: dead
	if n := q.enqueue(again(now.Add(time.Hour))); n != 1 {
		t.Fatalf("a dead job was not queued anew")
	}
	if r := q.job("recurring"); r.State != accord.JobQueued || r.Attempts != 0 || r.LastError != "" || !r.RunAfter.Equal(now.Add(time.Hour)) || r.ID != j.ID {
		t.Errorf("queued anew: %+v", r)
	}
	j, _ = q.claimOne("two", now.Add(time.Hour))
	if err := q.db.Ack(context.Background(), j.ID, "two", now.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if n := q.enqueue(again(now.Add(2 * time.Hour))); n != 1 || q.job("recurring").State != accord.JobQueued {
		t.Errorf("a done job was not queued anew: %+v", q.job("recurring"))
	}
}

// testJobClaimers: concurrent claimers never get the same job, and between
// them they get every job.
func testJobClaimers(t *testing.T, db *store.DB, now time.Time) {
	q := jobQueue{t: t, db: db, kind: "race", lease: time.Hour}
	const jobs, claimers = 40, 8
	var all []accord.NewJob
	for i := range jobs {
		all = append(all, accord.NewJob{Kind: "race", Key: fmt.Sprint(i), RunAfter: now, MaxAttempts: 1})
	}
	q.enqueue(all...)
	var mu sync.Mutex
	got := map[string][]string{} // key → claimers
	var wg sync.WaitGroup
	for i := range claimers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			name := "claimer" + itoa(i)
			for {
				claimed, err := db.Claim(context.Background(), "race", name, now, time.Hour, 3)
				if err != nil {
					t.Error(err)
					return
				}
				if len(claimed) == 0 {
					return
				}
				mu.Lock()
				for _, j := range claimed {
					got[j.Key] = append(got[j.Key], name)
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if len(got) != jobs {
		t.Errorf("%d of %d jobs claimed", len(got), jobs)
	}
	for key, by := range got {
		if len(by) != 1 {
			t.Errorf("job %s claimed by %v", key, by)
		}
	}
}
