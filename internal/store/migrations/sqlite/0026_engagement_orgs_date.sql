-- An organization's engagements, newest first, are read from its links in
-- the order of the page: each link carries its engagement's date, and
-- (org_id, date, engagement_id) walks one organization's links in that
-- order. Before, the list walked every engagement by date and probed the
-- links of each, which for an organization in few engagements read them all.
ALTER TABLE engagement_orgs ADD COLUMN date TEXT NOT NULL DEFAULT '';
UPDATE engagement_orgs SET date = (SELECT e.date FROM engagements e WHERE e.id = engagement_orgs.engagement_id);
CREATE INDEX engagement_orgs_by_date ON engagement_orgs (org_id, date, engagement_id);
