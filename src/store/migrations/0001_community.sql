-- Sites, populations, teams, accounts, credentials and the audit trail.
-- Every table that holds a site's data carries site_id, the future distribution column.

CREATE TABLE sites (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  country TEXT NOT NULL,
  created_ms INTEGER NOT NULL
);

CREATE TABLE populations (
  id INTEGER PRIMARY KEY,
  site_id INTEGER NOT NULL REFERENCES sites(id),
  name TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  UNIQUE (site_id, name)
);

CREATE TABLE teams (
  id INTEGER PRIMARY KEY,
  site_id INTEGER NOT NULL REFERENCES sites(id),
  population_id INTEGER NOT NULL REFERENCES populations(id),
  name TEXT NOT NULL,
  UNIQUE (site_id, name)
);

CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  created_ms INTEGER NOT NULL
);

CREATE TABLE memberships (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id),
  role TEXT NOT NULL,
  site_id INTEGER REFERENCES sites(id),
  team_id INTEGER REFERENCES teams(id)
);
CREATE UNIQUE INDEX memberships_unique
  ON memberships (user_id, role, COALESCE(site_id, 0), COALESCE(team_id, 0));
CREATE INDEX memberships_by_site ON memberships (site_id);
CREATE INDEX memberships_by_team ON memberships (team_id);

CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id),
  expires_ms INTEGER NOT NULL
);
CREATE INDEX sessions_by_user ON sessions (user_id);

CREATE TABLE api_tokens (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id),
  name TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  created_ms INTEGER NOT NULL,
  revoked_ms INTEGER
);

CREATE TABLE audit_log (
  seq INTEGER PRIMARY KEY,
  time_ms INTEGER NOT NULL,
  user_id INTEGER,
  role TEXT NOT NULL,
  action TEXT NOT NULL,
  resource_type TEXT NOT NULL,
  resource_id TEXT NOT NULL,
  person_id INTEGER,
  site_id INTEGER,
  outcome TEXT NOT NULL,
  request_id TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX audit_log_by_site ON audit_log (site_id, seq);
