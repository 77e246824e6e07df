-- Measures (domain/measure.h) and the measure store: per (site, population, measure, period
-- kind, period) the aggregates of the measure's observations, written in the transaction that
-- writes the observations. generation counts the transactions that changed the aggregates, so a
-- process holding a copy in memory knows when another one wrote. The measures and aggregates
-- tables are each driver's own (store/sqlite/migrations/0006_measures.sql).

CREATE TABLE measure_store_state (
  only INTEGER PRIMARY KEY CHECK (only = 1),
  generation INTEGER NOT NULL
);
INSERT INTO measure_store_state (only, generation) VALUES (1, 0);
