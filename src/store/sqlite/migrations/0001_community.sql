-- SQLite's pieces of migration 0001 (store/migrations/0001_community.sql): its triggers, as
-- SQLite writes them (the audit trail is append-only).

-- The trail is append-only; the hash chain detects changes made around these triggers.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
