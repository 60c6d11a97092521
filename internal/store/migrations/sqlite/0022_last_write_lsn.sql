-- Kept alike with PostgreSQL's migration 22; SQLite has no read replicas,
-- so the column stays empty here.
ALTER TABLE users ADD COLUMN last_write_lsn TEXT;
