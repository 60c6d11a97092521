-- Word-prefix search over the folded "search" columns, kept in step by triggers.
CREATE VIRTUAL TABLE organizations_fts USING fts5(search, content='organizations', content_rowid='id', tokenize='unicode61 remove_diacritics 2');
CREATE TRIGGER organizations_fts_insert AFTER INSERT ON organizations BEGIN
    INSERT INTO organizations_fts (rowid, search) VALUES (new.id, new.search);
END;
CREATE TRIGGER organizations_fts_delete AFTER DELETE ON organizations BEGIN
    INSERT INTO organizations_fts (organizations_fts, rowid, search) VALUES ('delete', old.id, old.search);
END;
CREATE TRIGGER organizations_fts_update AFTER UPDATE OF search ON organizations BEGIN
    INSERT INTO organizations_fts (organizations_fts, rowid, search) VALUES ('delete', old.id, old.search);
    INSERT INTO organizations_fts (rowid, search) VALUES (new.id, new.search);
END;
INSERT INTO organizations_fts (organizations_fts) VALUES ('rebuild');

CREATE VIRTUAL TABLE people_fts USING fts5(search, content='people', content_rowid='id', tokenize='unicode61 remove_diacritics 2');
CREATE TRIGGER people_fts_insert AFTER INSERT ON people BEGIN
    INSERT INTO people_fts (rowid, search) VALUES (new.id, new.search);
END;
CREATE TRIGGER people_fts_delete AFTER DELETE ON people BEGIN
    INSERT INTO people_fts (people_fts, rowid, search) VALUES ('delete', old.id, old.search);
END;
CREATE TRIGGER people_fts_update AFTER UPDATE OF search ON people BEGIN
    INSERT INTO people_fts (people_fts, rowid, search) VALUES ('delete', old.id, old.search);
    INSERT INTO people_fts (rowid, search) VALUES (new.id, new.search);
END;
INSERT INTO people_fts (people_fts) VALUES ('rebuild');
