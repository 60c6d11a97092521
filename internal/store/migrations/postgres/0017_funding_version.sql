-- A number that changes with every write to what the funding dashboards
-- show: flows, appeals, the names they are labelled with and the tree of
-- organizations a partner's scope follows. Readers compare it to keep
-- figures they counted before (a partner's figures are added up from its
-- own flows: a second for the largest donor) until it moves. The triggers run once per statement, so a bulk load moves it once
-- per batch.
CREATE TABLE funding_version (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    version BIGINT NOT NULL
);
INSERT INTO funding_version (id, version) VALUES (1, 1);

CREATE FUNCTION funding_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE funding_version SET version = version + 1;
    RETURN NULL;
END
$$;

CREATE TRIGGER flows_version AFTER INSERT OR UPDATE OR DELETE ON flows FOR EACH STATEMENT EXECUTE FUNCTION funding_version_bump();
CREATE TRIGGER appeals_version AFTER INSERT OR UPDATE OR DELETE ON appeals FOR EACH STATEMENT EXECUTE FUNCTION funding_version_bump();
CREATE TRIGGER organizations_version AFTER UPDATE ON organizations FOR EACH ROW
WHEN (OLD.name_en IS DISTINCT FROM NEW.name_en OR OLD.name_fr IS DISTINCT FROM NEW.name_fr OR OLD.name_ar IS DISTINCT FROM NEW.name_ar
    OR OLD.acronym IS DISTINCT FROM NEW.acronym OR OLD.parent_id IS DISTINCT FROM NEW.parent_id)
EXECUTE FUNCTION funding_version_bump();
CREATE TRIGGER plans_version AFTER UPDATE ON plans FOR EACH ROW WHEN (OLD.title IS DISTINCT FROM NEW.title)
EXECUTE FUNCTION funding_version_bump();
