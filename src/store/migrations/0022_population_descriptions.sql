-- A population's description in other languages: one "tag<TAB>text" line per language
-- (domain/translations.h), '' for none.

ALTER TABLE populations ADD COLUMN descriptions TEXT NOT NULL DEFAULT '';
