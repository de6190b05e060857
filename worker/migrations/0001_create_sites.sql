-- Sites: one per portal that embeds the widgets. `origins` is a JSON array of the origins
-- allowed to embed the site and to write to it (the worker checks writes itself).
CREATE TABLE sites (
  id         INTEGER PRIMARY KEY,
  slug       TEXT    NOT NULL UNIQUE,
  name       TEXT    NOT NULL,
  origins    TEXT    NOT NULL DEFAULT '[]',
  time_zone  TEXT    NOT NULL DEFAULT 'Asia/Ho_Chi_Minh',
  language   TEXT    NOT NULL DEFAULT 'vi' CHECK (language IN ('vi', 'en')),
  created_at INTEGER NOT NULL DEFAULT (unixepoch())
);

-- Admin tokens, stored only as SHA-256 hex digests. A token belongs to exactly one site.
CREATE TABLE site_tokens (
  token_hash TEXT    PRIMARY KEY,
  site_id    INTEGER NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
  label      TEXT    NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL DEFAULT (unixepoch())
) WITHOUT ROWID;

CREATE INDEX site_tokens_by_site ON site_tokens (site_id);
