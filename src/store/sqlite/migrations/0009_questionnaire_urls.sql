-- SQLite's piece of migration 0009 (store/migrations/0009_questionnaire_urls.sql): the url and
-- version of the questionnaires stored before it, read from their resources as SQLite reads JSON.

UPDATE questionnaires
SET url = coalesce(json_extract(resource, '$.url'), ''),
    url_version = coalesce(json_extract(resource, '$.version'), '')
WHERE json_valid(resource);
