-- Resource mobilization: needs (appeals), money and goods (flows), and the
-- exchange rates they are counted with. Amounts in US dollars are kept in
-- cents, so that sums are exact.
CREATE TABLE exchange_rates (
    currency TEXT NOT NULL,
    date     TEXT NOT NULL,
    rate     TEXT NOT NULL,
    source   TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (currency, date)
);

CREATE TABLE appeals (
    id          INTEGER PRIMARY KEY,
    version     INTEGER NOT NULL DEFAULT 1,
    title       TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    country     TEXT REFERENCES countries (code),
    group_code  TEXT NOT NULL DEFAULT '',
    sector      TEXT NOT NULL DEFAULT '',
    plan_id     INTEGER REFERENCES plans (id),
    activity_id INTEGER REFERENCES activities (id),
    start_date  TEXT NOT NULL,
    end_date    TEXT NOT NULL DEFAULT '',
    amount      TEXT NOT NULL,
    currency    TEXT NOT NULL,
    rate        TEXT NOT NULL,
    usd_cents   INTEGER NOT NULL,
    search      TEXT NOT NULL DEFAULT '',
    created_at  DATETIME NOT NULL,
    updated_at  DATETIME NOT NULL
);
CREATE INDEX appeals_country ON appeals (country);

CREATE TABLE appeal_revisions (
    appeal_id INTEGER NOT NULL REFERENCES appeals (id) ON DELETE CASCADE,
    n         INTEGER NOT NULL,
    date      TEXT NOT NULL,
    usd_cents INTEGER NOT NULL,
    reason    TEXT NOT NULL,
    by_whom   TEXT NOT NULL,
    PRIMARY KEY (appeal_id, n)
);

CREATE TABLE flows (
    id            INTEGER PRIMARY KEY,
    version       INTEGER NOT NULL DEFAULT 1,
    status        TEXT NOT NULL,
    type          TEXT NOT NULL,
    contribution  TEXT NOT NULL,
    description   TEXT NOT NULL DEFAULT '',
    source_org_id INTEGER NOT NULL REFERENCES organizations (id),
    dest_org_id   INTEGER REFERENCES organizations (id),
    country       TEXT REFERENCES countries (code),
    group_code    TEXT NOT NULL DEFAULT '',
    sector        TEXT NOT NULL DEFAULT '',
    plan_id       INTEGER REFERENCES plans (id),
    activity_id   INTEGER REFERENCES activities (id),
    appeal_id     INTEGER REFERENCES appeals (id),
    parent_id     INTEGER REFERENCES flows (id),
    value_date    TEXT NOT NULL,
    year          INTEGER NOT NULL,
    amount        TEXT NOT NULL,
    currency      TEXT NOT NULL,
    rate          TEXT NOT NULL,
    rate_date     TEXT NOT NULL,
    rate_source   TEXT NOT NULL DEFAULT '',
    usd_cents     INTEGER NOT NULL,
    quantity      TEXT NOT NULL DEFAULT '',
    unit          TEXT NOT NULL DEFAULT '',
    leaf          BOOLEAN NOT NULL DEFAULT TRUE, -- no child flows: counted
    search        TEXT NOT NULL DEFAULT '',
    created_at    DATETIME NOT NULL,
    updated_at    DATETIME NOT NULL
);
CREATE INDEX flows_parent ON flows (parent_id);
CREATE INDEX flows_count ON flows (leaf, status, year);
CREATE INDEX flows_country ON flows (country);
CREATE INDEX flows_source ON flows (source_org_id);
CREATE INDEX flows_dest ON flows (dest_org_id);
CREATE INDEX flows_appeal ON flows (appeal_id);
CREATE INDEX flows_plan ON flows (plan_id);

-- A pledge that becomes a commitment and then a payment is one flow with
-- this history, not three rows.
CREATE TABLE flow_events (
    flow_id   INTEGER NOT NULL REFERENCES flows (id) ON DELETE CASCADE,
    status    TEXT NOT NULL,
    date      TEXT NOT NULL,
    usd_cents INTEGER NOT NULL,
    by_whom   TEXT NOT NULL,
    at        DATETIME NOT NULL
);
CREATE INDEX flow_events_flow ON flow_events (flow_id);
