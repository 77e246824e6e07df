-- SQLite's pieces of migration 0006 (store/migrations/0006_measures.sql): the measures and
-- their aggregates as tables without a rowid (clustered on their keys), which only SQLite has.

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
