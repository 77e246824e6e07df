-- A questionnaire's canonical: its url and business version, kept beside the resource so that a
-- QuestionnaireResponse naming "url" or "url|version" finds the questionnaire by an index.

ALTER TABLE questionnaires ADD COLUMN url TEXT NOT NULL DEFAULT '';
ALTER TABLE questionnaires ADD COLUMN url_version TEXT NOT NULL DEFAULT '';
CREATE INDEX questionnaires_url ON questionnaires (url, version);
