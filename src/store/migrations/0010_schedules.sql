-- Questionnaire schedules of a site's populations, the visits planned for its patients, and the
-- secret addresses of calendar feeds (domain/schedule.h).

CREATE TABLE questionnaire_schedules (
  id INTEGER PRIMARY KEY,
  site_id INTEGER NOT NULL REFERENCES sites(id),
  population_id INTEGER NOT NULL REFERENCES populations(id),
  questionnaire_id TEXT NOT NULL,
  kind TEXT NOT NULL,           -- at_enrolment, every, before_visits
  every INTEGER NOT NULL,
  unit TEXT NOT NULL,           -- days, weeks, months
  window_days INTEGER NOT NULL,
  until TEXT NOT NULL,          -- YYYY-MM-DD or ''
  active INTEGER NOT NULL,
  created_by INTEGER REFERENCES users(id),
  created_ms INTEGER NOT NULL
);
CREATE INDEX questionnaire_schedules_site ON questionnaire_schedules (site_id, population_id);

CREATE TABLE planned_visits (
  id INTEGER PRIMARY KEY,
  site_id INTEGER NOT NULL REFERENCES sites(id),
  patient_id INTEGER NOT NULL REFERENCES patients(id),
  at_ms INTEGER NOT NULL,
  note TEXT NOT NULL,
  created_by INTEGER REFERENCES users(id),
  created_ms INTEGER NOT NULL
);
CREATE INDEX planned_visits_patient ON planned_visits (patient_id, at_ms);
CREATE INDEX planned_visits_site ON planned_visits (site_id, at_ms);

-- One feed per user; only the hash of its secret token is kept.
CREATE TABLE calendar_feeds (
  user_id INTEGER PRIMARY KEY REFERENCES users(id),
  token_hash TEXT NOT NULL UNIQUE,
  created_ms INTEGER NOT NULL
);

CREATE INDEX responses_site_completed ON responses (site_id, status, patient_id);
