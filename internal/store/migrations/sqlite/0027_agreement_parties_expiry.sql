-- An organization's agreements, ending soonest first, are read from its
-- parties in the page's order: each party row carries its agreement's
-- expiry ('9999-99-99' for none, after every date, as the list puts them
-- last), and (org_id, expiry, agreement_id DESC) walks one organization's
-- parties in that order. Before, the list sorted every agreement by a CASE
-- that no index serves and probed the parties of each.
ALTER TABLE agreement_parties ADD COLUMN expiry TEXT NOT NULL DEFAULT '9999-99-99';
UPDATE agreement_parties SET expiry = (SELECT CASE WHEN g.expiry_date = '' THEN '9999-99-99' ELSE g.expiry_date END
    FROM agreements g WHERE g.id = agreement_parties.agreement_id);
CREATE INDEX agreement_parties_by_expiry ON agreement_parties (org_id, expiry, agreement_id DESC);
