-- Word-prefix search over the folded "search" columns. The tsvector is
-- stored, so that a plan which walks another index and filters row by row
-- stays cheap; fastupdate is off so that searches never scan a long list of
-- pending entries after bulk writes (writes are rare here, searches are not).
ALTER TABLE organizations ADD COLUMN search_tsv tsvector GENERATED ALWAYS AS (to_tsvector('simple', search)) STORED;
CREATE INDEX organizations_search ON organizations USING GIN (search_tsv) WITH (fastupdate = off);
ALTER TABLE people ADD COLUMN search_tsv tsvector GENERATED ALWAYS AS (to_tsvector('simple', search)) STORED;
CREATE INDEX people_search ON people USING GIN (search_tsv) WITH (fastupdate = off);
