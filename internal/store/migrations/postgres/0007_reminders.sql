-- Reminders by email. A reminder is recorded in the transaction that marks
-- its digest sent; its key stops it from being sent again, after a restart
-- too. The expiry or due date is part of the key: an agreement extended
-- after its 30-day reminder is reminded of again before its new expiry.
CREATE TABLE reminders (
    user_id   BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind      TEXT NOT NULL,    -- agreement_expiry, action_point_due
    record_id BIGINT NOT NULL,  -- no foreign key: the kind names the table
    stage     TEXT NOT NULL,    -- 90, 60, 30; due7, overdue
    due_on    TEXT NOT NULL,    -- the expiry or due date reminded of
    day       TEXT NOT NULL,    -- the digest it went out in
    sent_at   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (user_id, kind, record_id, stage, due_on)
);

-- One digest per user and day. An instance claims it before sending; a
-- failed send is released for another try; a claim older than the stall
-- timeout (its instance died) is taken over.
CREATE TABLE reminder_digests (
    user_id    BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    day        TEXT NOT NULL,
    status     TEXT NOT NULL, -- claimed, failed, sent
    attempts   INTEGER NOT NULL DEFAULT 0,
    claimed_by TEXT NOT NULL DEFAULT '',
    claimed_at TIMESTAMPTZ NOT NULL,
    sent_at    TIMESTAMPTZ,
    reminders  INTEGER NOT NULL DEFAULT 0,
    last_error TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (user_id, day)
);
