package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/store"
	"github.com/accordhq/accord/internal/store/storetest"
)

// Migration 23 makes a job of each acknowledgement still pending, with the
// tries it had and when it was due, and takes it from the previous
// release's claims (ack_next_at), which instances still serving that
// release during a rolling deploy go by.
func TestMigration23QueuesPendingAcks(t *testing.T) {
	for _, d := range storetest.Dialects {
		t.Run(string(d), func(t *testing.T) {
			ctx := context.Background()
			db, err := store.Open(ctx, freshDSN(t, d))
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			if err := store.MigrateTo(ctx, db, 22); err != nil {
				t.Fatal(err)
			}
			due := time.Date(2030, 3, 2, 9, 0, 0, 0, time.UTC)
			if _, err := store.ReadPool(db).ExecContext(ctx, `INSERT INTO contact_messages
				(id, name, email, category, message, lang, status, ack_state, ack_attempts, ack_next_at, ack_sent_at, created_at, updated_at) VALUES
				(1, 'Amina', 'amina@example.org', 'news_tip', 'A tip.', 'fr', 'new', 'pending', 2, '2030-03-02 09:00:00+00:00', NULL, '2030-03-01 09:00:00+00:00', '2030-03-01 09:00:00+00:00'),
				(2, 'Omar', 'omar@example.org', 'other', 'Thanks.', 'en', 'new', 'sent', 1, '2030-03-01 09:00:00+00:00', '2030-03-01 09:01:00+00:00', '2030-03-01 09:00:00+00:00', '2030-03-01 09:00:00+00:00')`); err != nil {
				t.Fatal(err)
			}
			if _, err := db.Migrate(ctx); err != nil {
				t.Fatal(err)
			}
			j, err := db.Job(ctx, accord.JobContactAck, "1")
			if err != nil || j.State != accord.JobQueued || j.Attempts != 2 || j.MaxAttempts != accord.AckMaxAttempts || !j.RunAfter.Equal(due) {
				t.Errorf("the pending acknowledgement's job: %+v, %v", j, err)
			}
			if _, err := db.Job(ctx, accord.JobContactAck, "2"); accord.ErrorCode(err) != accord.ENOTFOUND {
				t.Errorf("a job for an acknowledgement already sent: %v", err)
			}
			var left int
			if err := store.ReadPool(db).QueryRowContext(ctx, `SELECT COUNT(*) FROM contact_messages WHERE ack_next_at IS NOT NULL AND ack_state = 'pending'`).Scan(&left); err != nil || left != 0 {
				t.Errorf("%d pending acknowledgements left to the previous release's claims (%v)", left, err)
			}
			// The queue then serves it like any other.
			if claimed, err := db.Claim(ctx, accord.JobContactAck, "one", due, time.Minute, 10); err != nil || len(claimed) != 1 || claimed[0].Attempts != 3 {
				t.Errorf("claimed %+v, %v", claimed, err)
			}
		})
	}
}
