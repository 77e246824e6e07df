-- Value configurations: sites' costing (currency, the value of a person's time) and unit-cost
-- tables (domain/unit_cost.h); populations' stratifications (domain/stratification.h); teams'
-- resources and process maps with their revisions, journeys and what-if scenarios
-- (domain/process_map.h). A map's revision is written whole and never changed; steps and lanes
-- keep the map's own keys across revisions, which journeys and scenarios name.

-- A person's observations of a code by time now carry their value, so a stratification reads
-- latest values and a window's utilisation events from the index alone.
DROP INDEX observations_by_patient;
CREATE INDEX observations_by_patient ON observations (patient_id, code, effective_ms, value);

CREATE TABLE site_costing (
  site_id INTEGER PRIMARY KEY REFERENCES sites(id),
  currency TEXT NOT NULL,
  person_time_value_per_minute REAL NOT NULL
);

CREATE TABLE unit_costs (
  site_id INTEGER NOT NULL REFERENCES sites(id),
  code TEXT NOT NULL,
  valid_from TEXT NOT NULL,
  unit_cost REAL NOT NULL,
  currency TEXT NOT NULL,
  PRIMARY KEY (site_id, code, valid_from)
);

CREATE TABLE stratifications (
  id INTEGER PRIMARY KEY,
  site_id INTEGER NOT NULL REFERENCES sites(id),
  population_id INTEGER NOT NULL REFERENCES populations(id),
  name TEXT NOT NULL,
  created_by INTEGER NOT NULL REFERENCES users(id),
  created_ms INTEGER NOT NULL
);
CREATE INDEX stratifications_by_population ON stratifications (population_id, id);

-- A condition's values joined by a line feed (values hold no control characters).
CREATE TABLE stratum_conditions (
  stratification_id INTEGER NOT NULL REFERENCES stratifications(id),
  stratum INTEGER NOT NULL,
  ord INTEGER NOT NULL,
  stratum_name TEXT NOT NULL,
  observation INTEGER NOT NULL,
  name TEXT NOT NULL,
  op TEXT NOT NULL,
  value_list TEXT NOT NULL,
  PRIMARY KEY (stratification_id, stratum, ord)
);

CREATE TABLE stratification_scores (
  stratification_id INTEGER NOT NULL REFERENCES stratifications(id),
  ord INTEGER NOT NULL,
  code TEXT NOT NULL,
  PRIMARY KEY (stratification_id, ord)
);

CREATE TABLE team_resources (
  id INTEGER PRIMARY KEY,
  team_id INTEGER NOT NULL REFERENCES teams(id),
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  rate_per_minute REAL NOT NULL,
  annual_cost REAL,
  capacity_minutes REAL
);
CREATE INDEX team_resources_by_team ON team_resources (team_id, id);

CREATE TABLE process_maps (
  id INTEGER PRIMARY KEY,
  team_id INTEGER NOT NULL REFERENCES teams(id),
  name TEXT NOT NULL,
  created_ms INTEGER NOT NULL
);
CREATE INDEX process_maps_by_team ON process_maps (team_id, id);

CREATE TABLE process_map_revisions (
  map_id INTEGER NOT NULL REFERENCES process_maps(id),
  number INTEGER NOT NULL,
  author_id INTEGER NOT NULL REFERENCES users(id),
  created_ms INTEGER NOT NULL,
  restored_from INTEGER,
  PRIMARY KEY (map_id, number)
);

CREATE TABLE process_map_lanes (
  map_id INTEGER NOT NULL,
  revision INTEGER NOT NULL,
  ord INTEGER NOT NULL,
  lane_key TEXT NOT NULL,
  title TEXT NOT NULL,
  perspective TEXT NOT NULL,
  PRIMARY KEY (map_id, revision, ord),
  FOREIGN KEY (map_id, revision) REFERENCES process_map_revisions (map_id, number)
);

CREATE TABLE process_map_steps (
  map_id INTEGER NOT NULL,
  revision INTEGER NOT NULL,
  ord INTEGER NOT NULL,
  step_key TEXT NOT NULL,
  lane_key TEXT NOT NULL,
  position INTEGER NOT NULL,
  title TEXT NOT NULL,
  notes TEXT NOT NULL,
  configuration TEXT NOT NULL,
  coproduction TEXT NOT NULL,
  value_generated TEXT NOT NULL,
  value_hindered TEXT NOT NULL,
  person_minutes REAL NOT NULL,
  carer_minutes REAL NOT NULL,
  travel_cost REAL NOT NULL,
  out_of_pocket REAL NOT NULL,
  PRIMARY KEY (map_id, revision, ord),
  FOREIGN KEY (map_id, revision) REFERENCES process_map_revisions (map_id, number)
);

-- No reference to team_resources: an old revision keeps naming a resource later removed.
CREATE TABLE process_map_step_resources (
  map_id INTEGER NOT NULL,
  revision INTEGER NOT NULL,
  step_ord INTEGER NOT NULL,
  ord INTEGER NOT NULL,
  resource_id INTEGER NOT NULL,
  minutes REAL NOT NULL,
  PRIMARY KEY (map_id, revision, step_ord, ord),
  FOREIGN KEY (map_id, revision) REFERENCES process_map_revisions (map_id, number)
);

CREATE TABLE process_map_arrows (
  map_id INTEGER NOT NULL,
  revision INTEGER NOT NULL,
  ord INTEGER NOT NULL,
  from_key TEXT NOT NULL,
  to_key TEXT NOT NULL,
  label TEXT NOT NULL,
  PRIMARY KEY (map_id, revision, ord),
  FOREIGN KEY (map_id, revision) REFERENCES process_map_revisions (map_id, number)
);

-- Personas: each a team's portrait whose texts are the answers of its own workbook (of the
-- persona guide), linked to one stratum of a stratification by the stratum's name.
CREATE TABLE personas (
  id INTEGER PRIMARY KEY,
  team_id INTEGER NOT NULL REFERENCES teams(id),
  workbook_id INTEGER NOT NULL UNIQUE REFERENCES workbooks(id),
  name TEXT NOT NULL,
  professional INTEGER NOT NULL,
  stratification_id INTEGER REFERENCES stratifications(id),
  stratum TEXT NOT NULL,
  created_ms INTEGER NOT NULL
);
CREATE INDEX personas_by_team ON personas (team_id, id);

CREATE TABLE journeys (
  id INTEGER PRIMARY KEY,
  map_id INTEGER NOT NULL REFERENCES process_maps(id),
  name TEXT NOT NULL,
  persona_id INTEGER REFERENCES personas(id)
);
CREATE INDEX journeys_by_map ON journeys (map_id, id);

CREATE TABLE journey_steps (
  journey_id INTEGER NOT NULL REFERENCES journeys(id),
  ord INTEGER NOT NULL,
  step_key TEXT NOT NULL,
  frequency REAL NOT NULL,
  PRIMARY KEY (journey_id, ord)
);

CREATE TABLE scenarios (
  id INTEGER PRIMARY KEY,
  map_id INTEGER NOT NULL REFERENCES process_maps(id),
  name TEXT NOT NULL,
  author_id INTEGER NOT NULL REFERENCES users(id),
  created_ms INTEGER NOT NULL
);
CREATE INDEX scenarios_by_map ON scenarios (map_id, id);

CREATE TABLE scenario_changes (
  scenario_id INTEGER NOT NULL REFERENCES scenarios(id),
  ord INTEGER NOT NULL,
  step_key TEXT NOT NULL,
  configuration TEXT,
  minutes REAL,
  frequency REAL,
  PRIMARY KEY (scenario_id, ord)
);
