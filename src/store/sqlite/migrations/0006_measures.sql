-- Measures (domain/measure.h) and the measure store: per (site, population, measure, period
-- kind, period) the aggregates of the measure's observations, written in the transaction that
-- writes the observations. generation counts the transactions that changed the aggregates, so a
-- process holding a copy in memory knows when another one wrote.

CREATE TABLE measures (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('proportion', 'rate', 'count', 'continuous',
                                     'days-between', 'cases-between')),
  system TEXT NOT NULL,
  code TEXT NOT NULL,
  threshold REAL,
  at_least INTEGER NOT NULL CHECK (at_least IN (0, 1)),
  direction TEXT NOT NULL CHECK (direction IN ('higher', 'lower')),
  target REAL,
  quadrant TEXT NOT NULL CHECK (quadrant IN ('clinical', 'functional', 'experience', 'cost')),
  domain TEXT,
  unit TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX measures_by_code ON measures (system, code);

CREATE TABLE measure_aggregates (
  site_id INTEGER NOT NULL REFERENCES sites(id),
  population_id INTEGER NOT NULL REFERENCES populations(id),
  measure_id TEXT NOT NULL REFERENCES measures(id),
  period_kind TEXT NOT NULL CHECK (period_kind IN ('week', 'month', 'quarter')),
  period INTEGER NOT NULL,
  count INTEGER NOT NULL,
  sum REAL NOT NULL,
  sum_squares REAL NOT NULL,
  numerator REAL NOT NULL,
  denominator REAL NOT NULL,
  PRIMARY KEY (site_id, population_id, measure_id, period_kind, period)
) WITHOUT ROWID;

CREATE TABLE measure_store_state (
  only INTEGER PRIMARY KEY CHECK (only = 1),
  generation INTEGER NOT NULL
);
INSERT INTO measure_store_state (only, generation) VALUES (1, 0);
