-- Console (issue 9): tokens get a public id (to list and revoke them without their secret) and the
-- time they were last used; every admin write leaves an audit row.
--
-- A token's id is 12 hex digits. ADD COLUMN cannot take an expression default, so a trigger gives
-- one to a token inserted without it (as the scripts and older code do).
ALTER TABLE site_tokens ADD COLUMN id TEXT;
ALTER TABLE site_tokens ADD COLUMN last_used_at INTEGER;

UPDATE site_tokens SET id = lower(hex(randomblob(6))) WHERE id IS NULL;

CREATE UNIQUE INDEX site_tokens_by_id ON site_tokens (id);

CREATE TRIGGER site_tokens_give_id AFTER INSERT ON site_tokens WHEN NEW.id IS NULL
BEGIN
  UPDATE site_tokens SET id = lower(hex(randomblob(6))) WHERE token_hash = NEW.token_hash;
END;

-- The audit log: who (the token's label and id; the operator has no id) changed what, and when
-- (unix seconds). Written in the same batch as the change it records. `summary` names the fields
-- changed, never their values, so no token or secret is ever stored here. Rows older than a year
-- and a day are deleted by the Cron Trigger.
CREATE TABLE audit_log (
  id       INTEGER PRIMARY KEY,
  site_id  INTEGER NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
  at       INTEGER NOT NULL,
  actor    TEXT    NOT NULL,
  token_id TEXT,
  method   TEXT    NOT NULL,
  resource TEXT    NOT NULL,
  key      TEXT    NOT NULL DEFAULT '',
  summary  TEXT    NOT NULL DEFAULT ''
);

-- newest first, per site; and per site and resource (the console's filter)
CREATE INDEX audit_log_by_site ON audit_log (site_id, id);
CREATE INDEX audit_log_by_resource ON audit_log (site_id, resource, id);
CREATE INDEX audit_log_by_time ON audit_log (at);
