-- RSS 2.0 / Atom feeds of existing portals, imported into a site's articles by the Cron Trigger
-- (and an admin's "sync now"). The validators make each fetch a conditional GET; a failed fetch
-- records its error here and changes no article.
CREATE TABLE feeds (
  id            INTEGER PRIMARY KEY,
  site_id       INTEGER NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
  url           TEXT    NOT NULL,
  category_id   INTEGER REFERENCES categories (id) ON DELETE SET NULL,
  status        TEXT    NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'ok', 'not-modified', 'error')),
  error         TEXT,
  etag          TEXT,
  last_modified TEXT,
  fetched_at    INTEGER NOT NULL DEFAULT 0, -- 0: never
  imported_at   INTEGER,
  created_at    INTEGER NOT NULL DEFAULT (unixepoch()),
  UNIQUE (site_id, url)
);

-- The Cron Trigger takes the feeds fetched longest ago first.
CREATE INDEX feeds_by_fetched_at ON feeds (fetched_at);
