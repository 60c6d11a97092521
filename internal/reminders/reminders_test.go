package reminders_test

import (
	"context"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/jobs"
	"github.com/accordhq/accord/internal/mail"
	"github.com/accordhq/accord/internal/mail/mailtest"
	"github.com/accordhq/accord/internal/reminders"
	"github.com/accordhq/accord/internal/store"
	"github.com/accordhq/accord/internal/store/storetest"
)

// clock is a settable clock shared by runners.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = t
}

func quiet() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

func newSender(t *testing.T, server *mailtest.Server) *mail.Sender {
	t.Helper()
	sender, err := mail.New(server.Config())
	if err != nil {
		t.Fatal(err)
	}
	return sender
}

// newRunner is an instance running the digest job alone.
func newRunner(db *store.DB, sender reminders.Sender, clock func() time.Time, instance string) *jobs.Worker {
	return jobs.NewWorker(db, clock, instance, quiet(), reminders.Digests(db, sender))
}

func tick(t *testing.T, r *jobs.Worker, want int) {
	t.Helper()
	n, err := r.Tick(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if n != want {
		t.Errorf("tick sent %d digests, want %d", n, want)
	}
}

// byRecipient indexes messages by their one envelope recipient, failing on
// a recipient who got more than one.
func byRecipient(t *testing.T, msgs []mailtest.Message) map[string]mailtest.Message {
	t.Helper()
	out := map[string]mailtest.Message{}
	for _, m := range msgs {
		if len(m.To) != 1 {
			t.Fatalf("message to %q", m.To)
		}
		if _, dup := out[m.To[0]]; dup {
			t.Errorf("%s got two digests", m.To[0])
		}
		out[m.To[0]] = m
	}
	return out
}

func contains(t *testing.T, what, text string, wants ...string) {
	t.Helper()
	for _, want := range wants {
		if !strings.Contains(text, want) {
			t.Errorf("%s lacks %q:\n%s", what, want, text)
		}
	}
}

// TestDigestOncePerStage: a user gets one digest a day listing all their
// reminders; a second tick, a restart and the next day send nothing; the
// next stage sends again.
func TestDigestOncePerStage(t *testing.T) {
	for _, dialect := range storetest.Dialects {
		t.Run(string(dialect), func(t *testing.T) {
			db := storetest.Open(t, dialect)
			today := time.Date(2030, 3, 2, 7, 0, 0, 0, time.UTC)
			w := storetest.NewReminderWorld(t, db, today)
			admin := w.User("ada@example.org", accord.RoleAdmin, false)
			officer := w.User("omar@example.org", accord.RoleOfficer, false)
			officer.Language = "fr"
			if err := db.UpdateUser(storetest.Admin(), officer); err != nil {
				t.Fatal(err)
			}
			w.User("vera@example.org", accord.RoleViewer, false)
			w.Agreement("Memorandum of understanding between the OIC and WHO", 45, accord.AgActive)
			w.ActionPoint("Send the draft work plan to WHO", officer, 3)

			server := mailtest.Start(t, mailtest.Options{})
			sender := newSender(t, server)
			clk := &clock{t: today}
			runner := newRunner(db, sender, clk.Now, "one")
			tick(t, runner, 2)
			got := byRecipient(t, server.Messages())
			if len(got) != 2 {
				t.Fatalf("recipients: %v", got)
			}
			ada := got[admin.Email]
			contains(t, "admin's digest", ada.Subject, "Accord: reminders for 2 March 2030")
			contains(t, "admin's digest", ada.Text, "Hello User ada@example.org,", "Memorandum of understanding between the OIC and WHO",
				"expires on 16 April 2030, within 60 days")
			if strings.Contains(ada.Text, "draft work plan") {
				t.Errorf("the admin is reminded of the officer's action point:\n%s", ada.Text)
			}
			omar := got[officer.Email]
			contains(t, "officer's digest (fr)", omar.Subject, "Accord : rappels du 2 mars 2030")
			contains(t, "officer's digest (fr)", omar.Text, "Memorandum of understanding between the OIC and WHO",
				"Send the draft work plan to WHO", "échéance le 5 mars 2030", "OIC–WHO meeting on health cooperation")
			contains(t, "officer's digest (fr) in HTML", omar.HTML, `lang="fr"`, "Send the draft work plan to WHO")

			clk.Set(today.Add(10 * time.Hour))
			tick(t, runner, 0)
			tick(t, newRunner(db, sender, clk.Now, "restarted"), 0)
			clk.Set(today.AddDate(0, 0, 1))
			tick(t, runner, 0)
			if n := len(server.Messages()); n != 2 {
				t.Fatalf("%d messages after the same day, a restart and the next day; want 2", n)
			}

			// 15 days on: the agreement enters its 30-day window and the
			// action point is overdue; each is reminded of once more.
			clk.Set(today.AddDate(0, 0, 15))
			tick(t, runner, 2)
			got = byRecipient(t, server.Messages()[2:])
			contains(t, "admin's second digest", got[admin.Email].Text, "within 30 days")
			contains(t, "officer's second digest", got[officer.Email].Text, "d’ici 30 jours", "en retard", "Send the draft work plan to WHO")
			clk.Set(today.AddDate(0, 0, 16))
			tick(t, runner, 0)
		})
	}
}

// TestFailedSendIsRetried: a server refusing the recipient leaves nothing
// recorded as sent; the next tick sends the digest.
func TestFailedSendIsRetried(t *testing.T) {
	db := storetest.Open(t, store.SQLite)
	today := time.Date(2030, 3, 2, 7, 0, 0, 0, time.UTC)
	w := storetest.NewReminderWorld(t, db, today)
	officer := w.User("omar@example.org", accord.RoleOfficer, false)
	w.ActionPoint("Send the draft work plan to WHO", officer, -2)
	server := mailtest.Start(t, mailtest.Options{})
	server.RefuseRecipients(true)
	clk := &clock{t: today}
	runner := newRunner(db, newSender(t, server), clk.Now, "one")

	n, err := runner.Tick(context.Background())
	if n != 0 || err == nil || !strings.Contains(err.Error(), "550") {
		t.Errorf("refused send: %d digests, %v", n, err)
	}
	if due, _ := db.DueReminders(context.Background(), today, 0); len(due) != 1 {
		t.Errorf("after a failed send %d reminders are due, want 1 (nothing marked sent)", len(due))
	}
	st, _ := db.Job(context.Background(), accord.JobReminderDigest, reminders.DigestKey(officer.ID, w.Day(0)))
	if st.State != accord.JobQueued || st.Attempts != 1 || !strings.Contains(st.LastError, "550") {
		t.Errorf("digest after a failed send: %+v", st)
	}
	server.RefuseRecipients(false)
	tick(t, runner, 0) // not before its retry delay
	clk.Set(today.Add(accord.DigestRetryDelay))
	tick(t, runner, 1)
	tick(t, runner, 0)
	msgs := server.Messages()
	if len(msgs) != 1 || msgs[0].To[0] != officer.Email {
		t.Fatalf("after the retry: %+v", msgs)
	}
	contains(t, "retried digest", msgs[0].Text, "Send the draft work plan to WHO", "overdue")
}

// TestStalledClaimIsTakenOver: an instance that claimed a digest and died
// holds it only until the stall timeout.
func TestStalledClaimIsTakenOver(t *testing.T) {
	db := storetest.Open(t, store.SQLite)
	today := time.Date(2030, 3, 2, 7, 0, 0, 0, time.UTC)
	w := storetest.NewReminderWorld(t, db, today)
	officer := w.User("omar@example.org", accord.RoleOfficer, false)
	w.ActionPoint("Send the draft work plan to WHO", officer, 1)
	ctx := context.Background()
	if _, err := db.Enqueue(ctx, reminders.DigestJob(officer.ID, w.Day(0), today)); err != nil {
		t.Fatal(err)
	}
	if claimed, err := db.Claim(ctx, accord.JobReminderDigest, "crashed", today, accord.DigestStallTimeout, 1); len(claimed) != 1 || err != nil {
		t.Fatalf("claim: %v %v", claimed, err)
	}
	server := mailtest.Start(t, mailtest.Options{})
	clk := &clock{t: today.Add(time.Minute)}
	runner := newRunner(db, newSender(t, server), clk.Now, "survivor")
	tick(t, runner, 0)
	clk.Set(today.Add(accord.DigestStallTimeout))
	tick(t, runner, 1)
	if n := len(server.Messages()); n != 1 {
		t.Errorf("%d messages after the takeover", n)
	}
}

// TestTwoInstancesOneDatabase: two runners, each with its own connection
// pool as two processes would have, tick concurrently against one
// database; every digest arrives exactly once.
func TestTwoInstancesOneDatabase(t *testing.T) {
	for _, dialect := range storetest.Dialects {
		t.Run(string(dialect), func(t *testing.T) {
			var dsn string
			switch dialect {
			case store.SQLite:
				dsn = "sqlite:" + filepath.Join(t.TempDir(), "accord.db")
			case store.Postgres:
				base := os.Getenv("ACCORD_TEST_POSTGRES")
				if base == "" {
					t.Skip("ACCORD_TEST_POSTGRES is not set")
				}
				dsn = storetest.PostgresSchema(t, base)
			}
			var dbs [2]*store.DB
			for i := range dbs {
				db, err := store.Open(context.Background(), dsn)
				if err != nil {
					t.Fatal(err)
				}
				t.Cleanup(func() { db.Close() })
				if _, err := db.Migrate(context.Background()); err != nil {
					t.Fatal(err)
				}
				dbs[i] = db
			}
			today := time.Date(2030, 3, 2, 7, 0, 0, 0, time.UTC)
			w := storetest.NewReminderWorld(t, dbs[0], today)
			// Twelve officers, each owning an action point due from 1 day
			// ago to 8 days ahead; all are reminded of the agreement.
			const users = 12
			for i := range users {
				u := w.User("officer"+string(rune('a'+i))+"@example.org", accord.RoleOfficer, false)
				w.ActionPoint("Action point of "+u.Email, u, i%10-1)
			}
			w.Agreement("Cooperation agreement between the OIC and WHO", 20, accord.AgActive)

			server := mailtest.Start(t, mailtest.Options{})
			sender := newSender(t, server)
			clk := &clock{t: today}
			ctx, cancel := context.WithCancel(context.Background())
			var wg sync.WaitGroup
			for i, db := range dbs {
				wg.Add(1)
				go func() {
					defer wg.Done()
					newRunner(db, sender, clk.Now, "instance-"+string(rune('1'+i))).Run(ctx, 2*time.Millisecond, nil)
				}()
			}
			// Day 1: every officer's digest. Day 2: the points due on day 1,
			// now overdue, and the one now due within 7 days.
			server.Wait(users, 10*time.Second)
			time.Sleep(100 * time.Millisecond) // more ticks, to catch a second send
			clk.Set(today.AddDate(0, 0, 1))
			server.Wait(users+3, 10*time.Second)
			time.Sleep(100 * time.Millisecond)
			cancel()
			wg.Wait()

			msgs := server.Messages()
			if len(msgs) != users+3 {
				t.Errorf("%d digests, want %d", len(msgs), users+3)
			}
			// Each reminder, named by recipient, title and the line saying
			// when, arrives once over both days.
			received := map[string]int{}
			for _, m := range msgs {
				lines := strings.Split(m.Text, "\n")
				for i, line := range lines[:len(lines)-1] {
					if strings.HasPrefix(line, "- ") {
						received[m.To[0]+" "+line+" "+strings.TrimSpace(lines[i+1])]++
					}
				}
			}
			// The agreement to each; eleven action points on day 1 (one is
			// 8 days off); on day 2 that one and two turned overdue.
			if want := users + (users - 1) + 3; len(received) != want {
				t.Errorf("%d reminders received, want %d: %v", len(received), want, received)
			}
			for key, n := range received {
				if n != 1 {
					t.Errorf("received %d times: %s", n, key)
				}
			}
			day2 := byRecipient(t, msgs[users:])
			for _, who := range []string{"officerb", "officerj", "officerl"} {
				if _, ok := day2[who+"@example.org"]; !ok {
					t.Errorf("%s got no digest on day 2; got %v", who, len(day2))
				}
			}
		})
	}
}

// TestRunStopsWhenCancelled: Run returns when its context ends.
func TestRunStopsWhenCancelled(t *testing.T) {
	db := storetest.Open(t, store.SQLite)
	server := mailtest.Start(t, mailtest.Options{})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		newRunner(db, newSender(t, server), time.Now, "one").Run(ctx, time.Hour, nil)
		close(done)
	}()
	cancel()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("Run did not return after its context ended")
	}
}

// hangingSender is an SMTP server that never answers: Send returns only
// when its context ends.
type hangingSender struct{ sending chan struct{} }

func (s hangingSender) Send(ctx context.Context, _ mail.Message) error {
	close(s.sending)
	<-ctx.Done()
	return ctx.Err()
}

// TestShutdownDuringSend: a digest stuck in a send to a mail server that
// does not answer no longer holds shutdown for the send timeout: Run returns
// once cancelled, and the digest stays due for the next start.
func TestShutdownDuringSend(t *testing.T) {
	db := storetest.Open(t, store.SQLite)
	today := time.Date(2030, 3, 2, 7, 0, 0, 0, time.UTC)
	w := storetest.NewReminderWorld(t, db, today)
	officer := w.User("omar@example.org", accord.RoleOfficer, false)
	w.ActionPoint("Send the draft work plan to WHO", officer, -2)
	sender := hangingSender{sending: make(chan struct{})}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		newRunner(db, sender, func() time.Time { return today }, "one").Run(ctx, time.Hour, nil)
		close(done)
	}()
	<-sender.sending
	cancel()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("Run still sending 10 s after shutdown began; the grace period is shorter")
	}
	st, _ := db.Job(context.Background(), accord.JobReminderDigest, reminders.DigestKey(officer.ID, w.Day(0)))
	if due, _ := db.DueReminders(context.Background(), today, 0); st.State == accord.JobDone || len(due) != 1 {
		t.Errorf("a digest whose send was cut short is recorded as sent: %+v, %d due", st, len(due))
	}
}
