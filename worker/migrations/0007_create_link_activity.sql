-- What readers do with links, known only by keyed hashes (no raw IP or user agent is stored).

-- A reader's last counted click on a link: a repeat within 30 minutes does not count again. The
-- key is an HMAC salted per link, so one reader's clicks on two links cannot be linked, and the
-- Cron Trigger deletes rows once their 30 minutes are over.
CREATE TABLE link_clicks (
  site_id    INTEGER NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
  link_id    INTEGER NOT NULL REFERENCES links (id) ON DELETE CASCADE,
  reader_key TEXT    NOT NULL,
  clicked_at INTEGER NOT NULL,
  PRIMARY KEY (site_id, link_id, reader_key)
) WITHOUT ROWID;

CREATE INDEX link_clicks_by_time ON link_clicks (clicked_at);

-- Readers' reports that a link is broken or bad: one per reader and link (a repeat replaces it).
CREATE TABLE link_reports (
  site_id     INTEGER NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
  link_id     INTEGER NOT NULL REFERENCES links (id) ON DELETE CASCADE,
  reader_key  TEXT    NOT NULL,
  reason      TEXT    NOT NULL CHECK (reason IN ('broken', 'bad')),
  reported_at INTEGER NOT NULL,
  PRIMARY KEY (site_id, link_id, reader_key)
) WITHOUT ROWID;
