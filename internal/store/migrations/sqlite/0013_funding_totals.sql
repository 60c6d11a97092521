-- Funding totals kept on write, so that the funding dashboards and
-- GET /api/v1/funding read a few thousand rows instead of adding up a
-- million flows on every request.
--
-- One row per breakdown of the funding table (country, partner, sector,
-- plan, appeal, year), year and item of that breakdown (its key in the
-- funding table: a country or group code, an organization, plan or appeal
-- ID, a purpose code, a year), with the counted (leaf) flows of that usage
-- year and their US-dollar cents by contribution and status, and the
-- appeals starting that year with their requirement. Year 0 holds the same
-- sums over all years, so that a dashboard without a year filter reads one
-- row per item.
--
-- The rows are at most items x (years + 1) per breakdown (about 40,000 at
-- scale 1, against a million flows). Triggers change them in the same
-- transaction as the flows and appeals (below); a row whose flows and
-- appeals all left it stays with zeros, and the funding table skips items
-- with neither, as a GROUP BY over flows and appeals would.
CREATE TABLE funding_totals (
    breakdown                  TEXT NOT NULL,
    year                       INTEGER NOT NULL,
    item                       TEXT NOT NULL,
    financial_flows            INTEGER NOT NULL DEFAULT 0,
    financial_pledge_cents     INTEGER NOT NULL DEFAULT 0,
    financial_commitment_cents INTEGER NOT NULL DEFAULT 0,
    financial_paid_cents       INTEGER NOT NULL DEFAULT 0,
    in_kind_flows              INTEGER NOT NULL DEFAULT 0,
    in_kind_pledge_cents       INTEGER NOT NULL DEFAULT 0,
    in_kind_commitment_cents   INTEGER NOT NULL DEFAULT 0,
    in_kind_paid_cents         INTEGER NOT NULL DEFAULT 0,
    appeals                    INTEGER NOT NULL DEFAULT 0,
    requirement_cents          INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (breakdown, year, item)
) WITHOUT ROWID;

-- The flows and appeals recorded before this migration, by year, then over all years.
INSERT INTO funding_totals (breakdown, year, item, financial_flows, financial_pledge_cents, financial_commitment_cents, financial_paid_cents, in_kind_flows, in_kind_pledge_cents, in_kind_commitment_cents, in_kind_paid_cents)
SELECT breakdown, year, item,
    SUM(CASE WHEN contribution = 'financial' THEN 1 ELSE 0 END),
    SUM(CASE WHEN contribution = 'financial' AND status = 'pledge' THEN usd_cents ELSE 0 END),
    SUM(CASE WHEN contribution = 'financial' AND status = 'commitment' THEN usd_cents ELSE 0 END),
    SUM(CASE WHEN contribution = 'financial' AND status = 'paid' THEN usd_cents ELSE 0 END),
    SUM(CASE WHEN contribution = 'in_kind' THEN 1 ELSE 0 END),
    SUM(CASE WHEN contribution = 'in_kind' AND status = 'pledge' THEN usd_cents ELSE 0 END),
    SUM(CASE WHEN contribution = 'in_kind' AND status = 'commitment' THEN usd_cents ELSE 0 END),
    SUM(CASE WHEN contribution = 'in_kind' AND status = 'paid' THEN usd_cents ELSE 0 END)
FROM (
    SELECT 'country' AS breakdown, COALESCE(country, group_code) AS item, year, contribution, status, usd_cents FROM flows WHERE leaf = TRUE
    UNION ALL SELECT 'partner', CAST(source_org_id AS TEXT), year, contribution, status, usd_cents FROM flows WHERE leaf = TRUE
    UNION ALL SELECT 'sector', sector, year, contribution, status, usd_cents FROM flows WHERE leaf = TRUE
    UNION ALL SELECT 'plan', COALESCE(CAST(plan_id AS TEXT), ''), year, contribution, status, usd_cents FROM flows WHERE leaf = TRUE
    UNION ALL SELECT 'appeal', COALESCE(CAST(appeal_id AS TEXT), ''), year, contribution, status, usd_cents FROM flows WHERE leaf = TRUE
    UNION ALL SELECT 'year', CAST(year AS TEXT), year, contribution, status, usd_cents FROM flows WHERE leaf = TRUE
) counted
GROUP BY breakdown, year, item;

INSERT INTO funding_totals (breakdown, year, item, appeals, requirement_cents)
SELECT breakdown, year, item, COUNT(*), SUM(usd_cents)
FROM (
    SELECT 'country' AS breakdown, COALESCE(country, group_code) AS item, CAST(substr(start_date, 1, 4) AS INTEGER) AS year, usd_cents FROM appeals
    UNION ALL SELECT 'sector', sector, CAST(substr(start_date, 1, 4) AS INTEGER), usd_cents FROM appeals
    UNION ALL SELECT 'plan', COALESCE(CAST(plan_id AS TEXT), ''), CAST(substr(start_date, 1, 4) AS INTEGER), usd_cents FROM appeals
    UNION ALL SELECT 'appeal', CAST(id AS TEXT), CAST(substr(start_date, 1, 4) AS INTEGER), usd_cents FROM appeals
    UNION ALL SELECT 'year', substr(start_date, 1, 4), CAST(substr(start_date, 1, 4) AS INTEGER), usd_cents FROM appeals
) needed
WHERE TRUE
GROUP BY breakdown, year, item
ON CONFLICT (breakdown, year, item) DO UPDATE SET appeals = excluded.appeals, requirement_cents = excluded.requirement_cents;

INSERT INTO funding_totals (breakdown, year, item, financial_flows, financial_pledge_cents, financial_commitment_cents, financial_paid_cents, in_kind_flows, in_kind_pledge_cents, in_kind_commitment_cents, in_kind_paid_cents, appeals, requirement_cents)
SELECT breakdown, 0, item, SUM(financial_flows), SUM(financial_pledge_cents), SUM(financial_commitment_cents), SUM(financial_paid_cents), SUM(in_kind_flows), SUM(in_kind_pledge_cents), SUM(in_kind_commitment_cents), SUM(in_kind_paid_cents), SUM(appeals), SUM(requirement_cents)
FROM funding_totals
GROUP BY breakdown, item;

-- The funding table no longer adds up all the flows, so the index made for
-- that goes: one index less to keep up on every flow written. A partner's
-- figures are still counted from its own flows (store.Funding), found by
-- source or destination organization: those two indexes now hold every
-- column the count reads, so that a big donor's hundred thousand flows add
-- up from the index alone, without reading the table.
DROP INDEX flows_count;
DROP INDEX flows_source;
DROP INDEX flows_dest;
CREATE INDEX flows_source ON flows (source_org_id, leaf, year, contribution, status, usd_cents, country, group_code, sector, plan_id, appeal_id, dest_org_id);
CREATE INDEX flows_dest ON flows (dest_org_id, leaf, year, contribution, status, usd_cents, country, group_code, sector, plan_id, appeal_id, source_org_id);

-- The list of flows shows the latest first: with a million flows, sorting
-- them all for each page took seconds.
CREATE INDEX flows_recent ON flows (value_date, id);

-- Every write of flows and appeals keeps the totals, whoever writes them
-- (the store's flows, intake pledges, a revised appeal, a repair by hand),
-- in the same transaction: a counted flow (a leaf) adds itself to its
-- twelve rows when it is written, takes itself away when it is deleted,
-- stops being counted (gets a child) or changes what it is counted under,
-- and moves from one status to the next; an appeal adds its requirement to
-- its ten rows (appeals have no partner), and moves it when revised.
--
-- A bulk load (store.BulkWriter.Flows) writes a row in funding_totals_paused
-- in its own transaction while it inserts flows, and adds their totals
-- itself, a batch at once: a million row triggers would have doubled the load.
CREATE TABLE funding_totals_paused (paused INTEGER PRIMARY KEY);

CREATE TRIGGER flows_counted_insert AFTER INSERT ON flows
WHEN NEW.leaf AND NOT EXISTS (SELECT 1 FROM funding_totals_paused)
BEGIN
    INSERT INTO funding_totals (breakdown, year, item, financial_flows, financial_pledge_cents, financial_commitment_cents, financial_paid_cents, in_kind_flows, in_kind_pledge_cents, in_kind_commitment_cents, in_kind_paid_cents)
    SELECT b.breakdown, y.year, b.item,
        CASE WHEN NEW.contribution = 'financial' THEN 1 ELSE 0 END,
        CASE WHEN NEW.contribution = 'financial' AND NEW.status = 'pledge' THEN NEW.usd_cents ELSE 0 END,
        CASE WHEN NEW.contribution = 'financial' AND NEW.status = 'commitment' THEN NEW.usd_cents ELSE 0 END,
        CASE WHEN NEW.contribution = 'financial' AND NEW.status = 'paid' THEN NEW.usd_cents ELSE 0 END,
        CASE WHEN NEW.contribution = 'in_kind' THEN 1 ELSE 0 END,
        CASE WHEN NEW.contribution = 'in_kind' AND NEW.status = 'pledge' THEN NEW.usd_cents ELSE 0 END,
        CASE WHEN NEW.contribution = 'in_kind' AND NEW.status = 'commitment' THEN NEW.usd_cents ELSE 0 END,
        CASE WHEN NEW.contribution = 'in_kind' AND NEW.status = 'paid' THEN NEW.usd_cents ELSE 0 END
    FROM (SELECT 'country' AS breakdown, COALESCE(NEW.country, NEW.group_code) AS item
         UNION ALL SELECT 'partner', CAST(NEW.source_org_id AS TEXT)
         UNION ALL SELECT 'sector', NEW.sector
         UNION ALL SELECT 'plan', COALESCE(CAST(NEW.plan_id AS TEXT), '')
         UNION ALL SELECT 'appeal', COALESCE(CAST(NEW.appeal_id AS TEXT), '')
         UNION ALL SELECT 'year', CAST(NEW.year AS TEXT)) AS b,
        (SELECT NEW.year AS year UNION ALL SELECT 0) AS y
    WHERE TRUE
    ON CONFLICT (breakdown, year, item) DO UPDATE SET
        financial_flows = funding_totals.financial_flows + excluded.financial_flows,
        financial_pledge_cents = funding_totals.financial_pledge_cents + excluded.financial_pledge_cents,
        financial_commitment_cents = funding_totals.financial_commitment_cents + excluded.financial_commitment_cents,
        financial_paid_cents = funding_totals.financial_paid_cents + excluded.financial_paid_cents,
        in_kind_flows = funding_totals.in_kind_flows + excluded.in_kind_flows,
        in_kind_pledge_cents = funding_totals.in_kind_pledge_cents + excluded.in_kind_pledge_cents,
        in_kind_commitment_cents = funding_totals.in_kind_commitment_cents + excluded.in_kind_commitment_cents,
        in_kind_paid_cents = funding_totals.in_kind_paid_cents + excluded.in_kind_paid_cents;
END;

CREATE TRIGGER flows_counted_update AFTER UPDATE OF status, leaf, usd_cents, year, contribution, country, group_code, sector, plan_id, appeal_id, source_org_id ON flows
WHEN (OLD.leaf OR NEW.leaf) AND NOT EXISTS (SELECT 1 FROM funding_totals_paused)
BEGIN
    INSERT INTO funding_totals (breakdown, year, item, financial_flows, financial_pledge_cents, financial_commitment_cents, financial_paid_cents, in_kind_flows, in_kind_pledge_cents, in_kind_commitment_cents, in_kind_paid_cents)
    SELECT b.breakdown, y.year, b.item,
        CASE WHEN OLD.contribution = 'financial' THEN -1 ELSE 0 END,
        CASE WHEN OLD.contribution = 'financial' AND OLD.status = 'pledge' THEN -OLD.usd_cents ELSE 0 END,
        CASE WHEN OLD.contribution = 'financial' AND OLD.status = 'commitment' THEN -OLD.usd_cents ELSE 0 END,
        CASE WHEN OLD.contribution = 'financial' AND OLD.status = 'paid' THEN -OLD.usd_cents ELSE 0 END,
        CASE WHEN OLD.contribution = 'in_kind' THEN -1 ELSE 0 END,
        CASE WHEN OLD.contribution = 'in_kind' AND OLD.status = 'pledge' THEN -OLD.usd_cents ELSE 0 END,
        CASE WHEN OLD.contribution = 'in_kind' AND OLD.status = 'commitment' THEN -OLD.usd_cents ELSE 0 END,
        CASE WHEN OLD.contribution = 'in_kind' AND OLD.status = 'paid' THEN -OLD.usd_cents ELSE 0 END
    FROM (SELECT 'country' AS breakdown, COALESCE(OLD.country, OLD.group_code) AS item
         UNION ALL SELECT 'partner', CAST(OLD.source_org_id AS TEXT)
         UNION ALL SELECT 'sector', OLD.sector
         UNION ALL SELECT 'plan', COALESCE(CAST(OLD.plan_id AS TEXT), '')
         UNION ALL SELECT 'appeal', COALESCE(CAST(OLD.appeal_id AS TEXT), '')
         UNION ALL SELECT 'year', CAST(OLD.year AS TEXT)) AS b,
        (SELECT OLD.year AS year UNION ALL SELECT 0) AS y
    WHERE OLD.leaf
    ON CONFLICT (breakdown, year, item) DO UPDATE SET
        financial_flows = funding_totals.financial_flows + excluded.financial_flows,
        financial_pledge_cents = funding_totals.financial_pledge_cents + excluded.financial_pledge_cents,
        financial_commitment_cents = funding_totals.financial_commitment_cents + excluded.financial_commitment_cents,
        financial_paid_cents = funding_totals.financial_paid_cents + excluded.financial_paid_cents,
        in_kind_flows = funding_totals.in_kind_flows + excluded.in_kind_flows,
        in_kind_pledge_cents = funding_totals.in_kind_pledge_cents + excluded.in_kind_pledge_cents,
        in_kind_commitment_cents = funding_totals.in_kind_commitment_cents + excluded.in_kind_commitment_cents,
        in_kind_paid_cents = funding_totals.in_kind_paid_cents + excluded.in_kind_paid_cents;
    INSERT INTO funding_totals (breakdown, year, item, financial_flows, financial_pledge_cents, financial_commitment_cents, financial_paid_cents, in_kind_flows, in_kind_pledge_cents, in_kind_commitment_cents, in_kind_paid_cents)
    SELECT b.breakdown, y.year, b.item,
        CASE WHEN NEW.contribution = 'financial' THEN 1 ELSE 0 END,
        CASE WHEN NEW.contribution = 'financial' AND NEW.status = 'pledge' THEN NEW.usd_cents ELSE 0 END,
        CASE WHEN NEW.contribution = 'financial' AND NEW.status = 'commitment' THEN NEW.usd_cents ELSE 0 END,
        CASE WHEN NEW.contribution = 'financial' AND NEW.status = 'paid' THEN NEW.usd_cents ELSE 0 END,
        CASE WHEN NEW.contribution = 'in_kind' THEN 1 ELSE 0 END,
        CASE WHEN NEW.contribution = 'in_kind' AND NEW.status = 'pledge' THEN NEW.usd_cents ELSE 0 END,
        CASE WHEN NEW.contribution = 'in_kind' AND NEW.status = 'commitment' THEN NEW.usd_cents ELSE 0 END,
        CASE WHEN NEW.contribution = 'in_kind' AND NEW.status = 'paid' THEN NEW.usd_cents ELSE 0 END
    FROM (SELECT 'country' AS breakdown, COALESCE(NEW.country, NEW.group_code) AS item
         UNION ALL SELECT 'partner', CAST(NEW.source_org_id AS TEXT)
         UNION ALL SELECT 'sector', NEW.sector
         UNION ALL SELECT 'plan', COALESCE(CAST(NEW.plan_id AS TEXT), '')
         UNION ALL SELECT 'appeal', COALESCE(CAST(NEW.appeal_id AS TEXT), '')
         UNION ALL SELECT 'year', CAST(NEW.year AS TEXT)) AS b,
        (SELECT NEW.year AS year UNION ALL SELECT 0) AS y
    WHERE NEW.leaf
    ON CONFLICT (breakdown, year, item) DO UPDATE SET
        financial_flows = funding_totals.financial_flows + excluded.financial_flows,
        financial_pledge_cents = funding_totals.financial_pledge_cents + excluded.financial_pledge_cents,
        financial_commitment_cents = funding_totals.financial_commitment_cents + excluded.financial_commitment_cents,
        financial_paid_cents = funding_totals.financial_paid_cents + excluded.financial_paid_cents,
        in_kind_flows = funding_totals.in_kind_flows + excluded.in_kind_flows,
        in_kind_pledge_cents = funding_totals.in_kind_pledge_cents + excluded.in_kind_pledge_cents,
        in_kind_commitment_cents = funding_totals.in_kind_commitment_cents + excluded.in_kind_commitment_cents,
        in_kind_paid_cents = funding_totals.in_kind_paid_cents + excluded.in_kind_paid_cents;
END;

CREATE TRIGGER flows_counted_delete AFTER DELETE ON flows
WHEN OLD.leaf AND NOT EXISTS (SELECT 1 FROM funding_totals_paused)
BEGIN
    INSERT INTO funding_totals (breakdown, year, item, financial_flows, financial_pledge_cents, financial_commitment_cents, financial_paid_cents, in_kind_flows, in_kind_pledge_cents, in_kind_commitment_cents, in_kind_paid_cents)
    SELECT b.breakdown, y.year, b.item,
        CASE WHEN OLD.contribution = 'financial' THEN -1 ELSE 0 END,
        CASE WHEN OLD.contribution = 'financial' AND OLD.status = 'pledge' THEN -OLD.usd_cents ELSE 0 END,
        CASE WHEN OLD.contribution = 'financial' AND OLD.status = 'commitment' THEN -OLD.usd_cents ELSE 0 END,
        CASE WHEN OLD.contribution = 'financial' AND OLD.status = 'paid' THEN -OLD.usd_cents ELSE 0 END,
        CASE WHEN OLD.contribution = 'in_kind' THEN -1 ELSE 0 END,
        CASE WHEN OLD.contribution = 'in_kind' AND OLD.status = 'pledge' THEN -OLD.usd_cents ELSE 0 END,
        CASE WHEN OLD.contribution = 'in_kind' AND OLD.status = 'commitment' THEN -OLD.usd_cents ELSE 0 END,
        CASE WHEN OLD.contribution = 'in_kind' AND OLD.status = 'paid' THEN -OLD.usd_cents ELSE 0 END
    FROM (SELECT 'country' AS breakdown, COALESCE(OLD.country, OLD.group_code) AS item
         UNION ALL SELECT 'partner', CAST(OLD.source_org_id AS TEXT)
         UNION ALL SELECT 'sector', OLD.sector
         UNION ALL SELECT 'plan', COALESCE(CAST(OLD.plan_id AS TEXT), '')
         UNION ALL SELECT 'appeal', COALESCE(CAST(OLD.appeal_id AS TEXT), '')
         UNION ALL SELECT 'year', CAST(OLD.year AS TEXT)) AS b,
        (SELECT OLD.year AS year UNION ALL SELECT 0) AS y
    WHERE TRUE
    ON CONFLICT (breakdown, year, item) DO UPDATE SET
        financial_flows = funding_totals.financial_flows + excluded.financial_flows,
        financial_pledge_cents = funding_totals.financial_pledge_cents + excluded.financial_pledge_cents,
        financial_commitment_cents = funding_totals.financial_commitment_cents + excluded.financial_commitment_cents,
        financial_paid_cents = funding_totals.financial_paid_cents + excluded.financial_paid_cents,
        in_kind_flows = funding_totals.in_kind_flows + excluded.in_kind_flows,
        in_kind_pledge_cents = funding_totals.in_kind_pledge_cents + excluded.in_kind_pledge_cents,
        in_kind_commitment_cents = funding_totals.in_kind_commitment_cents + excluded.in_kind_commitment_cents,
        in_kind_paid_cents = funding_totals.in_kind_paid_cents + excluded.in_kind_paid_cents;
END;

CREATE TRIGGER appeals_counted_insert AFTER INSERT ON appeals
BEGIN
    INSERT INTO funding_totals (breakdown, year, item, appeals, requirement_cents)
    SELECT b.breakdown, y.year, b.item, 1, NEW.usd_cents
    FROM (SELECT 'country' AS breakdown, COALESCE(NEW.country, NEW.group_code) AS item
         UNION ALL SELECT 'sector', NEW.sector
         UNION ALL SELECT 'plan', COALESCE(CAST(NEW.plan_id AS TEXT), '')
         UNION ALL SELECT 'appeal', CAST(NEW.id AS TEXT)
         UNION ALL SELECT 'year', substr(NEW.start_date, 1, 4)) AS b,
        (SELECT CAST(substr(NEW.start_date, 1, 4) AS INTEGER) AS year UNION ALL SELECT 0) AS y
    WHERE TRUE
    ON CONFLICT (breakdown, year, item) DO UPDATE SET
        appeals = funding_totals.appeals + excluded.appeals,
        requirement_cents = funding_totals.requirement_cents + excluded.requirement_cents;
END;

CREATE TRIGGER appeals_counted_update AFTER UPDATE OF usd_cents, country, group_code, sector, plan_id, start_date ON appeals
BEGIN
    INSERT INTO funding_totals (breakdown, year, item, appeals, requirement_cents)
    SELECT b.breakdown, y.year, b.item, -1, -OLD.usd_cents
    FROM (SELECT 'country' AS breakdown, COALESCE(OLD.country, OLD.group_code) AS item
         UNION ALL SELECT 'sector', OLD.sector
         UNION ALL SELECT 'plan', COALESCE(CAST(OLD.plan_id AS TEXT), '')
         UNION ALL SELECT 'appeal', CAST(OLD.id AS TEXT)
         UNION ALL SELECT 'year', substr(OLD.start_date, 1, 4)) AS b,
        (SELECT CAST(substr(OLD.start_date, 1, 4) AS INTEGER) AS year UNION ALL SELECT 0) AS y
    WHERE TRUE
    ON CONFLICT (breakdown, year, item) DO UPDATE SET
        appeals = funding_totals.appeals + excluded.appeals,
        requirement_cents = funding_totals.requirement_cents + excluded.requirement_cents;
    INSERT INTO funding_totals (breakdown, year, item, appeals, requirement_cents)
    SELECT b.breakdown, y.year, b.item, 1, NEW.usd_cents
    FROM (SELECT 'country' AS breakdown, COALESCE(NEW.country, NEW.group_code) AS item
         UNION ALL SELECT 'sector', NEW.sector
         UNION ALL SELECT 'plan', COALESCE(CAST(NEW.plan_id AS TEXT), '')
         UNION ALL SELECT 'appeal', CAST(NEW.id AS TEXT)
         UNION ALL SELECT 'year', substr(NEW.start_date, 1, 4)) AS b,
        (SELECT CAST(substr(NEW.start_date, 1, 4) AS INTEGER) AS year UNION ALL SELECT 0) AS y
    WHERE TRUE
    ON CONFLICT (breakdown, year, item) DO UPDATE SET
        appeals = funding_totals.appeals + excluded.appeals,
        requirement_cents = funding_totals.requirement_cents + excluded.requirement_cents;
END;

CREATE TRIGGER appeals_counted_delete AFTER DELETE ON appeals
BEGIN
    INSERT INTO funding_totals (breakdown, year, item, appeals, requirement_cents)
    SELECT b.breakdown, y.year, b.item, -1, -OLD.usd_cents
    FROM (SELECT 'country' AS breakdown, COALESCE(OLD.country, OLD.group_code) AS item
         UNION ALL SELECT 'sector', OLD.sector
         UNION ALL SELECT 'plan', COALESCE(CAST(OLD.plan_id AS TEXT), '')
         UNION ALL SELECT 'appeal', CAST(OLD.id AS TEXT)
         UNION ALL SELECT 'year', substr(OLD.start_date, 1, 4)) AS b,
        (SELECT CAST(substr(OLD.start_date, 1, 4) AS INTEGER) AS year UNION ALL SELECT 0) AS y
    WHERE TRUE
    ON CONFLICT (breakdown, year, item) DO UPDATE SET
        appeals = funding_totals.appeals + excluded.appeals,
        requirement_cents = funding_totals.requirement_cents + excluded.requirement_cents;
END;
