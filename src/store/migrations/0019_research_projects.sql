-- Research projects (domain/research_project.h): a researcher's request for de-identified
-- registry data, with the key of its pseudonyms and date shifts (never shown, never exported),
-- and each site admin's approval of access to their site (a revoked one stays, marked).

CREATE TABLE research_projects (
  id INTEGER PRIMARY KEY,
  title TEXT NOT NULL,
  purpose TEXT NOT NULL,
  owner_id INTEGER NOT NULL REFERENCES users(id),
  shift_days INTEGER NOT NULL,
  pseudonym_key TEXT NOT NULL,
  created_ms INTEGER NOT NULL
);
CREATE INDEX research_projects_by_owner ON research_projects (owner_id, id);

CREATE TABLE research_approvals (
  project_id INTEGER NOT NULL REFERENCES research_projects(id),
  site_id INTEGER NOT NULL REFERENCES sites(id),
  approved_by INTEGER NOT NULL REFERENCES users(id),
  approved_ms INTEGER NOT NULL,
  revoked_ms INTEGER,
  PRIMARY KEY (project_id, site_id)
);
