-- News items: public releases in Markdown, one text per language, linked
-- to the engagements, agreements and activities they report. An item is
-- public when it is not a draft and its publish_at has passed; readers
-- compare with the clock, so scheduled items need no job to appear.
CREATE TABLE news (
    id         INTEGER PRIMARY KEY,
    version    INTEGER NOT NULL DEFAULT 1,
    slug       TEXT NOT NULL UNIQUE,
    status     TEXT NOT NULL DEFAULT 'draft',
    publish_at DATETIME,
    tags       TEXT NOT NULL DEFAULT '', -- one per line, in the editor's order
    image_id   INTEGER REFERENCES attachments (id),
    search     TEXT NOT NULL DEFAULT '',
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL
);
CREATE INDEX news_publish_at ON news (publish_at);

CREATE TABLE news_texts (
    news_id   INTEGER NOT NULL REFERENCES news (id) ON DELETE CASCADE,
    lang      TEXT NOT NULL,
    title     TEXT NOT NULL,
    summary   TEXT NOT NULL DEFAULT '',
    body      TEXT NOT NULL DEFAULT '',
    image_alt TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (news_id, lang)
);

CREATE TABLE news_tags (
    news_id INTEGER NOT NULL REFERENCES news (id) ON DELETE CASCADE,
    tag     TEXT NOT NULL,
    PRIMARY KEY (news_id, tag)
);
CREATE INDEX news_tags_tag ON news_tags (tag);

CREATE TABLE news_links (
    news_id   INTEGER NOT NULL REFERENCES news (id) ON DELETE CASCADE,
    entity    TEXT NOT NULL,
    entity_id INTEGER NOT NULL,
    PRIMARY KEY (news_id, entity, entity_id)
);
CREATE INDEX news_links_entity ON news_links (entity, entity_id);

CREATE VIRTUAL TABLE news_fts USING fts5(search, content='news', content_rowid='id', tokenize='unicode61 remove_diacritics 2');
CREATE TRIGGER news_fts_insert AFTER INSERT ON news BEGIN
    INSERT INTO news_fts (rowid, search) VALUES (new.id, new.search);
END;
CREATE TRIGGER news_fts_delete AFTER DELETE ON news BEGIN
    INSERT INTO news_fts (news_fts, rowid, search) VALUES ('delete', old.id, old.search);
END;
CREATE TRIGGER news_fts_update AFTER UPDATE OF search ON news BEGIN
    INSERT INTO news_fts (news_fts, rowid, search) VALUES ('delete', old.id, old.search);
    INSERT INTO news_fts (rowid, search) VALUES (new.id, new.search);
END;
