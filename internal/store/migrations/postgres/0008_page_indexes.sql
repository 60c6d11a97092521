-- Indexes for the pages opened most, found by bench/pages on a generated
-- organization (accord demo --scale 1): 2,000 organizations, 100,000
-- engagements, 150,000 action points, 50,000 activities.

-- An organization's people: EXISTS (… person_id = p.id AND org_id = ?)
-- read every position of the organization once per person through
-- positions_org (SQLite: 115 ms for the busiest organization; now 3 ms).
CREATE INDEX positions_org_person ON positions (org_id, person_id);
DROP INDEX positions_org;

-- Overdue action points by due date, as the home page lists them: read in
-- order up to the page instead of sorting every open point (SQLite: 216 ms
-- with the count; now 1 ms).
CREATE INDEX action_points_open_due ON action_points (due_date, id DESC) WHERE status IN ('open', 'in_progress');

-- Action points of one status (an organization's open points) in list
-- order, read up to the page instead of sorted; with the engagement, so that
-- counting them by organization reads the index alone. The expressions
-- must stay those of ListActionPoints' ORDER BY for the index to serve it.
CREATE INDEX action_points_status_order ON action_points (status, (CASE WHEN due_date = '' THEN 1 ELSE 0 END), due_date, id DESC, engagement_id);

-- One owner's points of one status (the home page's "my open points") in
-- the same order: the owner index, extended.
DROP INDEX action_points_owner;
CREATE INDEX action_points_owner ON action_points (owner_id, status, (CASE WHEN due_date = '' THEN 1 ELSE 0 END), due_date, id DESC);

-- Agreements in list order (ending soonest first, undated last), read up
-- to the page instead of sorted: an organization's page sorted all 13,000
-- agreements of the busiest one. Same expressions as ListAgreements' ORDER BY.
CREATE INDEX agreements_expiry_order ON agreements ((CASE WHEN expiry_date = '' THEN 1 ELSE 0 END), expiry_date, id DESC);

-- An organization's activities by planned start: read in order up to the
-- page instead of sorting all of them with their plans and leads joined.
CREATE INDEX activities_planned_start ON activities (planned_start, id);

-- Counting an organization's activities reads the implementing
-- organizations' index alone.
CREATE INDEX activity_orgs_org_activity ON activity_orgs (org_id, activity_id);
DROP INDEX activity_orgs_org;
-- and the lead organizations' index, with the ID it returns.
DROP INDEX activities_lead;
CREATE INDEX activities_lead ON activities (lead_org_id, id);
