-- Keep each record's search vector in its row. A row holding long texts
-- (a summary, outcomes, the search text) passes PostgreSQL's 2 kB limit,
-- and the vector, often the largest value, was moved out to the TOAST
-- table: every search that tests rows in ID order (the newest matches of a
-- common word) then read four pages per row instead of one, and took 2.5
-- times as long (engagements, "health": 6,631 pages, 3.8 ms -> 564 pages,
-- 1.5 ms). With MAIN storage the vector stays in the row, compressed if
-- need be, and the other texts are moved out first.
--
-- Existing rows are rewritten so that their vectors are stored by the new
-- rule (setting search recomputes search_tsv): on a large database this
-- migration takes minutes (53 s at scale 1), and leaves the old versions
-- of the rows behind; VACUUM FULL on the searchable tables gives their
-- space back (bench/pages measured the rewritten database about 1.3 times
-- slower to search than one made anew).

--
-- The rewrite is done a table at a time, each step committing on its own
-- (see migrate.go), so that the instances still serving wait for one
-- table's rows at most rather than all seven for the whole run. Each step
-- may run again after a crash: rewriting a row twice changes nothing.

ALTER TABLE organizations ALTER COLUMN search_tsv SET STORAGE MAIN;
ALTER TABLE people ALTER COLUMN search_tsv SET STORAGE MAIN;
ALTER TABLE engagements ALTER COLUMN search_tsv SET STORAGE MAIN;
ALTER TABLE action_points ALTER COLUMN search_tsv SET STORAGE MAIN;
ALTER TABLE agreements ALTER COLUMN search_tsv SET STORAGE MAIN;
ALTER TABLE plans ALTER COLUMN search_tsv SET STORAGE MAIN;
ALTER TABLE activities ALTER COLUMN search_tsv SET STORAGE MAIN;

-- accord:step
UPDATE organizations SET search = search;

-- accord:step
UPDATE people SET search = search;

-- accord:step
UPDATE engagements SET search = search;

-- accord:step
UPDATE action_points SET search = search;

-- accord:step
UPDATE agreements SET search = search;

-- accord:step
UPDATE plans SET search = search;

-- accord:step
UPDATE activities SET search = search;
