-- A team shares a process map with the community as it shares a workbook: facilitators may then
-- read it with its costs (app/process_maps/).

ALTER TABLE process_maps ADD COLUMN shared INTEGER NOT NULL DEFAULT 0;

-- A persona's picture: the PNG the server wrote again from the upload (formats/picture.h), kept
-- as base64 text so both engines, backups and `covalue migrate` carry it as any other text.
CREATE TABLE persona_pictures (
  persona_id INTEGER PRIMARY KEY REFERENCES personas(id),
  png_base64 TEXT NOT NULL,
  width INTEGER NOT NULL,
  height INTEGER NOT NULL,
  author_id INTEGER NOT NULL REFERENCES users(id),
  created_ms INTEGER NOT NULL
);
