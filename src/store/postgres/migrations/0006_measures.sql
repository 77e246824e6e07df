-- PostgreSQL's pieces of migration 0006 (store/migrations/0006_measures.sql): the measures and
-- their aggregates, keyed as SQLite keys its tables without a rowid.

CREATE TABLE measures (
  id TEXT COLLATE "C" PRIMARY KEY,
  name TEXT COLLATE "C" NOT NULL,
  kind TEXT COLLATE "C" NOT NULL CHECK (kind IN ('proportion', 'rate', 'count', 'continuous',
                                                 'days-between', 'cases-between')),
  system TEXT COLLATE "C" NOT NULL,
  code TEXT COLLATE "C" NOT NULL,
  threshold DOUBLE PRECISION,
  at_least BIGINT NOT NULL CHECK (at_least IN (0, 1)),
  direction TEXT COLLATE "C" NOT NULL CHECK (direction IN ('higher', 'lower')),
  target DOUBLE PRECISION,
  quadrant TEXT COLLATE "C" NOT NULL
    CHECK (quadrant IN ('clinical', 'functional', 'experience', 'cost')),
  domain TEXT COLLATE "C",
  unit TEXT COLLATE "C" NOT NULL
);
CREATE INDEX measures_by_code ON measures (system, code);

CREATE TABLE measure_aggregates (
  site_id BIGINT NOT NULL REFERENCES sites(id),
  population_id BIGINT NOT NULL REFERENCES populations(id),
  measure_id TEXT COLLATE "C" NOT NULL REFERENCES measures(id),
  period_kind TEXT COLLATE "C" NOT NULL CHECK (period_kind IN ('week', 'month', 'quarter')),
  period BIGINT NOT NULL,
  count BIGINT NOT NULL,
  sum DOUBLE PRECISION NOT NULL,
  sum_squares DOUBLE PRECISION NOT NULL,
  numerator DOUBLE PRECISION NOT NULL,
  denominator DOUBLE PRECISION NOT NULL,
  PRIMARY KEY (site_id, population_id, measure_id, period_kind, period)
);
