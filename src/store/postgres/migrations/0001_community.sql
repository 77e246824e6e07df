-- PostgreSQL's pieces of migration 0001 (store/migrations/0001_community.sql): the audit trail
-- is partitioned by month and append-only, as PostgreSQL writes triggers.

CREATE FUNCTION covalue_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '%', TG_ARGV[0];
END;
$$;

-- The partition of parent (a table partitioned by range of a Unix-ms column, by calendar month
-- in UTC) that holds at_ms, made when absent: parent_yYYYYmMM. The driver calls it before a
-- month's first row (Connection::EnsureMonth); writers take turns (the write lock). Made as a
-- table of its own, then attached: ATTACH PARTITION locks the parent SHARE UPDATE EXCLUSIVE,
-- which neither reads nor writes wait for (CREATE TABLE … PARTITION OF would lock it ACCESS
-- EXCLUSIVE, behind any long read such as the measures' rescan, and every read behind it). A wait
-- longer than 5 s fails (lock_not_available: the store's "busy", a 503) rather than stall.
CREATE FUNCTION covalue_month_partition(parent TEXT, at_ms BIGINT) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  month_start TIMESTAMP;
  name TEXT;
  existing REGCLASS;
  lock_timeout_was TEXT := current_setting('lock_timeout');
BEGIN
  IF at_ms < -62135596800000 OR at_ms > 253402300799999 THEN
    RAISE EXCEPTION 'a time outside the years 1 to 9999: % ms', at_ms
      USING ERRCODE = 'invalid_parameter_value';
  END IF;
  month_start := date_trunc('month', to_timestamp(at_ms / 1000.0) AT TIME ZONE 'UTC');
  name := format('%s_y%sm%s', parent, to_char(month_start, 'YYYY'), to_char(month_start, 'MM'));
  existing := to_regclass(quote_ident(name));
  IF existing IS NOT NULL THEN
    IF EXISTS (SELECT 1 FROM pg_inherits
               WHERE inhrelid = existing AND inhparent = to_regclass(quote_ident(parent))) THEN
      RETURN;
    END IF;
    -- A month an operator detached (archived) and kept under its name: never attached again
    -- behind their back.
    RAISE EXCEPTION 'the table % exists but is not a partition of %: attach or rename it',
      name, parent;
  END IF;
  PERFORM set_config('lock_timeout', '5s', true);
  EXECUTE format('CREATE TABLE %I (LIKE %I INCLUDING DEFAULTS)', name, parent);
  EXECUTE format('ALTER TABLE %I ATTACH PARTITION %I FOR VALUES FROM (%s) TO (%s)',
                 parent, name,
                 (extract(epoch FROM month_start) * 1000)::BIGINT,
                 (extract(epoch FROM month_start + INTERVAL '1 month') * 1000)::BIGINT);
  PERFORM set_config('lock_timeout', lock_timeout_was, true);
END;
$$;

-- The shared SQL made audit_log a plain table; here it is partitioned by month of time_ms, its
-- columns as there (0007 adds two more to the partitioned table). A key of a partitioned table
-- holds the partition column: (seq, time_ms); seq stays unique because every append takes its
-- number from the chain head's locked row (0016). One chain for the whole community, so a Citus
-- deployment keeps it on the coordinator rather than sharding it by site (README).
DROP TABLE audit_log;
CREATE TABLE audit_log (
  seq BIGINT NOT NULL,
  time_ms BIGINT NOT NULL,
  user_id BIGINT,
  role TEXT COLLATE "C" NOT NULL,
  action TEXT COLLATE "C" NOT NULL,
  resource_type TEXT COLLATE "C" NOT NULL,
  resource_id TEXT COLLATE "C" NOT NULL,
  person_id BIGINT,
  site_id BIGINT,
  outcome TEXT COLLATE "C" NOT NULL,
  request_id TEXT COLLATE "C" NOT NULL,
  prev_hash TEXT COLLATE "C" NOT NULL,
  hash TEXT COLLATE "C" NOT NULL,
  PRIMARY KEY (seq, time_ms)
) PARTITION BY RANGE (time_ms);
CREATE INDEX audit_log_by_site ON audit_log (site_id, seq);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
FOR EACH ROW EXECUTE FUNCTION covalue_refuse('the audit trail is append-only');
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
FOR EACH ROW EXECUTE FUNCTION covalue_refuse('the audit trail is append-only');
