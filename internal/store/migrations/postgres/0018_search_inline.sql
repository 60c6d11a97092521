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

ALTER TABLE organizations ALTER COLUMN search_tsv SET STORAGE MAIN;
UPDATE organizations SET search = search;

ALTER TABLE people ALTER COLUMN search_tsv SET STORAGE MAIN;
UPDATE people SET search = search;

ALTER TABLE engagements ALTER COLUMN search_tsv SET STORAGE MAIN;
UPDATE engagements SET search = search;

ALTER TABLE action_points ALTER COLUMN search_tsv SET STORAGE MAIN;
UPDATE action_points SET search = search;

ALTER TABLE agreements ALTER COLUMN search_tsv SET STORAGE MAIN;
UPDATE agreements SET search = search;

ALTER TABLE plans ALTER COLUMN search_tsv SET STORAGE MAIN;
UPDATE plans SET search = search;

ALTER TABLE activities ALTER COLUMN search_tsv SET STORAGE MAIN;
UPDATE activities SET search = search;
