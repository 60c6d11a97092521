-- Readers' comments on news items, moderated: pending → approved | spam |
-- trash. The commenter's email and IP address are read only by moderation
-- queries; public reads select the other columns. Replies are one level
-- deep: parent_id always names a top comment.
CREATE TABLE comments (
    id         INTEGER PRIMARY KEY,
    version    INTEGER NOT NULL DEFAULT 1,
    news_id    INTEGER NOT NULL REFERENCES news (id) ON DELETE CASCADE,
    parent_id  INTEGER REFERENCES comments (id) ON DELETE CASCADE,
    status     TEXT NOT NULL DEFAULT 'pending',
    name       TEXT NOT NULL,
    email      TEXT NOT NULL, -- lower-cased; never shown publicly
    website    TEXT NOT NULL DEFAULT '',
    body       TEXT NOT NULL,
    lang       TEXT NOT NULL DEFAULT '',
    by_org     BOOLEAN NOT NULL DEFAULT FALSE, -- a reply by the organization's staff
    author_id  INTEGER REFERENCES users (id),
    ip         TEXT NOT NULL DEFAULT '',
    user_agent TEXT NOT NULL DEFAULT '',
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL
);
CREATE INDEX comments_news ON comments (news_id, status, id);
CREATE INDEX comments_status ON comments (status, id);
CREATE INDEX comments_email ON comments (email, status);
CREATE INDEX comments_parent ON comments (parent_id);

-- Words and addresses whose comments are refused.
CREATE TABLE comment_blocklist (
    id         INTEGER PRIMARY KEY,
    term       TEXT NOT NULL UNIQUE,
    created_at DATETIME NOT NULL
);

-- Settings changed in the application (not at start-up), by key.
CREATE TABLE settings (
    key        TEXT PRIMARY KEY,
    value      TEXT NOT NULL,
    updated_at DATETIME NOT NULL
);

-- The moderator-notice job: one claim per moderator, and which comments
-- each moderator was told about, so that no comment is announced twice.
CREATE TABLE comment_notices (
    user_id      INTEGER PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    status       TEXT NOT NULL,
    attempts     INTEGER NOT NULL DEFAULT 0,
    claimed_by   TEXT NOT NULL DEFAULT '',
    claimed_at   DATETIME NOT NULL,
    last_sent_at DATETIME,
    last_error   TEXT NOT NULL DEFAULT ''
);
CREATE TABLE comment_notified (
    comment_id INTEGER NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    sent_at    DATETIME NOT NULL,
    PRIMARY KEY (comment_id, user_id)
);
