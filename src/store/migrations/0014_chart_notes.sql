-- A team's notes on points of its measure charts (domain/chart_note.h), read per team and
-- measure in the order they were written.

CREATE TABLE chart_notes (
  id INTEGER PRIMARY KEY,
  site_id INTEGER NOT NULL REFERENCES sites(id),
  team_id INTEGER NOT NULL REFERENCES teams(id),
  measure_id TEXT NOT NULL,
  period TEXT NOT NULL,
  text TEXT NOT NULL,
  author_id INTEGER NOT NULL REFERENCES users(id),
  created_ms INTEGER NOT NULL
);
CREATE INDEX chart_notes_by_team ON chart_notes (team_id, measure_id, id);
