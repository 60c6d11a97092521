-- Uploaded files, stored in the database so that several Accord instances
-- share them, once per content (sha256), attached to records.
CREATE TABLE documents (
    id           INTEGER PRIMARY KEY,
    sha256       TEXT NOT NULL UNIQUE,
    content_type TEXT NOT NULL,
    size         INTEGER NOT NULL,
    data         BLOB NOT NULL,
    created_at   DATETIME NOT NULL
);

CREATE TABLE attachments (
    id          INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents (id),
    entity      TEXT NOT NULL,
    entity_id   INTEGER NOT NULL,
    filename    TEXT NOT NULL,
    uploaded_by TEXT NOT NULL,
    created_at  DATETIME NOT NULL
);
CREATE INDEX attachments_entity ON attachments (entity, entity_id);
