package storetest

import (
	"bytes"
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/store"
)

func testContact(t *testing.T, db *store.DB) {
	editor := &accord.User{Email: "comms@oic-oci.org", Name: "Comms", Role: accord.RoleEditor}
	officer := &accord.User{Email: "officer@oic-oci.org", Name: "Officer", Role: accord.RoleOfficer}
	viewer := &accord.User{Email: "viewer@oic-oci.org", Name: "Viewer", Role: accord.RoleViewer}
	for _, u := range []*accord.User{editor, officer, viewer} {
		if err := db.CreateUser(Admin(), u, "x"); err != nil {
			t.Fatal(err)
		}
	}
	now := time.Date(2022, 7, 25, 9, 0, 0, 0, time.UTC)
	db.UseClock(func() time.Time { return now })
	public := context.Background() // the public form has no actor

	// Bad input names its fields and saves nothing.
	bad := &accord.ContactMessage{Name: "Buy now https://spam.example", Email: "not an address", Category: "gossip",
		Message: strings.Repeat("see https://x.example ", 4)}
	err := db.SubmitContact(public, bad, nil, nil)
	var fields []string
	for _, f := range accord.ErrorFields(err) {
		fields = append(fields, f.Field)
	}
	slices.Sort(fields)
	if accord.ErrorCode(err) != accord.EINVALID || !slices.Equal(slices.Compact(fields), []string{"category", "email", "message", "name"}) {
		t.Fatalf("bad message: %v (fields %v)", err, fields)
	}

	// A good one with an attachment, and the same file again: stored once.
	pdf := []byte("%PDF-1.4 a news tip")
	tip := &accord.ContactMessage{Name: "Amina", Email: "amina@example.org", Category: "news_tip", Message: "The Sahel workshop moved to Dakar.", Lang: "fr"}
	if err := db.SubmitContact(public, tip, &accord.Attachment{Filename: "tip.pdf", ContentType: "application/pdf"}, pdf); err != nil {
		t.Fatal(err)
	}
	again := &accord.ContactMessage{Name: "Omar", Email: "omar@example.org", Category: "article_submission", Message: "An article.", Lang: "xx"}
	if err := db.SubmitContact(public, again, &accord.Attachment{Filename: "same.pdf", ContentType: "application/pdf"}, pdf); err != nil {
		t.Fatal(err)
	}
	if again.Lang != "en" || tip.Status != accord.ContactNew || tip.AckState != accord.AckPending {
		t.Errorf("defaults: lang %q status %q ack %q", again.Lang, tip.Status, tip.AckState)
	}

	// Staff only: the public and viewers may not read the inbox.
	if _, _, err := db.ListContact(public, accord.ContactFilter{}); accord.ErrorCode(err) != accord.EUNAUTHORIZED {
		t.Errorf("public list: %v", err)
	}
	if _, err := db.GetContact(As(viewer), tip.ID); accord.ErrorCode(err) != accord.EFORBIDDEN {
		t.Errorf("viewer get: %v", err)
	}
	if _, _, err := db.ContactAttachment(As(viewer), tip.ID); accord.ErrorCode(err) != accord.EFORBIDDEN {
		t.Errorf("viewer attachment: %v", err)
	}

	ctx := As(editor)
	got, err := db.GetContact(ctx, tip.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Email != "amina@example.org" || got.Lang != "fr" || got.Attachment == nil || got.Attachment.Filename != "tip.pdf" || got.Attachment.Size != int64(len(pdf)) {
		t.Errorf("stored message: %+v, attachment %+v", got, got.Attachment)
	}
	a, data, err := db.ContactAttachment(ctx, tip.ID)
	if err != nil || !bytes.Equal(data, pdf) || a.ContentType != "application/pdf" {
		t.Errorf("attachment: %+v %q %v", a, data, err)
	}
	if _, _, err := db.ContactAttachment(ctx, 99999); accord.ErrorCode(err) != accord.ENOTFOUND {
		t.Errorf("missing attachment: %v", err)
	}

	// Assignment, status, notes; stale versions refused; assignees must work the inbox.
	if _, err := db.UpdateContact(ctx, tip.ID, accord.ContactChange{Version: got.Version, Status: accord.ContactInProgress, AssigneeID: &viewer.ID}); accord.ErrorCode(err) != accord.EINVALID {
		t.Errorf("assigned to a viewer: %v", err)
	}
	if _, err := db.UpdateContact(ctx, tip.ID, accord.ContactChange{Version: got.Version, Status: "lost"}); accord.ErrorCode(err) != accord.EINVALID {
		t.Errorf("unknown status: %v", err)
	}
	moved, err := db.UpdateContact(As(officer), tip.ID, accord.ContactChange{Version: got.Version, Status: accord.ContactInProgress, AssigneeID: &officer.ID})
	if err != nil {
		t.Fatal(err)
	}
	if moved.Status != accord.ContactInProgress || moved.AssigneeName != "Officer" || moved.Version != got.Version+1 {
		t.Errorf("after update: %+v", moved)
	}
	if _, err := db.UpdateContact(ctx, tip.ID, accord.ContactChange{Version: got.Version, Status: accord.ContactClosed}); accord.ErrorCode(err) != accord.ECONFLICT {
		t.Errorf("stale update: %v", err)
	}
	if _, err := db.AddContactNote(ctx, tip.ID, "  "); accord.ErrorCode(err) != accord.EINVALID {
		t.Errorf("empty note: %v", err)
	}
	if _, err := db.AddContactNote(ctx, tip.ID, "Called back; confirmed Dakar."); err != nil {
		t.Fatal(err)
	}
	got, _ = db.GetContact(ctx, tip.ID)
	if len(got.Notes) != 1 || got.Notes[0].AuthorName != "Comms" {
		t.Errorf("notes: %+v", got.Notes)
	}

	if users, err := db.ContactAssignees(ctx); err != nil || len(users) != 2 || users[0].Name != "Comms" || users[1].Name != "Officer" {
		t.Errorf("assignees: %v %v", users, err)
	}

	// Counts and filters.
	counts, err := db.ContactCounts(ctx)
	if err != nil || counts[accord.ContactNew] != 1 || counts[accord.ContactInProgress] != 1 || counts[accord.ContactClosed] != 0 {
		t.Errorf("counts %v %v", counts, err)
	}
	items, total, err := db.ListContact(ctx, accord.ContactFilter{Status: accord.ContactInProgress})
	if err != nil || total != 1 || items[0].ID != tip.ID {
		t.Errorf("in progress: %d %v", total, err)
	}
	if _, total, _ := db.ListContact(ctx, accord.ContactFilter{Q: "OMAR@"}); total != 1 {
		t.Errorf("search by address: %d", total)
	}
	if _, total, _ := db.ListContact(ctx, accord.ContactFilter{Q: "100%_"}); total != 0 {
		t.Errorf("search with wildcards matched %d", total)
	}

	// Every change is audited.
	entries, _, err := db.ListAudit(Admin(), accord.AuditFilter{Entity: "contact_message", EntityID: tip.ID})
	if err != nil || len(entries) != 2 {
		t.Errorf("audit of the message: %d entries, %v", len(entries), err)
	}
	if entries, _, _ := db.ListAudit(Admin(), accord.AuditFilter{Entity: "contact_note"}); len(entries) != 1 {
		t.Errorf("audit of notes: %d", len(entries))
	}

	// Acknowledgements: enqueued with the messages and due at once, claimed
	// by one instance, retried after a failure, then sent.
	q := jobQueue{t: t, db: db, kind: accord.JobContactAck, lease: 10 * time.Minute}
	for _, m := range []*accord.ContactMessage{tip, again} {
		if j := q.job(itoaID(m.ID)); j.State != accord.JobQueued || j.MaxAttempts != accord.AckMaxAttempts || j.RunAfter.After(now) {
			t.Errorf("acknowledgement of message %d: %+v", m.ID, j)
		}
	}
	first, key := q.claimOne("a", now)
	if key != itoaID(tip.ID) {
		t.Fatalf("claimed %q first, want the oldest message's", key)
	}
	if _, key := q.claimOne("dead", now); key != itoaID(again.ID) {
		t.Errorf("a second instance claimed %q, want the other message's (never a live claim)", key)
	}
	if _, err := db.Fail(public, first.ID, "dead", "refused", now, time.Minute); accord.ErrorCode(err) != accord.ECONFLICT {
		t.Errorf("record by another instance: %v", err)
	}
	if err := db.RecordContactAck(public, tip.ID, first.Attempts, "550 mailbox unavailable", first.LastAttempt(), now); err != nil {
		t.Fatal(err)
	}
	delay, _ := accord.AckRetryDelay(first.Attempts)
	q.fail(first, "a", now, delay)
	if got, _ := db.GetContact(ctx, tip.ID); got.AckState != accord.AckPending || got.AckAttempts != 1 {
		t.Errorf("after a failure: state %q attempts %d", got.AckState, got.AckAttempts)
	}
	if _, key := q.claimOne("b", now); key != "" {
		t.Errorf("after a failure the ack waits, yet %s was claimed", key)
	}
	later := now.Add(2 * time.Minute)
	retried, key := q.claimOne("b", later)
	if key != itoaID(tip.ID) {
		t.Fatalf("retry not claimable after its delay: %q", key)
	}
	if err := db.RecordContactAck(public, tip.ID, retried.Attempts, "", retried.LastAttempt(), later); err != nil {
		t.Fatal(err)
	}
	if err := db.Ack(public, retried.ID, "b", later); err != nil {
		t.Fatal(err)
	}
	got, _ = db.GetContact(ctx, tip.ID)
	if got.AckState != accord.AckSent || got.AckAttempts != 2 || got.AckSentAt == nil || !got.AckSentAt.Equal(later) {
		t.Errorf("after the retry: state %q attempts %d sent %v", got.AckState, got.AckAttempts, got.AckSentAt)
	}
	// A claim left by a dead instance is taken over after the stall timeout.
	if _, key := q.claimOne("c", now.Add(time.Minute)); key != "" {
		t.Error("took over a fresh claim")
	}
	at := now.Add(11 * time.Minute)
	j, key := q.claimOne("c", at)
	if key != itoaID(again.ID) {
		t.Fatal("a stalled claim was not taken over")
	}
	// After the last attempt Accord gives up.
	for i := 0; ; i++ {
		if i > 0 {
			if j, key = q.claimOne("c", at); key != itoaID(again.ID) {
				t.Fatalf("attempt %d not claimable", j.Attempts)
			}
		}
		if err := db.RecordContactAck(public, again.ID, j.Attempts, "refused", j.LastAttempt(), at); err != nil {
			t.Fatal(err)
		}
		delay, _ := accord.AckRetryDelay(j.Attempts)
		failed := q.fail(j, "c", at, delay)
		got, _ := db.GetContact(ctx, again.ID)
		if got.AckState == accord.AckFailed {
			if got.AckAttempts != 7 || failed.State != accord.JobDead {
				t.Errorf("gave up after %d attempts; job %s", got.AckAttempts, failed.State)
			}
			break
		}
		if failed.State != accord.JobQueued || i > accord.AckMaxAttempts {
			t.Fatalf("attempt %d: job %+v, message %+v", j.Attempts, failed, got)
		}
		at = at.Add(25 * time.Hour)
	}

	// The form key is made once and kept.
	k1, err := db.FormKey(public)
	if err != nil || len(k1) != 32 {
		t.Fatalf("form key %x %v", k1, err)
	}
	if k2, _ := db.FormKey(public); !bytes.Equal(k1, k2) {
		t.Error("form key changed")
	}
}
