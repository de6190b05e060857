-- "Liên kết Website": a site's directory of links to other agencies, in categories.
CREATE TABLE link_categories (
  id      INTEGER PRIMARY KEY,
  site_id INTEGER NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
  slug    TEXT    NOT NULL,
  title   TEXT    NOT NULL,
  weight  INTEGER NOT NULL DEFAULT 0,
  UNIQUE (site_id, slug)
);

-- `url` is always an absolute http(s) URL (the worker validates it): `/go/:link` redirects only
-- to it. A site lists a URL once, so an import recognises a link by its URL and keeps its hits.
-- Health: `failures` counts failed checks in a row; two make a link 'broken', one answer makes it
-- 'ok'. `due_at` is when the Cron Trigger should check it next (a reader's report brings it forward).
CREATE TABLE links (
  id          INTEGER PRIMARY KEY,
  site_id     INTEGER NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
  category_id INTEGER NOT NULL REFERENCES link_categories (id),
  title       TEXT    NOT NULL,
  url         TEXT    NOT NULL CHECK (url LIKE 'http://%' OR url LIKE 'https://%'),
  description TEXT    NOT NULL DEFAULT '',
  logo_url    TEXT             CHECK (logo_url IS NULL OR logo_url LIKE 'http://%' OR logo_url LIKE 'https://%'),
  weight      INTEGER NOT NULL DEFAULT 0,
  hits        INTEGER NOT NULL DEFAULT 0 CHECK (hits >= 0),
  health      TEXT    NOT NULL DEFAULT 'unknown' CHECK (health IN ('ok', 'broken', 'unknown')),
  failures    INTEGER NOT NULL DEFAULT 0,
  checked_at  INTEGER,
  due_at      INTEGER NOT NULL DEFAULT 0,
  UNIQUE (site_id, url)
);

-- The directory read: one site's links in category and weight order.
CREATE INDEX links_by_category ON links (site_id, category_id, weight);
-- The health check: the links whose check is due, oldest first, whatever the site.
CREATE INDEX links_by_due ON links (due_at);
