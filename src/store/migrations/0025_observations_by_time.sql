-- A population's observations of a code by time, with whose they are, their value and id: a
-- stratification's window of utilisation events and its recent latest values (app/strata) are
-- then one range of this index per code, read from the index alone (id included for
-- PostgreSQL, where an index does not carry the row's key), instead of a probe per person and
-- code. (An observation's population is its patient's, which never changes.)
CREATE INDEX observations_by_time ON observations (population_id, code, effective_ms, patient_id, value, id);
