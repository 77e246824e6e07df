-- PostgreSQL's pieces of migration 0008 (store/migrations/0008_alerts.sql): alerts are never
-- deleted, and an acknowledged one never changed.

CREATE TRIGGER alerts_no_delete BEFORE DELETE ON alerts
FOR EACH ROW EXECUTE FUNCTION covalue_refuse('alerts are never deleted');
CREATE TRIGGER alerts_acknowledged_once BEFORE UPDATE ON alerts
FOR EACH ROW WHEN (OLD.acknowledged_ms IS NOT NULL)
EXECUTE FUNCTION covalue_refuse('an acknowledged alert is never changed');
