-- PostgreSQL's pieces of migration 0004 (store/migrations/0004_registry.sql): observations are
-- partitioned by month and never changed, nor are responses.

-- The shared SQL made observations a plain table; here it is partitioned by month of
-- effective_ms (covalue_month_partition, 0001), its columns and indexes as there. site_id leads
-- the key, so the table can be sharded by site (a Citus distribution column: README); the key
-- holds the partition column too, as PostgreSQL requires. ids come from a sequence (PostgreSQL
-- 15 has no identity column on a partitioned table), unique across partitions; lookups by id
-- alone take observations_by_id.
DROP TABLE observations;
CREATE TABLE observations (
  id BIGSERIAL,
  site_id BIGINT NOT NULL REFERENCES sites(id),
  population_id BIGINT NOT NULL REFERENCES populations(id),
  patient_id BIGINT NOT NULL REFERENCES patients(id),
  system TEXT COLLATE "C" NOT NULL,
  code TEXT COLLATE "C" NOT NULL,
  display TEXT COLLATE "C" NOT NULL,
  effective_ms BIGINT NOT NULL,
  value DOUBLE PRECISION NOT NULL,
  unit TEXT COLLATE "C" NOT NULL,
  interpretation TEXT COLLATE "C" NOT NULL DEFAULT '',
  response_id BIGINT REFERENCES responses(id),
  PRIMARY KEY (site_id, id, effective_ms)
) PARTITION BY RANGE (effective_ms);
CREATE INDEX observations_by_patient ON observations (patient_id, code, effective_ms);
CREATE INDEX observations_by_population ON observations (population_id, code, id);
CREATE INDEX observations_by_id ON observations (id);

CREATE TRIGGER responses_append_only BEFORE UPDATE ON responses
FOR EACH ROW EXECUTE FUNCTION covalue_refuse('responses are never changed');
CREATE TRIGGER observations_append_only BEFORE UPDATE ON observations
FOR EACH ROW EXECUTE FUNCTION covalue_refuse('observations are never changed');
