-- PostgreSQL's pieces of migration 0001 (store/migrations/0001_community.sql): the audit trail
-- is append-only, as PostgreSQL writes triggers.

CREATE FUNCTION covalue_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '%', TG_ARGV[0];
END;
$$;

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
FOR EACH ROW EXECUTE FUNCTION covalue_refuse('the audit trail is append-only');
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
FOR EACH ROW EXECUTE FUNCTION covalue_refuse('the audit trail is append-only');
