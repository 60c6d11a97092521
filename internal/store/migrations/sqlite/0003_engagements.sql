CREATE TABLE engagements (
    id             INTEGER PRIMARY KEY,
    version        INTEGER NOT NULL DEFAULT 1,
    kind           TEXT NOT NULL,
    title          TEXT NOT NULL,
    date           TEXT NOT NULL,
    date_precision TEXT NOT NULL DEFAULT 'day',
    city           TEXT NOT NULL DEFAULT '',
    country        TEXT REFERENCES countries (code),
    summary        TEXT NOT NULL DEFAULT '',
    outcomes       TEXT NOT NULL DEFAULT '',
    topics         TEXT NOT NULL DEFAULT '', -- one per line
    search         TEXT NOT NULL DEFAULT '',
    created_at     DATETIME NOT NULL,
    updated_at     DATETIME NOT NULL
);
CREATE INDEX engagements_date ON engagements (date);

CREATE TABLE engagement_orgs (
    engagement_id INTEGER NOT NULL REFERENCES engagements (id) ON DELETE CASCADE,
    org_id        INTEGER NOT NULL REFERENCES organizations (id),
    PRIMARY KEY (engagement_id, org_id)
);
CREATE INDEX engagement_orgs_org ON engagement_orgs (org_id);

CREATE TABLE engagement_participants (
    id            INTEGER PRIMARY KEY,
    engagement_id INTEGER NOT NULL REFERENCES engagements (id) ON DELETE CASCADE,
    person_id     INTEGER NOT NULL REFERENCES people (id),
    org_id        INTEGER REFERENCES organizations (id),
    title         TEXT NOT NULL DEFAULT '',
    ord           INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX engagement_participants_engagement ON engagement_participants (engagement_id);
CREATE INDEX engagement_participants_person ON engagement_participants (person_id);

CREATE TABLE engagement_sources (
    id            INTEGER PRIMARY KEY,
    engagement_id INTEGER NOT NULL REFERENCES engagements (id) ON DELETE CASCADE,
    title         TEXT NOT NULL DEFAULT '',
    url           TEXT NOT NULL DEFAULT '',
    ord           INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX engagement_sources_engagement ON engagement_sources (engagement_id);

CREATE TABLE action_points (
    id            INTEGER PRIMARY KEY,
    version       INTEGER NOT NULL DEFAULT 1,
    engagement_id INTEGER NOT NULL REFERENCES engagements (id),
    text          TEXT NOT NULL,
    owner_id      INTEGER REFERENCES users (id),
    due_date      TEXT NOT NULL DEFAULT '',
    priority      TEXT NOT NULL DEFAULT 'normal',
    status        TEXT NOT NULL DEFAULT 'open',
    status_note   TEXT NOT NULL DEFAULT '',
    search        TEXT NOT NULL DEFAULT '',
    created_at    DATETIME NOT NULL,
    updated_at    DATETIME NOT NULL
);
CREATE INDEX action_points_engagement ON action_points (engagement_id);
CREATE INDEX action_points_owner ON action_points (owner_id, status);
CREATE INDEX action_points_due ON action_points (status, due_date);

CREATE TABLE action_point_parties (
    action_point_id INTEGER NOT NULL REFERENCES action_points (id) ON DELETE CASCADE,
    org_id          INTEGER NOT NULL REFERENCES organizations (id),
    PRIMARY KEY (action_point_id, org_id)
);
CREATE INDEX action_point_parties_org ON action_point_parties (org_id);

CREATE VIRTUAL TABLE engagements_fts USING fts5(search, content='engagements', content_rowid='id', tokenize='unicode61 remove_diacritics 2');
CREATE TRIGGER engagements_fts_insert AFTER INSERT ON engagements BEGIN
    INSERT INTO engagements_fts (rowid, search) VALUES (new.id, new.search);
END;
CREATE TRIGGER engagements_fts_delete AFTER DELETE ON engagements BEGIN
    INSERT INTO engagements_fts (engagements_fts, rowid, search) VALUES ('delete', old.id, old.search);
END;
CREATE TRIGGER engagements_fts_update AFTER UPDATE OF search ON engagements BEGIN
    INSERT INTO engagements_fts (engagements_fts, rowid, search) VALUES ('delete', old.id, old.search);
    INSERT INTO engagements_fts (rowid, search) VALUES (new.id, new.search);
END;

CREATE VIRTUAL TABLE action_points_fts USING fts5(search, content='action_points', content_rowid='id', tokenize='unicode61 remove_diacritics 2');
CREATE TRIGGER action_points_fts_insert AFTER INSERT ON action_points BEGIN
    INSERT INTO action_points_fts (rowid, search) VALUES (new.id, new.search);
END;
CREATE TRIGGER action_points_fts_delete AFTER DELETE ON action_points BEGIN
    INSERT INTO action_points_fts (action_points_fts, rowid, search) VALUES ('delete', old.id, old.search);
END;
CREATE TRIGGER action_points_fts_update AFTER UPDATE OF search ON action_points BEGIN
    INSERT INTO action_points_fts (action_points_fts, rowid, search) VALUES ('delete', old.id, old.search);
    INSERT INTO action_points_fts (rowid, search) VALUES (new.id, new.search);
END;
