-- The registry: people enrolled in a site's population, their questionnaire responses and the
-- observations measured or derived about them. Responses and observations are never changed;
-- a new response is a new row.

CREATE TABLE patients (
  id INTEGER PRIMARY KEY,
  site_id INTEGER NOT NULL REFERENCES sites(id),
  population_id INTEGER NOT NULL REFERENCES populations(id),
  identifier TEXT NOT NULL,
  birth_date TEXT NOT NULL,
  sex TEXT NOT NULL,
  diagnosis_date TEXT NOT NULL DEFAULT '',
  consent TEXT NOT NULL,
  user_id INTEGER UNIQUE REFERENCES users(id),
  created_ms INTEGER NOT NULL,
  UNIQUE (site_id, identifier)
);
CREATE INDEX patients_by_population ON patients (population_id, id);

CREATE TABLE patient_fields (
  patient_id INTEGER NOT NULL REFERENCES patients(id),
  name TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (patient_id, name)
);

CREATE TABLE responses (
  id INTEGER PRIMARY KEY,
  site_id INTEGER NOT NULL REFERENCES sites(id),
  patient_id INTEGER NOT NULL REFERENCES patients(id),
  questionnaire_id TEXT NOT NULL,
  questionnaire_version INTEGER NOT NULL,
  status TEXT NOT NULL,
  authored_ms INTEGER NOT NULL,
  author_id INTEGER REFERENCES users(id),
  resource TEXT NOT NULL,
  created_ms INTEGER NOT NULL
);
CREATE INDEX responses_by_patient ON responses (patient_id, authored_ms);

CREATE TABLE observations (
  id INTEGER PRIMARY KEY,
  site_id INTEGER NOT NULL REFERENCES sites(id),
  population_id INTEGER NOT NULL REFERENCES populations(id),
  patient_id INTEGER NOT NULL REFERENCES patients(id),
  system TEXT NOT NULL,
  code TEXT NOT NULL,
  display TEXT NOT NULL,
  effective_ms INTEGER NOT NULL,
  value REAL NOT NULL,
  unit TEXT NOT NULL,
  interpretation TEXT NOT NULL DEFAULT '',
  response_id INTEGER REFERENCES responses(id)
);
CREATE INDEX observations_by_patient ON observations (patient_id, code, effective_ms);
CREATE INDEX observations_by_population ON observations (population_id, code, id);
