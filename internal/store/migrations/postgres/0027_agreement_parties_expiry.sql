-- An organization's agreements, ending soonest first, are read from its
-- parties in the page's order: each party row carries its agreement's
-- expiry ('9999-99-99' for none, after every date, as the list puts them
-- last), and (org_id, expiry, agreement_id DESC) walks one organization's
-- parties in that order. Before, the list sorted every agreement by a CASE
-- that no index serves and probed the parties of each.
--
-- During a rolling deploy the previous release writes parties without an
-- expiry: a trigger gives every new party row its agreement's. Each step
-- may run again after a crash.
ALTER TABLE agreement_parties ADD COLUMN IF NOT EXISTS expiry TEXT NOT NULL DEFAULT '9999-99-99';

CREATE OR REPLACE FUNCTION agreement_parties_expiry() RETURNS trigger AS $$
BEGIN
    SELECT CASE WHEN g.expiry_date = '' THEN '9999-99-99' ELSE g.expiry_date END INTO NEW.expiry
        FROM agreements g WHERE g.id = NEW.agreement_id;
    RETURN NEW;
END
$$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS agreement_parties_expiry ON agreement_parties;
CREATE TRIGGER agreement_parties_expiry BEFORE INSERT ON agreement_parties
    FOR EACH ROW EXECUTE FUNCTION agreement_parties_expiry();

-- accord:step
UPDATE agreement_parties p SET expiry = CASE WHEN g.expiry_date = '' THEN '9999-99-99' ELSE g.expiry_date END
    FROM agreements g WHERE g.id = p.agreement_id;

-- The index is built CONCURRENTLY, alone in its step (see Migrate); run
-- again, the step before drops what an interrupted build left.
-- accord:step
DROP INDEX CONCURRENTLY IF EXISTS agreement_parties_by_expiry;
-- accord:step
CREATE INDEX CONCURRENTLY agreement_parties_by_expiry ON agreement_parties (org_id, expiry, agreement_id DESC);
