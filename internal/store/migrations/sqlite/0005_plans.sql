CREATE TABLE plans (
    id         INTEGER PRIMARY KEY,
    version    INTEGER NOT NULL DEFAULT 1,
    title      TEXT NOT NULL,
    summary    TEXT NOT NULL DEFAULT '',
    start_date TEXT NOT NULL DEFAULT '',
    end_date   TEXT NOT NULL DEFAULT '',
    search     TEXT NOT NULL DEFAULT '',
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL
);

CREATE TABLE plan_agreements (
    plan_id      INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    agreement_id INTEGER NOT NULL REFERENCES agreements (id),
    PRIMARY KEY (plan_id, agreement_id)
);
CREATE INDEX plan_agreements_agreement ON plan_agreements (agreement_id);

CREATE TABLE objectives (
    id      INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    title   TEXT NOT NULL,
    ord     INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX objectives_plan ON objectives (plan_id);

CREATE TABLE activities (
    id            INTEGER PRIMARY KEY,
    version       INTEGER NOT NULL DEFAULT 1,
    plan_id       INTEGER NOT NULL REFERENCES plans (id),
    objective_id  INTEGER REFERENCES objectives (id) ON DELETE SET NULL,
    title         TEXT NOT NULL,
    description   TEXT NOT NULL DEFAULT '',
    kind          TEXT NOT NULL,
    status        INTEGER NOT NULL DEFAULT 1,
    lead_org_id   INTEGER NOT NULL REFERENCES organizations (id),
    planned_start TEXT NOT NULL DEFAULT '',
    planned_end   TEXT NOT NULL DEFAULT '',
    actual_start  TEXT NOT NULL DEFAULT '',
    actual_end    TEXT NOT NULL DEFAULT '',
    budget        TEXT NOT NULL DEFAULT '',
    currency      TEXT NOT NULL DEFAULT '',
    search        TEXT NOT NULL DEFAULT '',
    created_at    DATETIME NOT NULL,
    updated_at    DATETIME NOT NULL
);
CREATE INDEX activities_plan ON activities (plan_id);
CREATE INDEX activities_lead ON activities (lead_org_id);

CREATE TABLE activity_orgs (
    activity_id INTEGER NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
    org_id      INTEGER NOT NULL REFERENCES organizations (id),
    PRIMARY KEY (activity_id, org_id)
);
CREATE INDEX activity_orgs_org ON activity_orgs (org_id);

CREATE TABLE activity_countries (
    activity_id INTEGER NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
    country     TEXT NOT NULL REFERENCES countries (code),
    PRIMARY KEY (activity_id, country)
);
CREATE INDEX activity_countries_country ON activity_countries (country);

CREATE TABLE activity_groups (
    activity_id INTEGER NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
    group_id    INTEGER NOT NULL REFERENCES country_groups (id),
    PRIMARY KEY (activity_id, group_id)
);
CREATE INDEX activity_groups_group ON activity_groups (group_id);

CREATE TABLE activity_sectors (
    activity_id INTEGER NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
    code        TEXT NOT NULL,
    percent     REAL NOT NULL,
    PRIMARY KEY (activity_id, code)
);
CREATE INDEX activity_sectors_code ON activity_sectors (code);

CREATE VIRTUAL TABLE plans_fts USING fts5(search, content='plans', content_rowid='id', tokenize='unicode61 remove_diacritics 2');
CREATE TRIGGER plans_fts_insert AFTER INSERT ON plans BEGIN
    INSERT INTO plans_fts (rowid, search) VALUES (new.id, new.search);
END;
CREATE TRIGGER plans_fts_delete AFTER DELETE ON plans BEGIN
    INSERT INTO plans_fts (plans_fts, rowid, search) VALUES ('delete', old.id, old.search);
END;
CREATE TRIGGER plans_fts_update AFTER UPDATE OF search ON plans BEGIN
    INSERT INTO plans_fts (plans_fts, rowid, search) VALUES ('delete', old.id, old.search);
    INSERT INTO plans_fts (rowid, search) VALUES (new.id, new.search);
END;

CREATE VIRTUAL TABLE activities_fts USING fts5(search, content='activities', content_rowid='id', tokenize='unicode61 remove_diacritics 2');
CREATE TRIGGER activities_fts_insert AFTER INSERT ON activities BEGIN
    INSERT INTO activities_fts (rowid, search) VALUES (new.id, new.search);
END;
CREATE TRIGGER activities_fts_delete AFTER DELETE ON activities BEGIN
    INSERT INTO activities_fts (activities_fts, rowid, search) VALUES ('delete', old.id, old.search);
END;
CREATE TRIGGER activities_fts_update AFTER UPDATE OF search ON activities BEGIN
    INSERT INTO activities_fts (activities_fts, rowid, search) VALUES ('delete', old.id, old.search);
    INSERT INTO activities_fts (rowid, search) VALUES (new.id, new.search);
END;
