-- News: categories per site, and articles with the fields a portal's "Tin tức" block shows.
CREATE TABLE categories (
  id        INTEGER PRIMARY KEY,
  site_id   INTEGER NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
  slug      TEXT    NOT NULL,
  title     TEXT    NOT NULL,
  parent_id INTEGER REFERENCES categories (id) ON DELETE SET NULL,
  weight    INTEGER NOT NULL DEFAULT 0,
  UNIQUE (site_id, slug)
);

CREATE INDEX categories_by_parent ON categories (site_id, parent_id);

-- An article's `id` orders articles by publication: it is published_at (Unix seconds) × 2^20
-- plus a counter within that second, assigned by the upsert (worker/src/db/articles.ts). So
-- "newest first" is "id descending", a page cursor is one id (keyset on time and id at once),
-- and the full-text index (whose rowid is this id) can stream search hits newest first.
-- When published_at changes, the id is reassigned.
--
-- Ratings live in rating_totals under the item key a portal page rates by: the article's
-- external key or its URL. Their counts are copied here in the vote's own batch, so a page of
-- articles reads no rating rows, and "top rated" has an index.
CREATE TABLE articles (
  id           INTEGER PRIMARY KEY,
  site_id      INTEGER NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
  external_key TEXT    NOT NULL,
  title        TEXT    NOT NULL,
  summary      TEXT    NOT NULL DEFAULT '',
  url          TEXT    NOT NULL,
  image_url    TEXT,
  image_alt    TEXT,
  image_width  INTEGER,
  image_height INTEGER,
  author       TEXT,
  poster       TEXT,
  source       TEXT,
  category_id  INTEGER REFERENCES categories (id) ON DELETE SET NULL,
  published_at INTEGER NOT NULL,
  updated_at   INTEGER NOT NULL,
  status       TEXT    NOT NULL DEFAULT 'published' CHECK (status IN ('published', 'hidden')),
  key_votes    INTEGER NOT NULL DEFAULT 0,
  key_points   INTEGER NOT NULL DEFAULT 0,
  url_votes    INTEGER NOT NULL DEFAULT 0,
  url_points   INTEGER NOT NULL DEFAULT 0,
  -- "top rated": the average pulled towards 3 stars by two phantom votes, × 1000; 0 when unrated
  rating_score INTEGER GENERATED ALWAYS AS (
    CASE WHEN key_votes + url_votes > 0
      THEN ((key_points + url_points + 6) * 1000) / (key_votes + url_votes + 2) ELSE 0 END
  ) VIRTUAL,
  UNIQUE (site_id, external_key)
);

CREATE INDEX articles_newest ON articles (site_id, id) WHERE status = 'published';
CREATE INDEX articles_newest_in_category ON articles (site_id, category_id, id) WHERE status = 'published';
CREATE INDEX articles_top ON articles (site_id, rating_score, id) WHERE status = 'published';
CREATE INDEX articles_top_in_category ON articles (site_id, category_id, rating_score, id) WHERE status = 'published';
CREATE INDEX articles_by_url ON articles (site_id, url);

-- Full-text search over title and summary of published articles, without diacritics or case.
-- unicode61 does not fold đ/Đ (a letter of its own), so the triggers fold it to d/D, as the
-- query does. `scope` holds "s<site id> c<category id>" so a search is narrowed inside the index.
CREATE VIRTUAL TABLE articles_fts USING fts5(
  scope, title, summary,
  content = '', contentless_delete = 1,
  tokenize = 'unicode61 remove_diacritics 2'
);

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
