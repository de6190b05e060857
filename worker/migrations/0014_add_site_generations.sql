-- Per-site generations for the edge cache (docs/edge-cache.md). Every cached public read is keyed
-- by them, so bumping one makes the next read miss the cache and come fresh from D1:
--   content_generation: every successful admin write (articles, albums, photos, links, categories,
--                       settings, feed syncs) and the Cron Trigger's imports and link checks;
--   vote_generation:    every counted vote (rating summaries and article lists, which show ratings).
ALTER TABLE sites ADD COLUMN content_generation INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sites ADD COLUMN vote_generation INTEGER NOT NULL DEFAULT 0;

-- A site made again under an old id (SQLite reuses the highest rowid after a delete) must not meet
-- the old site's cached reads: each new site's content generation starts at a random point.
CREATE TRIGGER sites_start_generation AFTER INSERT ON sites
BEGIN
  UPDATE sites SET content_generation = abs(random() % 1000000000) WHERE id = NEW.id;
END;
