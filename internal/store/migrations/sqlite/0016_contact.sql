-- The contact inbox: messages from the public form, with an optional
-- attachment (stored like documents, entity 'contact'), staff notes, and
-- the state of the acknowledgement mailed to the sender, retried until
-- the mail server accepts it. The sender's email is for staff only.
CREATE TABLE contact_messages (
    id             INTEGER PRIMARY KEY,
    version        INTEGER NOT NULL DEFAULT 1,
    name           TEXT NOT NULL,
    email          TEXT NOT NULL,
    category       TEXT NOT NULL,
    message        TEXT NOT NULL,
    lang           TEXT NOT NULL DEFAULT 'en',
    status         TEXT NOT NULL DEFAULT 'new',
    assignee_id    INTEGER REFERENCES users (id),
    attachment_id  INTEGER REFERENCES attachments (id),
    ack_state      TEXT NOT NULL DEFAULT 'pending',
    ack_attempts   INTEGER NOT NULL DEFAULT 0,
    ack_next_at    DATETIME,
    ack_claimed_by TEXT,
    ack_claimed_at DATETIME,
    ack_error      TEXT NOT NULL DEFAULT '',
    ack_sent_at    DATETIME,
    created_at     DATETIME NOT NULL,
    updated_at     DATETIME NOT NULL
);
CREATE INDEX contact_messages_status ON contact_messages (status, id);
CREATE INDEX contact_messages_ack ON contact_messages (ack_state, ack_next_at);

CREATE TABLE contact_notes (
    id          INTEGER PRIMARY KEY,
    message_id  INTEGER NOT NULL REFERENCES contact_messages (id) ON DELETE CASCADE,
    author_id   INTEGER REFERENCES users (id),
    author_name TEXT NOT NULL,
    text        TEXT NOT NULL,
    created_at  DATETIME NOT NULL
);
CREATE INDEX contact_notes_message ON contact_notes (message_id, id);

-- Keys the site signs public forms with (e.g. the time a form was shown),
-- shared by every instance and kept across restarts.
CREATE TABLE site_keys (
    name       TEXT PRIMARY KEY,
    key        BLOB NOT NULL,
    created_at DATETIME NOT NULL
);
