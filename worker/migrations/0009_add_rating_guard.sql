-- Guards on readers' votes (issue 10).
--
-- Cloudflare Turnstile per site: a site with a site key asks every vote and link report for a
-- Turnstile token, checked with siteverify. The secret may be per site (here) or the worker's
-- TURNSTILE_SECRET; the API never answers it to anyone.
ALTER TABLE sites ADD COLUMN turnstile_site_key TEXT;
ALTER TABLE sites ADD COLUMN turnstile_secret TEXT;

-- Item keys are the portal's own and need not exist in D1, so a site caps how many new items its
-- readers may start rating: per day (UTC) and in all.
ALTER TABLE sites ADD COLUMN rating_items_per_day INTEGER NOT NULL DEFAULT 5000 CHECK (rating_items_per_day >= 0);
ALTER TABLE sites ADD COLUMN rating_items_total INTEGER NOT NULL DEFAULT 50000 CHECK (rating_items_total >= 0);

-- How many items were first rated per site and day (`day` = Unix day, UTC), and in all (`day` 0):
-- bumped in the same batch as the item's first rating_totals row, so a count is one row read.
CREATE TABLE rating_item_counts (
  site_id INTEGER NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
  day     INTEGER NOT NULL,
  items   INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (site_id, day)
) WITHOUT ROWID;

INSERT INTO rating_item_counts (site_id, day, items)
SELECT site_id, 0, count(*) FROM rating_totals GROUP BY site_id;
