-- SQLite's pieces of migration 0008 (store/migrations/0008_alerts.sql): its triggers, as
-- SQLite writes them (alerts are never deleted, and an acknowledged one never changed).

CREATE TRIGGER alerts_no_delete BEFORE DELETE ON alerts
BEGIN SELECT RAISE(ABORT, 'alerts are never deleted'); END;
CREATE TRIGGER alerts_acknowledged_once BEFORE UPDATE ON alerts
WHEN OLD.acknowledged_ms IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'an acknowledged alert is never changed'); END;
