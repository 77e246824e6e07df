-- Workbooks: a team's filled guide. Answers are never overwritten: every save is a new revision.

CREATE TABLE workbooks (
  id INTEGER PRIMARY KEY,
  site_id INTEGER NOT NULL REFERENCES sites(id),
  team_id INTEGER NOT NULL REFERENCES teams(id),
  guide_id TEXT NOT NULL,
  guide_version TEXT NOT NULL,
  created_by INTEGER NOT NULL REFERENCES users(id),
  created_ms INTEGER NOT NULL,
  position TEXT NOT NULL DEFAULT '',
  shared INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX workbooks_by_team ON workbooks (team_id, id);

CREATE TABLE answer_revisions (
  id INTEGER PRIMARY KEY,
  workbook_id INTEGER NOT NULL REFERENCES workbooks(id),
  site_id INTEGER NOT NULL REFERENCES sites(id),
  link_id TEXT NOT NULL,
  number INTEGER NOT NULL,
  text TEXT NOT NULL,
  author_id INTEGER NOT NULL REFERENCES users(id),
  created_ms INTEGER NOT NULL,
  restored_from INTEGER,
  UNIQUE (workbook_id, link_id, number)
);

CREATE TABLE step_statuses (
  workbook_id INTEGER NOT NULL REFERENCES workbooks(id),
  link_id TEXT NOT NULL,
  status TEXT NOT NULL,
  updated_by INTEGER NOT NULL REFERENCES users(id),
  updated_ms INTEGER NOT NULL,
  PRIMARY KEY (workbook_id, link_id)
);

CREATE TABLE answer_comments (
  id INTEGER PRIMARY KEY,
  workbook_id INTEGER NOT NULL REFERENCES workbooks(id),
  site_id INTEGER NOT NULL REFERENCES sites(id),
  link_id TEXT NOT NULL,
  author_id INTEGER NOT NULL REFERENCES users(id),
  created_ms INTEGER NOT NULL,
  text TEXT NOT NULL
);
CREATE INDEX answer_comments_by_answer ON answer_comments (workbook_id, link_id, id);
