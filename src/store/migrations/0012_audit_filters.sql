-- The audit trail read by who acted and whose data was touched, newest first (the audit page's
-- filters): one index per filter, each ending in seq so a filtered page is read in order.

CREATE INDEX audit_log_by_user ON audit_log (user_id, seq);
CREATE INDEX audit_log_by_person ON audit_log (person_id, seq);
