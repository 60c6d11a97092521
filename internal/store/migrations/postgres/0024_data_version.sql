-- A number that moves with every committed write to a table that a list's
-- count reads, in this database and schema only, so that the counts kept
-- by store/dataversion.go last until the data they were counted from
-- changes. pg_current_snapshot(), which it replaces, moved with any write
-- anywhere on the server, another database's included.
--
-- The number is the sum of 16 rows, and a statement bumps the row of its
-- own connection (pg_backend_pid() % 16): a single row would be locked by
-- every writing transaction until it commits, queueing all writers behind
-- one another; with one row per connection slot, two writers meet only
-- when their slots collide. Every row only grows, so the sum moves with
-- every commit that bumped one, and it becomes visible with the rows it
-- stands for, in the same commit (a sequence would not: nextval is seen
-- by everyone before the writer commits, and a count taken in between
-- would be kept under the new number).
--
-- Left out, since no count reads them and they are written by requests
-- that change nothing a list shows: sessions, tokens (their last use),
-- throttles, idempotency_keys, jobs, reminder_digests, site_keys, meta and
-- funding_version. A table that a new list counts needs the trigger.
CREATE TABLE data_version (
    slot    INTEGER PRIMARY KEY,
    version BIGINT NOT NULL
);
INSERT INTO data_version (slot, version) SELECT s, 0 FROM generate_series(0, 15) s;

CREATE FUNCTION data_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE data_version SET version = version + 1 WHERE slot = pg_backend_pid() % 16;
    RETURN NULL;
END
$$;

DO $$
DECLARE
    t TEXT;
BEGIN
    FOREACH t IN ARRAY ARRAY[
        'countries', 'codes', 'country_groups', 'country_group_members', 'organizations', 'people',
        'positions', 'users', 'audit_log', 'engagements', 'engagement_orgs', 'engagement_participants',
        'engagement_sources', 'action_points', 'action_point_parties', 'agreements', 'agreement_parties',
        'agreement_amendments', 'plans', 'plan_agreements', 'objectives', 'activities', 'activity_orgs',
        'activity_countries', 'activity_groups', 'activity_sectors', 'documents', 'attachments',
        'reminders', 'indicators', 'indicator_values', 'exchange_rates', 'appeals', 'appeal_revisions',
        'flows', 'flow_events', 'funding_totals', 'news', 'news_texts', 'news_tags', 'news_links',
        'comments', 'comment_blocklist', 'settings', 'comment_notices', 'comment_notified',
        'contact_messages', 'contact_notes']
    LOOP
        EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I '
            'FOR EACH STATEMENT EXECUTE FUNCTION data_version_bump()', t || '_data_version', t);
    END LOOP;
END
$$;
