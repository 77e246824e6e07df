-- Questionnaires: patient-reported outcome measures, one row per version. Importing a name
-- again adds the next version of the same resource; nothing is overwritten.

CREATE TABLE questionnaires (
  id INTEGER PRIMARY KEY,
  resource_id TEXT NOT NULL,
  version INTEGER NOT NULL,
  site_id INTEGER REFERENCES sites(id),  -- NULL: the whole community's
  name TEXT NOT NULL,
  title TEXT NOT NULL,
  source TEXT NOT NULL,
  resource TEXT NOT NULL,                -- the FHIR R4 Questionnaire JSON
  created_by INTEGER REFERENCES users(id),  -- NULL: the command line's operator
  created_ms INTEGER NOT NULL,
  UNIQUE (resource_id, version)
);
CREATE INDEX questionnaires_latest ON questionnaires (resource_id, version DESC);
