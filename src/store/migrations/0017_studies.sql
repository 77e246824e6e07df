-- Research studies (domain/study.h): a researcher's concept-mapping or Delphi study, its rating
-- variables and participant groups, its participants (accounts, or people invited by a link
-- kept only as its secret's hash), the statements (items) they brainstorm, their sorts and
-- their ratings. Nothing here names a patient: studies hold what participants give them.

CREATE TABLE studies (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,            -- concept_map, delphi
  title TEXT NOT NULL,
  focus_prompt TEXT NOT NULL,
  anonymous INTEGER NOT NULL,
  stage TEXT NOT NULL,           -- draft, brainstorming, sorting, rating, rounds, closed
  round INTEGER NOT NULL,        -- a Delphi's open round, 0 before the first
  owner_id INTEGER NOT NULL REFERENCES users(id),
  created_ms INTEGER NOT NULL
);
CREATE INDEX studies_by_owner ON studies (owner_id, id);

CREATE TABLE study_variables (
  study_id INTEGER NOT NULL REFERENCES studies(id),
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  scale_min INTEGER NOT NULL,
  scale_max INTEGER NOT NULL,
  PRIMARY KEY (study_id, position)
);

CREATE TABLE study_groups (
  study_id INTEGER NOT NULL REFERENCES studies(id),
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  PRIMARY KEY (study_id, position)
);

CREATE TABLE study_participants (
  id INTEGER PRIMARY KEY,
  study_id INTEGER NOT NULL REFERENCES studies(id),
  user_id INTEGER REFERENCES users(id),
  token_hash TEXT UNIQUE,        -- an invitation link's secret, hashed; NULL for an account
  pseudonym TEXT NOT NULL,
  group_name TEXT NOT NULL,
  consented_ms INTEGER,
  revoked_ms INTEGER,
  created_ms INTEGER NOT NULL,
  UNIQUE (study_id, pseudonym)
);
CREATE UNIQUE INDEX study_participants_account ON study_participants (study_id, user_id);

CREATE TABLE study_statements (
  id INTEGER PRIMARY KEY,
  study_id INTEGER NOT NULL REFERENCES studies(id),
  text TEXT NOT NULL,
  proposed_by INTEGER REFERENCES study_participants(id),
  created_ms INTEGER NOT NULL
);
CREATE INDEX study_statements_by_study ON study_statements (study_id, id);

-- A statement merged into another (a duplicate): kept, with who proposed it.
CREATE TABLE study_merges (
  statement_id INTEGER PRIMARY KEY REFERENCES study_statements(id),
  merged_into INTEGER NOT NULL REFERENCES study_statements(id)
);

CREATE TABLE study_sorts (
  participant_id INTEGER NOT NULL REFERENCES study_participants(id),
  statement_id INTEGER NOT NULL REFERENCES study_statements(id),
  pile TEXT NOT NULL,
  PRIMARY KEY (participant_id, statement_id)
);

CREATE TABLE study_ratings (
  participant_id INTEGER NOT NULL REFERENCES study_participants(id),
  statement_id INTEGER NOT NULL REFERENCES study_statements(id),
  variable TEXT NOT NULL,
  round INTEGER NOT NULL,
  value INTEGER NOT NULL,
  PRIMARY KEY (participant_id, statement_id, variable, round)
);

-- The names a researcher gave the clusters of a concept map, per number of clusters k.
CREATE TABLE study_cluster_names (
  study_id INTEGER NOT NULL REFERENCES studies(id),
  k INTEGER NOT NULL,
  cluster INTEGER NOT NULL,
  name TEXT NOT NULL,
  PRIMARY KEY (study_id, k, cluster)
);
