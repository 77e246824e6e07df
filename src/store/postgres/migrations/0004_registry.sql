-- PostgreSQL's pieces of migration 0004 (store/migrations/0004_registry.sql): responses and
-- observations are never changed.

CREATE TRIGGER responses_append_only BEFORE UPDATE ON responses
FOR EACH ROW EXECUTE FUNCTION covalue_refuse('responses are never changed');
CREATE TRIGGER observations_append_only BEFORE UPDATE ON observations
FOR EACH ROW EXECUTE FUNCTION covalue_refuse('observations are never changed');
