-- One queue for the background jobs (package jobs): the three mail jobs now,
-- imports, exports and digest emails later. A job is enqueued once per kind
-- and key (the digest of user U for day D, the acknowledgement of message M);
-- an instance claims it for a lease (claimed_by, claimed_until), then marks it
-- done, or failed: queued again after a delay (run_after) until its tries are
-- used up, then dead with its last error kept. A job whose instance died is
-- taken over once its lease has ended.
CREATE TABLE jobs (
    id            INTEGER PRIMARY KEY,
    kind          TEXT NOT NULL,
    key           TEXT NOT NULL,
    payload       TEXT NOT NULL DEFAULT '',
    state         TEXT NOT NULL DEFAULT 'queued', -- queued, running, done, dead
    attempts      INTEGER NOT NULL DEFAULT 0,
    max_attempts  INTEGER NOT NULL,
    run_after     DATETIME NOT NULL,
    claimed_by    TEXT NOT NULL DEFAULT '',
    claimed_until DATETIME,
    last_error    TEXT NOT NULL DEFAULT '',
    created_at    DATETIME NOT NULL,
    done_at       DATETIME,
    UNIQUE (kind, key)
);
-- The claim: queued jobs of a kind by run_after, and the few running ones
-- whose lease may have ended.
CREATE INDEX jobs_due ON jobs (kind, state, run_after);

-- What the digests and notices now ask of the records they leave: whether a
-- user's digest of a day went out, and when a moderator was last told.
CREATE INDEX reminders_day ON reminders (user_id, day);
CREATE INDEX comment_notified_user ON comment_notified (user_id, sent_at);

-- Acknowledgements still pending become jobs. Their ack_next_at is cleared so
-- that instances of the previous release, still serving during a rolling
-- deploy, leave them to the queue; they keep acknowledging the messages they
-- save themselves. reminder_digests, comment_notices and the ack_claimed_*
-- and ack_next_at columns, the previous release's claims, are no longer
-- written; a later release drops them.
INSERT INTO jobs (kind, key, state, attempts, max_attempts, run_after, created_at)
    SELECT 'contact_ack', CAST(id AS TEXT), 'queued', ack_attempts, 7, COALESCE(ack_next_at, created_at), created_at
    FROM contact_messages WHERE ack_state = 'pending';
UPDATE contact_messages SET ack_next_at = NULL WHERE ack_state = 'pending';
