-- PostgreSQL's piece of migration 0005 (store/migrations/0005_patient_notes.sql): patient
-- notes are never changed.

CREATE TRIGGER patient_notes_append_only BEFORE UPDATE ON patient_notes
FOR EACH ROW EXECUTE FUNCTION covalue_refuse('patient notes are never changed');
