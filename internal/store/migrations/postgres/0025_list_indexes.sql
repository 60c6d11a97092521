-- Issue 13: every page of a list is read through an index that matches
-- its filter and its order, so that a page costs its own rows and not a
-- sort of every row the filter keeps (flows?country=AF sorted 194,000
-- rows for each page of 50). The flows list is ordered by value_date, id
-- (ListFlows); one index per documented filter of /api/v1/flows. The
-- single-column indexes these extend (flows_country, flows_plan,
-- flows_appeal) are kept for the release still running beside this one.
--
-- Each index is built CONCURRENTLY, alone in its step, so that writers
-- go on while it builds (see Migrate). A step may run again after a crash:
-- it drops what an interrupted build left (an invalid index) and builds it
-- again.
-- accord:step
DROP INDEX CONCURRENTLY IF EXISTS flows_country_date;
-- accord:step
CREATE INDEX CONCURRENTLY flows_country_date ON flows (country, value_date, id);
-- accord:step
DROP INDEX CONCURRENTLY IF EXISTS flows_status_date;
-- accord:step
CREATE INDEX CONCURRENTLY flows_status_date ON flows (status, value_date, id);
-- accord:step
DROP INDEX CONCURRENTLY IF EXISTS flows_year_date;
-- accord:step
CREATE INDEX CONCURRENTLY flows_year_date ON flows (year, value_date, id);
-- accord:step
DROP INDEX CONCURRENTLY IF EXISTS flows_plan_date;
-- accord:step
CREATE INDEX CONCURRENTLY flows_plan_date ON flows (plan_id, value_date, id);
-- accord:step
DROP INDEX CONCURRENTLY IF EXISTS flows_appeal_date;
-- accord:step
CREATE INDEX CONCURRENTLY flows_appeal_date ON flows (appeal_id, value_date, id);

-- Public news lists walk the items that are not drafts, newest first
-- (listNews), and stop at the page.
-- accord:step
DROP INDEX CONCURRENTLY IF EXISTS news_public;
-- accord:step
CREATE INDEX CONCURRENTLY news_public ON news (publish_at, id) WHERE status <> 'draft';

-- The public count (countPublicNews) counts the published items, and the
-- scheduled ones whose time has come, by status.
-- accord:step
DROP INDEX CONCURRENTLY IF EXISTS news_status;
-- accord:step
CREATE INDEX CONCURRENTLY news_status ON news (status, publish_at, id);
