-- Keys of API requests made with an Idempotency-Key header, per user: the
-- row is written in the transaction of the request's first write, and the
-- answer is added once it is known, so that a retry on any instance gets
-- that answer instead of a second record. Rows expire after a day.
CREATE TABLE idempotency_keys (
    user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    key          TEXT NOT NULL,
    fingerprint  TEXT NOT NULL,
    created_at   DATETIME NOT NULL,
    status       INTEGER,
    location     TEXT NOT NULL DEFAULT '',
    etag         TEXT NOT NULL DEFAULT '',
    content_type TEXT NOT NULL DEFAULT '',
    body         BLOB,
    PRIMARY KEY (user_id, key)
);
CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);
