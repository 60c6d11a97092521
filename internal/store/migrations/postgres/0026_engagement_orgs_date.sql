-- An organization's engagements, newest first, are read from its links in
-- the order of the page: each link carries its engagement's date, and
-- (org_id, date, engagement_id) walks one organization's links in that
-- order. Before, the list walked every engagement by date and probed the
-- links of each, which for an organization in few engagements read them all.
--
-- During a rolling deploy the previous release writes links without a
-- date: a trigger gives them their engagement's. The backfill and the index
-- are steps of their own (see migrate.go); every step may run again after
-- a crash. The index is not built CONCURRENTLY: that waits for every
-- transaction, the other instances' wait for the migration lock too, which
-- is a deadlock; a plain build holds writes to the links for about a second
-- at scale 1.
ALTER TABLE engagement_orgs ADD COLUMN IF NOT EXISTS date TEXT NOT NULL DEFAULT '';

CREATE OR REPLACE FUNCTION engagement_orgs_date() RETURNS trigger AS $$
BEGIN
    IF NEW.date = '' THEN
        SELECT e.date INTO NEW.date FROM engagements e WHERE e.id = NEW.engagement_id;
    END IF;
    RETURN NEW;
END
$$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS engagement_orgs_date ON engagement_orgs;
CREATE TRIGGER engagement_orgs_date BEFORE INSERT ON engagement_orgs
    FOR EACH ROW EXECUTE FUNCTION engagement_orgs_date();

-- accord:step
UPDATE engagement_orgs o SET date = e.date FROM engagements e WHERE e.id = o.engagement_id AND o.date = '';

-- accord:step
CREATE INDEX IF NOT EXISTS engagement_orgs_by_date ON engagement_orgs (org_id, date, engagement_id);
