CREATE TABLE indicators (
    id          INTEGER PRIMARY KEY,
    activity_id INTEGER NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
    name        TEXT NOT NULL,
    unit        TEXT NOT NULL DEFAULT '',
    baseline    REAL NOT NULL DEFAULT 0,
    target      REAL NOT NULL DEFAULT 0,
    created_at  DATETIME NOT NULL
);
CREATE INDEX indicators_activity ON indicators (activity_id);

CREATE TABLE indicator_values (
    id           INTEGER PRIMARY KEY,
    version      INTEGER NOT NULL DEFAULT 1,
    indicator_id INTEGER NOT NULL REFERENCES indicators (id) ON DELETE CASCADE,
    period       TEXT NOT NULL,
    value        REAL NOT NULL,
    status       TEXT NOT NULL DEFAULT 'draft',
    comment      TEXT NOT NULL DEFAULT '',
    updated_by   TEXT NOT NULL DEFAULT '',
    updated_at   DATETIME NOT NULL,
    UNIQUE (indicator_id, period)
);
CREATE INDEX indicator_values_status ON indicator_values (status);
