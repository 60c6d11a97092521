-- A number that changes with every write to what the funding dashboards
-- show: flows, appeals, the names they are labelled with and the tree of
-- organizations a partner's scope follows. Readers compare it to keep
-- figures they counted before (a partner's figures are added up from its
-- own flows: a second for the largest donor) until it moves. Bulk loads,
-- which pause the row triggers, move it themselves.
CREATE TABLE funding_version (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    version INTEGER NOT NULL
);
INSERT INTO funding_version (id, version) VALUES (1, 1);

CREATE TRIGGER flows_version_insert AFTER INSERT ON flows WHEN NOT EXISTS (SELECT 1 FROM funding_totals_paused)
BEGIN UPDATE funding_version SET version = version + 1; END;
CREATE TRIGGER flows_version_update AFTER UPDATE ON flows BEGIN UPDATE funding_version SET version = version + 1; END;
CREATE TRIGGER flows_version_delete AFTER DELETE ON flows BEGIN UPDATE funding_version SET version = version + 1; END;
CREATE TRIGGER appeals_version_insert AFTER INSERT ON appeals WHEN NOT EXISTS (SELECT 1 FROM funding_totals_paused)
BEGIN UPDATE funding_version SET version = version + 1; END;
CREATE TRIGGER appeals_version_update AFTER UPDATE ON appeals BEGIN UPDATE funding_version SET version = version + 1; END;
CREATE TRIGGER appeals_version_delete AFTER DELETE ON appeals BEGIN UPDATE funding_version SET version = version + 1; END;
CREATE TRIGGER organizations_version_names AFTER UPDATE ON organizations
WHEN OLD.name_en IS NOT NEW.name_en OR OLD.name_fr IS NOT NEW.name_fr OR OLD.name_ar IS NOT NEW.name_ar
    OR OLD.acronym IS NOT NEW.acronym OR OLD.parent_id IS NOT NEW.parent_id
BEGIN UPDATE funding_version SET version = version + 1; END;
CREATE TRIGGER plans_version_titles AFTER UPDATE ON plans WHEN OLD.title IS NOT NEW.title
BEGIN UPDATE funding_version SET version = version + 1; END;
