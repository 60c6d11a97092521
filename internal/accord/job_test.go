package accord

import (
	"testing"
	"time"
)

func TestNewJobValidate(t *testing.T) {
	now := time.Date(2030, 3, 2, 9, 0, 0, 0, time.UTC)
	if err := ContactAckJob(42, now).Validate(); err != nil {
		t.Errorf("a contact acknowledgement's job: %v", err)
	}
	if err := (NewJob{Kind: JobContactAck, Key: "42", RunAfter: now}).Validate(); ErrorCode(err) != EINVALID {
		t.Errorf("a job that may never be tried: %v", err)
	}
	if err := (NewJob{Kind: JobContactAck, MaxAttempts: 1, RunAfter: now}).Validate(); ErrorCode(err) != EINVALID {
		t.Errorf("a job without a key: %v", err)
	}
}

// The acknowledgement is tried once, then once after each delay, and given
// up after the last: AckMaxAttempts tries in all.
func TestAckAttempts(t *testing.T) {
	if _, ok := AckRetryDelay(AckMaxAttempts - 1); !ok {
		t.Errorf("no delay after attempt %d of %d", AckMaxAttempts-1, AckMaxAttempts)
	}
	if _, ok := AckRetryDelay(AckMaxAttempts); ok {
		t.Errorf("a delay after the last attempt (%d)", AckMaxAttempts)
	}
	if j := ContactAckJob(42, time.Time{}); j.Key != "42" || j.Kind != JobContactAck || j.MaxAttempts != AckMaxAttempts {
		t.Errorf("job %+v", j)
	}
}

func TestCommentNoticeNotBefore(t *testing.T) {
	if at := (CommentNotice{}).NotBefore(); !at.IsZero() {
		t.Errorf("a moderator never told waits until %v", at)
	}
	sent := time.Date(2030, 3, 2, 9, 0, 0, 0, time.UTC)
	if at := (CommentNotice{LastSentAt: sent}).NotBefore(); !at.Equal(sent.Add(CommentNoticeGap)) {
		t.Errorf("next notice at %v, want the gap after %v", at, sent)
	}
}
