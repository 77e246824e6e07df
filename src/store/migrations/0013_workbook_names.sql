-- A workbook's own name ("Spring 2026 cycle") and its archiving: an archived workbook keeps
-- every answer and revision and is listed apart from the team's current ones.

ALTER TABLE workbooks ADD COLUMN name TEXT NOT NULL DEFAULT '';
ALTER TABLE workbooks ADD COLUMN archived_ms INTEGER;
