-- A team shares a process map with the community as it shares a workbook: facilitators may then
-- read it with its costs (app/process_maps/).

ALTER TABLE process_maps ADD COLUMN shared INTEGER NOT NULL DEFAULT 0;
