-- SQLite's pieces of migration 0004 (store/migrations/0004_registry.sql): its triggers, as
-- SQLite writes them (responses and observations are never changed).

CREATE TRIGGER responses_append_only BEFORE UPDATE ON responses
BEGIN SELECT RAISE(ABORT, 'responses are never changed'); END;
CREATE TRIGGER observations_append_only BEFORE UPDATE ON observations
BEGIN SELECT RAISE(ABORT, 'observations are never changed'); END;
