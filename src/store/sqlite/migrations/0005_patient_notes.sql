-- SQLite's pieces of migration 0005 (store/migrations/0005_patient_notes.sql): its triggers, as
-- SQLite writes them (patient notes are never changed).

CREATE TRIGGER patient_notes_append_only BEFORE UPDATE ON patient_notes
BEGIN SELECT RAISE(ABORT, 'patient notes are never changed'); END;
