-- A team's name in other languages: one "tag<TAB>name" line per language
-- (domain/translations.h), '' for none, as populations' and measures' names (0015).

ALTER TABLE teams ADD COLUMN names TEXT NOT NULL DEFAULT '';
