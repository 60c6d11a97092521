-- Prefix indexes for the search box. Every word typed is searched as a
-- prefix ("health" finds healthcare), and without an index of prefixes
-- FTS5 merges the entries of every word a prefix starts before it can rank:
-- for a common word that was most of a search's cost (bench/pages: "health"
-- in 58,000 engagements). With prefixes of 3 to 8 characters indexed, such
-- a prefix is one entry; longer prefixes start few words. The tables are
-- the same otherwise, rebuilt from the records they index.

DROP TABLE organizations_fts;
CREATE VIRTUAL TABLE organizations_fts USING fts5(search, content='organizations', content_rowid='id', tokenize='unicode61 remove_diacritics 2', prefix='3 4 5 6 7 8');
INSERT INTO organizations_fts(organizations_fts) VALUES ('rebuild');

DROP TABLE people_fts;
CREATE VIRTUAL TABLE people_fts USING fts5(search, content='people', content_rowid='id', tokenize='unicode61 remove_diacritics 2', prefix='3 4 5 6 7 8');
INSERT INTO people_fts(people_fts) VALUES ('rebuild');

DROP TABLE engagements_fts;
CREATE VIRTUAL TABLE engagements_fts USING fts5(search, content='engagements', content_rowid='id', tokenize='unicode61 remove_diacritics 2', prefix='3 4 5 6 7 8');
INSERT INTO engagements_fts(engagements_fts) VALUES ('rebuild');

DROP TABLE action_points_fts;
CREATE VIRTUAL TABLE action_points_fts USING fts5(search, content='action_points', content_rowid='id', tokenize='unicode61 remove_diacritics 2', prefix='3 4 5 6 7 8');
INSERT INTO action_points_fts(action_points_fts) VALUES ('rebuild');

DROP TABLE agreements_fts;
CREATE VIRTUAL TABLE agreements_fts USING fts5(search, content='agreements', content_rowid='id', tokenize='unicode61 remove_diacritics 2', prefix='3 4 5 6 7 8');
INSERT INTO agreements_fts(agreements_fts) VALUES ('rebuild');

DROP TABLE plans_fts;
CREATE VIRTUAL TABLE plans_fts USING fts5(search, content='plans', content_rowid='id', tokenize='unicode61 remove_diacritics 2', prefix='3 4 5 6 7 8');
INSERT INTO plans_fts(plans_fts) VALUES ('rebuild');

DROP TABLE activities_fts;
CREATE VIRTUAL TABLE activities_fts USING fts5(search, content='activities', content_rowid='id', tokenize='unicode61 remove_diacritics 2', prefix='3 4 5 6 7 8');
INSERT INTO activities_fts(activities_fts) VALUES ('rebuild');
