-- Feeds that fail back off, and no site may register more feeds or links than its quota.

-- A failing feed is tried again after 15 min, 30 min, 1 h … up to a day (doubling with each
-- failure in a row); `failures` counts them, and an answer resets both. The Cron Trigger picks
-- only feeds whose `next_attempt_at` has come.
ALTER TABLE feeds ADD COLUMN failures INTEGER NOT NULL DEFAULT 0;
ALTER TABLE feeds ADD COLUMN next_attempt_at INTEGER NOT NULL DEFAULT 0;
CREATE INDEX feeds_by_next_attempt ON feeds (next_attempt_at);

-- The links' check picks each site's due links in turn (see db/links.ts dueLinks).
CREATE INDEX links_by_site_due ON links (site_id, due_at);

-- Per-site quotas: how many feeds and links a site may register. The operator may raise a
-- site's (UPDATE sites SET link_quota = … WHERE slug = …). Enforced here, in the same statement
-- as the insert, so no path (one link, a directory import, a feed) can go past them; the worker
-- answers the abort with 409 and a JSON error.
ALTER TABLE sites ADD COLUMN feed_quota INTEGER NOT NULL DEFAULT 20;
ALTER TABLE sites ADD COLUMN link_quota INTEGER NOT NULL DEFAULT 2000;

CREATE TRIGGER feeds_quota AFTER INSERT ON feeds
WHEN (SELECT count(*) FROM feeds WHERE site_id = new.site_id) > (SELECT feed_quota FROM sites WHERE id = new.site_id)
BEGIN
  SELECT RAISE(ABORT, 'quota_exceeded: feeds');
END;

CREATE TRIGGER links_quota AFTER INSERT ON links
WHEN (SELECT count(*) FROM links WHERE site_id = new.site_id) > (SELECT link_quota FROM sites WHERE id = new.site_id)
BEGIN
  SELECT RAISE(ABORT, 'quota_exceeded: links');
END;
