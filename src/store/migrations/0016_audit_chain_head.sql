-- The head of the audit trail's hash chain in a row of its own: every append reads it locked
-- (FOR UPDATE) and moves it in the same transaction, so appends from several servers on one
-- database take turns at this one row and each names the one before it.

CREATE TABLE audit_chain_head (
  only INTEGER PRIMARY KEY CHECK (only = 1),
  seq INTEGER NOT NULL,
  hash TEXT NOT NULL
);
INSERT INTO audit_chain_head (only, seq, hash)
SELECT 1, COALESCE(MAX(seq), 0),
       COALESCE((SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1),
                '0000000000000000000000000000000000000000000000000000000000000000')
FROM audit_log;
