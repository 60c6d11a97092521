package commentnotice_test

import (
	"context"
	"io"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/commentnotice"
	"github.com/accordhq/accord/internal/jobs"
	"github.com/accordhq/accord/internal/mail"
	"github.com/accordhq/accord/internal/mail/mailtest"
	"github.com/accordhq/accord/internal/store/storetest"
)

// TestNoticesThroughSMTP sends moderators' notices through a real SMTP
// server: once per waiting comment, never twice, even with two instances
// ticking at once, and at most once per gap.
func TestNoticesThroughSMTP(t *testing.T) {
	for _, d := range storetest.Dialects {
		t.Run(string(d), func(t *testing.T) {
			db := storetest.Open(t, d)
			w := storetest.NewCommentWorld(t, db)
			fr := &accord.User{Email: "admin@oic-oci.org", Name: "Admine", Role: accord.RoleAdmin, Language: "fr"}
			officer := &accord.User{Email: "officer@oic-oci.org", Name: "Officer", Role: accord.RoleOfficer}
			for _, u := range []*accord.User{fr, officer} {
				if err := db.CreateUser(storetest.Admin(), u, "x"); err != nil {
					t.Fatal(err)
				}
			}
			w.Submit(t, db, "Amina", "amina.secret@example.org", "Good news for the Sahel.", 0)
			w.Submit(t, db, "Omar", "omar@example.org", strings.Repeat("long ", 100), 0)

			sink := mailtest.Start(t, mailtest.Options{})
			sender, err := mail.New(sink.Config())
			if err != nil {
				t.Fatal(err)
			}
			now := w.Now
			clock := func() time.Time { return now }
			logger := slog.New(slog.NewTextHandler(io.Discard, nil))
			a := jobs.NewWorker(db, clock, "a", logger, commentnotice.Notices(db, sender))
			b := jobs.NewWorker(db, clock, "b", logger, commentnotice.Notices(db, sender))
			var wg sync.WaitGroup
			for _, r := range []*jobs.Worker{a, b, a, b} {
				wg.Add(1)
				go func() {
					defer wg.Done()
					if _, err := r.Tick(context.Background()); err != nil {
						t.Error(err)
					}
				}()
			}
			wg.Wait() // every tick has sent what it sends: the sink holds each message once the server accepted it
			msgs := sink.Messages()
			if len(msgs) != 2 {
				t.Fatalf("%d messages, want one per moderator: %+v", len(msgs), msgs)
			}
			byTo := map[string]mailtest.Message{}
			for _, m := range msgs {
				byTo[m.To[0]] = m
			}
			en, frMsg := byTo[w.Editor.Email], byTo[fr.Email]
			if !strings.Contains(en.Subject, "(2)") || !strings.Contains(en.Text, "Amina") || !strings.Contains(en.Text, "OIC and WHO") || !strings.Contains(en.Text, "…") {
				t.Errorf("editor's notice: %q\n%s", en.Subject, en.Text)
			}
			if !strings.Contains(frMsg.Subject, "modération") {
				t.Errorf("the French administrator's notice is not in French: %q", frMsg.Subject)
			}
			if strings.Contains(en.Text, "amina.secret@example.org") {
				t.Errorf("the notice needlessly carries the commenter's email")
			}

			// Nothing new: nothing sent. A new comment within the gap waits; after it, one more notice each.
			if n, _ := a.Tick(context.Background()); n != 0 {
				t.Errorf("sent %d notices with nothing new", n)
			}
			w.Submit(t, db, "Lina", "lina@example.org", "Third", 0)
			now = now.Add(time.Minute)
			if n, _ := a.Tick(context.Background()); n != 0 {
				t.Errorf("sent %d notices within the gap", n)
			}
			now = now.Add(accord.CommentNoticeGap)
			if n, err := b.Tick(context.Background()); n != 2 || err != nil {
				t.Errorf("after the gap: %d notices, %v", n, err)
			}
			if msgs := sink.Wait(4, 5*time.Second); len(msgs) != 4 || !strings.Contains(msgs[3].Text, "Lina") || strings.Contains(msgs[3].Text, "Amina") {
				t.Errorf("the second notice announces only the new comment: %+v", msgs[len(msgs)-1].Text)
			}

			// A refused send is retried at the next tick.
			w.Submit(t, db, "Zed", "zed@example.org", "Fourth", 0)
			now = now.Add(accord.CommentNoticeGap)
			sink.RefuseRecipients(true)
			if n, err := a.Tick(context.Background()); n != 0 || err == nil {
				t.Errorf("refused: %d sent, %v", n, err)
			}
			sink.RefuseRecipients(false)
			now = now.Add(time.Minute)
			if n, err := a.Tick(context.Background()); n != 2 || err != nil {
				t.Errorf("retry: %d sent, %v", n, err)
			}
		})
	}
}
