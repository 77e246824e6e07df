-- A population's and a measure's name in other languages: one "tag<TAB>name" line per
-- language (domain/translations.h), '' for none.

ALTER TABLE populations ADD COLUMN names TEXT NOT NULL DEFAULT '';
ALTER TABLE measures ADD COLUMN names TEXT NOT NULL DEFAULT '';
