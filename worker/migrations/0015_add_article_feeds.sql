-- The console's article list (issue 9): every article of a site whatever its status, filtered by
-- status, source feed, category and words, newest first, each filter read through an index.
--
-- 1. articles.feed_id: the feed that imported the article (null: written by an editor or through
--    the API). A deleted feed leaves its articles, unattributed.
ALTER TABLE articles ADD COLUMN feed_id INTEGER REFERENCES feeds (id) ON DELETE SET NULL;

-- 2. Indexes over every status. Each list arm is one (site, status[, category | feed]) range read
--    newest first; a list without a status filter reads one arm per status and merges them.
CREATE INDEX articles_admin_newest ON articles (site_id, status, id);
CREATE INDEX articles_admin_in_category ON articles (site_id, status, category_id, id);
CREATE INDEX articles_admin_by_feed ON articles (site_id, status, feed_id, id);
CREATE INDEX articles_admin_by_feed_in_category ON articles (site_id, status, feed_id, category_id, id);

-- 3. Each feed's number of articles, kept by triggers, so the feed list reads one row per feed.
ALTER TABLE feeds ADD COLUMN article_count INTEGER NOT NULL DEFAULT 0;

CREATE TRIGGER articles_feed_count_insert AFTER INSERT ON articles WHEN new.feed_id IS NOT NULL BEGIN
  UPDATE feeds SET article_count = article_count + 1 WHERE id = new.feed_id;
END;

CREATE TRIGGER articles_feed_count_delete AFTER DELETE ON articles WHEN old.feed_id IS NOT NULL BEGIN
  UPDATE feeds SET article_count = article_count - 1 WHERE id = old.feed_id;
END;

CREATE TRIGGER articles_feed_count_update AFTER UPDATE OF feed_id ON articles WHEN old.feed_id IS NOT new.feed_id BEGIN
  UPDATE feeds SET article_count = article_count - 1 WHERE id = old.feed_id;
  UPDATE feeds SET article_count = article_count + 1 WHERE id = new.feed_id;
END;

-- 4. Backfill. Nothing stored tells which feed imported an existing article (an editor's article
--    links to the same portal, in the same category), so none is guessed: every feed's validators
--    are forgotten, its next fetch is a full one, and each item still in the feed is re-imported
--    with its feed (the upsert compares feed_id). Items already gone from a feed stay unattributed.
UPDATE feeds SET etag = NULL, last_modified = NULL;

-- 5. The full-text index now holds hidden articles too, so an editor finds them by their words.
--    Its scope column names the site, category and feed: "s<site> c<category> f<feed>" for a
--    published article (as before, plus the feed), "hs<site> hc<category> hf<feed>" for any other
--    status, so a public search (which asks for s<site> / c<category>) never meets a hidden one.
--    What each article puts in the index is written once, in a view the triggers read by id.
DROP TRIGGER articles_fts_insert;
DROP TRIGGER articles_fts_delete;
DROP TRIGGER articles_fts_update;

CREATE VIEW articles_fts_source AS
SELECT id,
  (CASE WHEN status = 'published' THEN '' ELSE 'h' END) || 's' || site_id
    || ' ' || (CASE WHEN status = 'published' THEN '' ELSE 'h' END) || 'c' || coalesce(category_id, 0)
    || ' ' || (CASE WHEN status = 'published' THEN '' ELSE 'h' END) || 'f' || coalesce(feed_id, 0) AS scope,
  replace(replace(title, 'đ', 'd'), 'Đ', 'D') AS title,
  replace(replace(summary, 'đ', 'd'), 'Đ', 'D') AS summary
FROM articles;

INSERT INTO articles_fts (articles_fts) VALUES ('delete-all');
INSERT INTO articles_fts (rowid, scope, title, summary) SELECT id, scope, title, summary FROM articles_fts_source;

CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
  INSERT INTO articles_fts (rowid, scope, title, summary) SELECT id, scope, title, summary FROM articles_fts_source WHERE id = new.id;
END;

CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
  DELETE FROM articles_fts WHERE rowid = old.id;
END;

CREATE TRIGGER articles_fts_update AFTER UPDATE OF id, site_id, title, summary, category_id, status, feed_id ON articles BEGIN
  DELETE FROM articles_fts WHERE rowid = old.id;
  INSERT INTO articles_fts (rowid, scope, title, summary) SELECT id, scope, title, summary FROM articles_fts_source WHERE id = new.id;
END;
