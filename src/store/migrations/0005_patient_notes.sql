-- Notes on a patient's shared dashboard: the patient's "what matters to me" and questions for
-- the next visit, and the professional's visit notes. Never changed; a newer note is a new row.

CREATE TABLE patient_notes (
  id INTEGER PRIMARY KEY,
  patient_id INTEGER NOT NULL REFERENCES patients(id),
  kind TEXT NOT NULL CHECK (kind IN ('what_matters', 'visit_question', 'visit_note')),
  text TEXT NOT NULL,
  author_id INTEGER REFERENCES users(id),
  created_ms INTEGER NOT NULL
);
CREATE INDEX patient_notes_by_patient ON patient_notes (patient_id, id);
