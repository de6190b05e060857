-- /go ids are never reused, and public search reads a bounded number of rows.
--
-- 1. links is rebuilt with AUTOINCREMENT: SQLite otherwise hands the highest deleted id to the
--    next link, and an old /go/<id> (still printed on another site's cached pages and exports)
--    would send readers to that new link. Existing ids, rows, clicks and reports are kept.
-- 2. links_gone remembers deleted ids (filled by a trigger, so every way of deleting a link is
--    covered: a DELETE, an import with replace, a site removed), so /go/<id> answers 410 Gone.
-- 3. articles_fts is rebuilt with prefix indexes, so a search's last word (a prefix: the reader
--    may still be typing) reads one doclist in order instead of merging every term it starts.

-- ---- 1. links with AUTOINCREMENT ------------------------------------------------------------
CREATE TABLE links_autoincrement (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
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

INSERT INTO links_autoincrement (id, site_id, category_id, title, url, description, logo_url, weight, hits, health, failures, checked_at, due_at)
SELECT id, site_id, category_id, title, url, description, logo_url, weight, hits, health, failures, checked_at, due_at FROM links;

-- Dropping links cascades to its clicks and reports (their foreign keys): keep them aside.
CREATE TABLE link_clicks_kept AS SELECT * FROM link_clicks;
CREATE TABLE link_reports_kept AS SELECT * FROM link_reports;

DROP TABLE links;
ALTER TABLE links_autoincrement RENAME TO links;

INSERT OR IGNORE INTO link_clicks (site_id, link_id, reader_key, clicked_at)
SELECT site_id, link_id, reader_key, clicked_at FROM link_clicks_kept;
INSERT OR IGNORE INTO link_reports (site_id, link_id, reader_key, reason, reported_at)
SELECT site_id, link_id, reader_key, reason, reported_at FROM link_reports_kept;
DROP TABLE link_clicks_kept;
DROP TABLE link_reports_kept;

CREATE INDEX links_by_category ON links (site_id, category_id, weight);
CREATE INDEX links_by_due ON links (due_at);
-- what 0008 put on the old table: the fair link check's index and the per-site link quota
CREATE INDEX links_by_site_due ON links (site_id, due_at);
CREATE TRIGGER links_quota AFTER INSERT ON links
WHEN (SELECT count(*) FROM links WHERE site_id = new.site_id) > (SELECT link_quota FROM sites WHERE id = new.site_id)
BEGIN
  SELECT RAISE(ABORT, 'quota_exceeded: links');
END;

-- ---- 2. deleted links answer 410 ------------------------------------------------------------
-- No foreign key on site_id: the row outlives its link, and a removed site's links stay gone.
CREATE TABLE links_gone (
  id      INTEGER PRIMARY KEY,
  site_id INTEGER NOT NULL,
  gone_at INTEGER NOT NULL DEFAULT (unixepoch())
);

CREATE TRIGGER links_gone_on_delete AFTER DELETE ON links BEGIN
  INSERT OR IGNORE INTO links_gone (id, site_id) VALUES (old.id, old.site_id);
END;

-- ---- 3. search with prefix indexes ----------------------------------------------------------
-- Prefixes of 2 to 6 letters: nearly every Vietnamese syllable has at most 7 letters, so a word
-- typed halfway is covered; a one-letter last word is matched whole (see worker/src/db/articles.ts).
DROP TRIGGER articles_fts_insert;
DROP TRIGGER articles_fts_delete;
DROP TRIGGER articles_fts_update;
DROP TABLE articles_fts;

CREATE VIRTUAL TABLE articles_fts USING fts5(
  scope, title, summary,
  content = '', contentless_delete = 1,
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '2 3 4 5 6'
);

INSERT INTO articles_fts (rowid, scope, title, summary)
SELECT id,
  's' || site_id || ' c' || coalesce(category_id, 0),
  replace(replace(title, 'đ', 'd'), 'Đ', 'D'),
  replace(replace(summary, 'đ', 'd'), 'Đ', 'D')
FROM articles WHERE status = 'published';

CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles WHEN new.status = 'published' BEGIN
  INSERT INTO articles_fts (rowid, scope, title, summary) VALUES (
    new.id,
    's' || new.site_id || ' c' || coalesce(new.category_id, 0),
    replace(replace(new.title, 'đ', 'd'), 'Đ', 'D'),
    replace(replace(new.summary, 'đ', 'd'), 'Đ', 'D'));
END;

CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles WHEN old.status = 'published' BEGIN
  DELETE FROM articles_fts WHERE rowid = old.id;
END;

CREATE TRIGGER articles_fts_update AFTER UPDATE OF id, site_id, title, summary, category_id, status ON articles BEGIN
  DELETE FROM articles_fts WHERE rowid = old.id AND old.status = 'published';
  INSERT INTO articles_fts (rowid, scope, title, summary)
  SELECT new.id,
    's' || new.site_id || ' c' || coalesce(new.category_id, 0),
    replace(replace(new.title, 'đ', 'd'), 'Đ', 'D'),
    replace(replace(new.summary, 'đ', 'd'), 'Đ', 'D')
  WHERE new.status = 'published';
END;
