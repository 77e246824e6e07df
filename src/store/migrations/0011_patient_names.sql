-- A patient's names (FHIR Patient.name), kept at the site when it keeps them, and the key a
-- search of the site's patients matches: identifier and names lower-cased (domain SearchKey).

ALTER TABLE patients ADD COLUMN family TEXT NOT NULL DEFAULT '';
ALTER TABLE patients ADD COLUMN given TEXT NOT NULL DEFAULT '';
ALTER TABLE patients ADD COLUMN search_key TEXT NOT NULL DEFAULT '';
UPDATE patients SET search_key = lower(identifier);
