package contactack_test

import (
	"context"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/contactack"
	"github.com/accordhq/accord/internal/jobs"
	"github.com/accordhq/accord/internal/mail"
	"github.com/accordhq/accord/internal/mail/mailtest"
	"github.com/accordhq/accord/internal/store"
	"github.com/accordhq/accord/internal/store/storetest"
)

// A refused acknowledgement leaves the message saved and is sent on a
// later try; what the sender typed is never mailed back.
func TestAcknowledgementRetried(t *testing.T) {
	db := storetest.Open(t, store.SQLite)
	smtp := mailtest.Start(t, mailtest.Options{})
	sender, err := mail.New(smtp.Config())
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2022, 7, 25, 9, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	db.UseClock(clock)
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	run := jobs.NewWorker(db, clock, "test", logger, contactack.Acknowledgements(db, sender))
	ctx := context.Background()

	m := &accord.ContactMessage{Name: "Amina https-free", Email: "amina@example.org", Category: "partnership_inquiry",
		Message: "Buy cheap pills at spam.example", Lang: "fr"}
	if err := db.SubmitContact(ctx, m, nil, nil); err != nil {
		t.Fatal(err)
	}

	smtp.RefuseRecipients(true)
	if sent, err := run.Tick(ctx); sent != 0 || err == nil {
		t.Fatalf("refused: sent %d, err %v", sent, err)
	}
	got, err := db.GetContact(storetest.Admin(), m.ID)
	if err != nil || got.AckState != accord.AckPending || got.AckAttempts != 1 {
		t.Fatalf("after a refusal: %+v %v", got, err)
	}
	// Not due again until its delay has passed.
	smtp.RefuseRecipients(false)
	if sent, _ := run.Tick(ctx); sent != 0 {
		t.Error("retried before its delay")
	}
	now = now.Add(time.Minute)
	if sent, err := run.Tick(ctx); sent != 1 || err != nil {
		t.Fatalf("retry: sent %d, err %v", sent, err)
	}
	msgs := smtp.Wait(1, 5*time.Second)
	if len(msgs) != 1 {
		t.Fatalf("%d mails", len(msgs))
	}
	mail := msgs[0]
	if len(mail.To) != 1 || mail.To[0] != "amina@example.org" || !strings.Contains(mail.Subject, "Nous avons reçu votre message") ||
		!strings.Contains(mail.Text, "Votre référence") {
		t.Errorf("acknowledgement: to %v, subject %q, text %q", mail.To, mail.Subject, mail.Text)
	}
	if strings.Contains(mail.Text, "spam.example") || strings.Contains(mail.Text, "Amina") {
		t.Error("the acknowledgement repeats what the sender typed")
	}
	got, _ = db.GetContact(storetest.Admin(), m.ID)
	if got.AckState != accord.AckSent || got.AckSentAt == nil {
		t.Errorf("after sending: %+v", got)
	}
	if sent, _ := run.Tick(ctx); sent != 0 || len(smtp.Messages()) != 1 {
		t.Error("sent twice")
	}
}
