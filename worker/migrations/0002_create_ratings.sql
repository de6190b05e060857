-- One counted vote per reader per item. `voter_key` is an HMAC of site, item and the reader's
-- network identity with a server secret: no raw IP or user agent is stored, and the keys of
-- one reader on two items cannot be linked.
CREATE TABLE rating_votes (
  site_id   INTEGER NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
  item      TEXT    NOT NULL,
  voter_key TEXT    NOT NULL,
  stars     INTEGER NOT NULL CHECK (stars BETWEEN 1 AND 5),
  voted_at  INTEGER NOT NULL,
  PRIMARY KEY (site_id, item, voter_key)
) WITHOUT ROWID;

-- Running totals, changed in the same batch as the vote row, so a summary read is one row.
CREATE TABLE rating_totals (
  site_id INTEGER NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
  item    TEXT    NOT NULL,
  count   INTEGER NOT NULL DEFAULT 0 CHECK (count >= 0),
  total   INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (site_id, item)
) WITHOUT ROWID;

-- Fixed one-minute windows of write attempts per network (an HMAC, never the raw address).
CREATE TABLE rate_limits (
  site_id INTEGER NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
  bucket  TEXT    NOT NULL,
  window  INTEGER NOT NULL,
  hits    INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (site_id, bucket, window)
) WITHOUT ROWID;

CREATE INDEX rate_limits_by_window ON rate_limits (window);
