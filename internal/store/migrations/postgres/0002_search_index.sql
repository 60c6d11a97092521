-- Word-prefix search over the folded "search" columns.
CREATE INDEX organizations_search ON organizations USING GIN (to_tsvector('simple', search));
CREATE INDEX people_search ON people USING GIN (to_tsvector('simple', search));
