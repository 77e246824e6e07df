-- Accounts that can be trusted: who granted each membership and when (a site's admins see the
-- grants at their site), deactivated accounts, bearer tokens that expire and show their last
-- use, and an audit trail that names the client and every person of a bulk read.

ALTER TABLE memberships ADD COLUMN granted_by INTEGER REFERENCES users(id);  -- NULL: the operator
ALTER TABLE memberships ADD COLUMN granted_ms INTEGER NOT NULL DEFAULT 0;    -- 0: not known

ALTER TABLE users ADD COLUMN deactivated_ms INTEGER;  -- NULL while active

-- Tokens issued before expiry existed live their default 90 days from their creation.
ALTER TABLE api_tokens ADD COLUMN expires_ms INTEGER NOT NULL DEFAULT 0;
UPDATE api_tokens SET expires_ms = created_ms + 7776000000;  -- 90 days in ms
ALTER TABLE api_tokens ADD COLUMN last_used_ms INTEGER;
CREATE INDEX api_tokens_by_user ON api_tokens (user_id);

ALTER TABLE audit_log ADD COLUMN person_ids TEXT NOT NULL DEFAULT '';
ALTER TABLE audit_log ADD COLUMN client_address TEXT NOT NULL DEFAULT '';
