package accord

import (
	"testing"
	"time"
)

func TestNewJobValidate(t *testing.T) {
	now := time.Date(2030, 3, 2, 9, 0, 0, 0, time.UTC)
	if err := (NewJob{Kind: JobContactAck, Key: "42", RunAfter: now, MaxAttempts: 7}).Validate(); err != nil {
		t.Errorf("a contact acknowledgement's job: %v", err)
	}
	if err := (NewJob{Kind: JobContactAck, Key: "42", RunAfter: now}).Validate(); ErrorCode(err) != EINVALID {
		t.Errorf("a job that may never be tried: %v", err)
	}
	if err := (NewJob{Kind: JobContactAck, MaxAttempts: 1, RunAfter: now}).Validate(); ErrorCode(err) != EINVALID {
		t.Errorf("a job without a key: %v", err)
	}
}
