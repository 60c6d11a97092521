-- Reference data, loaded from the binary at every start when it changed.
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE countries (
    code    TEXT PRIMARY KEY,
    name_en TEXT NOT NULL,
    name_fr TEXT NOT NULL,
    name_ar TEXT NOT NULL
);

CREATE TABLE codes (
    list     TEXT NOT NULL,
    code     TEXT NOT NULL,
    category TEXT NOT NULL DEFAULT '',
    name_en  TEXT NOT NULL,
    name_fr  TEXT NOT NULL DEFAULT '',
    name_ar  TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (list, code)
);

CREATE TABLE country_groups (
    id       INTEGER PRIMARY KEY,
    version  INTEGER NOT NULL DEFAULT 1,
    code     TEXT NOT NULL UNIQUE,
    name_en  TEXT NOT NULL,
    name_fr  TEXT NOT NULL DEFAULT '',
    name_ar  TEXT NOT NULL DEFAULT '',
    built_in BOOLEAN NOT NULL DEFAULT FALSE
);

CREATE TABLE country_group_members (
    group_id INTEGER NOT NULL REFERENCES country_groups (id) ON DELETE CASCADE,
    country  TEXT NOT NULL REFERENCES countries (code),
    PRIMARY KEY (group_id, country)
);

CREATE TABLE organizations (
    id         INTEGER PRIMARY KEY,
    version    INTEGER NOT NULL DEFAULT 1,
    name_en    TEXT NOT NULL,
    name_fr    TEXT NOT NULL DEFAULT '',
    name_ar    TEXT NOT NULL DEFAULT '',
    acronym    TEXT NOT NULL DEFAULT '',
    type       TEXT NOT NULL,
    iati_id    TEXT NOT NULL DEFAULT '',
    hq_country TEXT REFERENCES countries (code),
    parent_id  INTEGER REFERENCES organizations (id),
    website    TEXT NOT NULL DEFAULT '',
    archived   BOOLEAN NOT NULL DEFAULT FALSE,
    search     TEXT NOT NULL DEFAULT '',
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL
);
CREATE UNIQUE INDEX organizations_iati_id ON organizations (iati_id) WHERE iati_id <> '';
CREATE INDEX organizations_parent ON organizations (parent_id);
CREATE INDEX organizations_name ON organizations (name_en);

CREATE TABLE people (
    id         INTEGER PRIMARY KEY,
    version    INTEGER NOT NULL DEFAULT 1,
    name       TEXT NOT NULL,
    honorific  TEXT NOT NULL DEFAULT '',
    email      TEXT NOT NULL DEFAULT '',
    phone      TEXT NOT NULL DEFAULT '',
    notes      TEXT NOT NULL DEFAULT '',
    archived   BOOLEAN NOT NULL DEFAULT FALSE,
    search     TEXT NOT NULL DEFAULT '',
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL
);
CREATE INDEX people_name ON people (name);

CREATE TABLE positions (
    id        INTEGER PRIMARY KEY,
    person_id INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    org_id    INTEGER NOT NULL REFERENCES organizations (id),
    title     TEXT NOT NULL,
    from_date TEXT NOT NULL DEFAULT '',
    to_date   TEXT NOT NULL DEFAULT '',
    ord       INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX positions_person ON positions (person_id);
CREATE INDEX positions_org ON positions (org_id);

CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    version       INTEGER NOT NULL DEFAULT 1,
    email         TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL,
    role          TEXT NOT NULL,
    org_id        INTEGER REFERENCES organizations (id),
    language      TEXT NOT NULL DEFAULT '',
    password_hash TEXT NOT NULL DEFAULT '',
    disabled      BOOLEAN NOT NULL DEFAULT FALSE,
    created_at    DATETIME NOT NULL,
    updated_at    DATETIME NOT NULL
);

CREATE TABLE sessions (
    secret_hash BLOB PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at  DATETIME NOT NULL,
    expires_at  DATETIME NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE tokens (
    id           INTEGER PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name         TEXT NOT NULL,
    secret_hash  BLOB NOT NULL UNIQUE,
    created_at   DATETIME NOT NULL,
    last_used_at DATETIME,
    revoked_at   DATETIME
);
CREATE INDEX tokens_user ON tokens (user_id);

CREATE TABLE audit_log (
    id        INTEGER PRIMARY KEY,
    at        DATETIME NOT NULL,
    actor_id  INTEGER,
    actor     TEXT NOT NULL,
    action    TEXT NOT NULL,
    entity    TEXT NOT NULL,
    entity_id INTEGER NOT NULL,
    old_data  TEXT,
    new_data  TEXT
);
CREATE INDEX audit_entity ON audit_log (entity, entity_id);
CREATE INDEX audit_at ON audit_log (at);
