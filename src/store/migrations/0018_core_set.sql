-- The core set's draft measures (domain/measure.h MeasureDraft): proposed from a Delphi study's
-- items that reached consensus, with their provenance; adopted_ms is set when the community's
-- admin makes one a measure (a row of measures with the same id).

CREATE TABLE measure_drafts (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  names TEXT NOT NULL,
  kind TEXT NOT NULL,
  direction TEXT NOT NULL,
  quadrant TEXT NOT NULL,
  domain TEXT,
  unit TEXT NOT NULL,
  study_id INTEGER NOT NULL REFERENCES studies(id),
  study_title TEXT NOT NULL,
  statement_id INTEGER NOT NULL REFERENCES study_statements(id),
  item TEXT NOT NULL,
  round INTEGER NOT NULL,
  n INTEGER NOT NULL,
  median REAL NOT NULL,
  pct_7_9 REAL NOT NULL,
  pct_1_3 REAL NOT NULL,
  rand_classification TEXT NOT NULL,
  percent_rule TEXT NOT NULL,
  proposed_by INTEGER NOT NULL REFERENCES users(id),
  proposed_ms INTEGER NOT NULL,
  adopted_ms INTEGER
);
CREATE INDEX measure_drafts_by_study ON measure_drafts (study_id, statement_id);
