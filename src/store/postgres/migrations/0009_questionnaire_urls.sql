-- PostgreSQL's piece of migration 0009 (store/migrations/0009_questionnaire_urls.sql): the url
-- and version of the questionnaires stored before it, read from their resources as PostgreSQL
-- reads JSON.

UPDATE questionnaires
SET url = coalesce(resource::jsonb ->> 'url', ''),
    url_version = coalesce(resource::jsonb ->> 'version', '');
