-- A Delphi panelist's comment on an item in a round (domain/study.h StudyComment); one per
-- panelist, item and round, replaced when rewritten and removed when emptied.

CREATE TABLE study_comments (
  participant_id INTEGER NOT NULL REFERENCES study_participants(id),
  statement_id INTEGER NOT NULL REFERENCES study_statements(id),
  round INTEGER NOT NULL,
  text TEXT NOT NULL,
  created_ms INTEGER NOT NULL,
  PRIMARY KEY (participant_id, statement_id, round)
);
