-- Clinical alerts: raised by a response's answers (domain/alert.h), stored in the response's
-- own write, open until one of the site's professionals acknowledges them with a note. An
-- alert is never deleted; acknowledging it is the one change it takes.

CREATE TABLE alerts (
  id INTEGER PRIMARY KEY,
  site_id INTEGER NOT NULL REFERENCES sites(id),
  patient_id INTEGER NOT NULL REFERENCES patients(id),
  response_id INTEGER NOT NULL REFERENCES responses(id),
  questionnaire_id TEXT NOT NULL,
  rule TEXT NOT NULL,
  severity TEXT NOT NULL,
  message TEXT NOT NULL,
  created_ms INTEGER NOT NULL,
  acknowledged_ms INTEGER,
  acknowledged_by INTEGER REFERENCES users(id),
  note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX alerts_open_by_site ON alerts (site_id, acknowledged_ms, id);
CREATE INDEX alerts_by_patient ON alerts (patient_id, id);

-- A site's own settings: after how many working days an open alert is overdue, and what a
-- person in crisis is told, by language (no row: covalue's default words).
CREATE TABLE site_settings (
  site_id INTEGER PRIMARY KEY REFERENCES sites(id),
  alert_working_days INTEGER NOT NULL DEFAULT 2,
  updated_ms INTEGER NOT NULL,
  updated_by INTEGER REFERENCES users(id)
);
CREATE TABLE site_crisis_contacts (
  site_id INTEGER NOT NULL REFERENCES sites(id),
  language TEXT NOT NULL,
  text TEXT NOT NULL,
  PRIMARY KEY (site_id, language)
);
