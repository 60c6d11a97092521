CREATE TABLE agreements (
    id                 INTEGER PRIMARY KEY,
    version            INTEGER NOT NULL DEFAULT 1,
    kind               TEXT NOT NULL,
    title              TEXT NOT NULL,
    status             TEXT NOT NULL DEFAULT 'draft',
    summary            TEXT NOT NULL DEFAULT '',
    engagement_id      INTEGER REFERENCES engagements (id),
    effective_date     TEXT NOT NULL DEFAULT '',
    expiry_date        TEXT NOT NULL DEFAULT '',
    notice_days        INTEGER NOT NULL DEFAULT 0,
    auto_renewal       BOOLEAN NOT NULL DEFAULT FALSE,
    terminated_on      TEXT NOT NULL DEFAULT '',
    termination_reason TEXT NOT NULL DEFAULT '',
    superseded_by      INTEGER REFERENCES agreements (id),
    search             TEXT NOT NULL DEFAULT '',
    created_at         DATETIME NOT NULL,
    updated_at         DATETIME NOT NULL
);
CREATE INDEX agreements_status_expiry ON agreements (status, expiry_date);
CREATE INDEX agreements_engagement ON agreements (engagement_id);

CREATE TABLE agreement_parties (
    agreement_id INTEGER NOT NULL REFERENCES agreements (id) ON DELETE CASCADE,
    org_id       INTEGER NOT NULL REFERENCES organizations (id),
    signatory    TEXT NOT NULL DEFAULT '',
    signed_on    TEXT NOT NULL DEFAULT '',
    ord          INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (agreement_id, org_id)
);
CREATE INDEX agreement_parties_org ON agreement_parties (org_id);

CREATE TABLE agreement_amendments (
    agreement_id INTEGER NOT NULL REFERENCES agreements (id) ON DELETE CASCADE,
    number       INTEGER NOT NULL,
    date         TEXT NOT NULL,
    changes      TEXT NOT NULL,
    reason       TEXT NOT NULL,
    created_by   TEXT NOT NULL DEFAULT '',
    created_at   DATETIME NOT NULL,
    PRIMARY KEY (agreement_id, number)
);

CREATE VIRTUAL TABLE agreements_fts USING fts5(search, content='agreements', content_rowid='id', tokenize='unicode61 remove_diacritics 2');
CREATE TRIGGER agreements_fts_insert AFTER INSERT ON agreements BEGIN
    INSERT INTO agreements_fts (rowid, search) VALUES (new.id, new.search);
END;
CREATE TRIGGER agreements_fts_delete AFTER DELETE ON agreements BEGIN
    INSERT INTO agreements_fts (agreements_fts, rowid, search) VALUES ('delete', old.id, old.search);
END;
CREATE TRIGGER agreements_fts_update AFTER UPDATE OF search ON agreements BEGIN
    INSERT INTO agreements_fts (agreements_fts, rowid, search) VALUES ('delete', old.id, old.search);
    INSERT INTO agreements_fts (rowid, search) VALUES (new.id, new.search);
END;
