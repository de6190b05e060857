-- Photos uploaded through the console (issue 9): stored in R2, published only once described.
--
-- `published`: public reads show only published photos (existing ones are). An upload starts
-- unpublished with an empty alt; a photo may be published only when its alt is not blank. That
-- rule replaces 0005's "alt is never blank", so the table is rebuilt (SQLite cannot drop a CHECK).
-- `storage_key`: the R2 key prefix of an uploaded photo's files (null for photos given by URL);
-- deleting the photo deletes those objects.
-- `photo_count` now counts published photos: it is what readers see.
--
-- Dropping the old table runs an implicit DELETE whose foreign-key action clears albums'
-- cover_photo_id; the covers are kept aside first and put back after.
PRAGMA defer_foreign_keys = on;

CREATE TABLE photos_new (
  id          INTEGER PRIMARY KEY,
  site_id     INTEGER NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
  album_id    INTEGER NOT NULL REFERENCES albums (id) ON DELETE CASCADE,
  src         TEXT    NOT NULL,
  width       INTEGER NOT NULL CHECK (width > 0),
  height      INTEGER NOT NULL CHECK (height > 0),
  thumbnail   TEXT,
  variants    TEXT    NOT NULL DEFAULT '[]',
  alt         TEXT    NOT NULL DEFAULT '',
  caption     TEXT    NOT NULL DEFAULT '',
  credit      TEXT    NOT NULL DEFAULT '',
  taken_at    INTEGER,
  weight      INTEGER NOT NULL DEFAULT 0,
  created_at  INTEGER NOT NULL DEFAULT (unixepoch()),
  published   INTEGER NOT NULL DEFAULT 1 CHECK (published IN (0, 1)),
  storage_key TEXT,
  CHECK (published = 0 OR length(trim(alt)) > 0)
);

INSERT INTO photos_new (id, site_id, album_id, src, width, height, thumbnail, variants, alt, caption, credit, taken_at, weight, created_at)
  SELECT id, site_id, album_id, src, width, height, thumbnail, variants, alt, caption, credit, taken_at, weight, created_at FROM photos;

CREATE TABLE album_covers_kept AS SELECT id, cover_photo_id FROM albums WHERE cover_photo_id IS NOT NULL;

DROP TABLE photos;
ALTER TABLE photos_new RENAME TO photos;

UPDATE albums SET cover_photo_id = (SELECT k.cover_photo_id FROM album_covers_kept k WHERE k.id = albums.id)
  WHERE id IN (SELECT id FROM album_covers_kept);
DROP TABLE album_covers_kept;

CREATE INDEX photos_in_order ON photos (site_id, album_id, weight, id);
-- public pages walk only the published photos
CREATE INDEX photos_published_in_order ON photos (site_id, album_id, weight, id) WHERE published = 1;

UPDATE albums SET photo_count = (SELECT count(*) FROM photos p WHERE p.album_id = albums.id AND p.published = 1);

CREATE TRIGGER photos_count_insert AFTER INSERT ON photos WHEN NEW.published = 1
BEGIN
  UPDATE albums SET photo_count = photo_count + 1 WHERE id = NEW.album_id;
END;

CREATE TRIGGER photos_count_delete AFTER DELETE ON photos WHEN OLD.published = 1
BEGIN
  UPDATE albums SET photo_count = photo_count - 1 WHERE id = OLD.album_id;
END;

CREATE TRIGGER photos_count_move AFTER UPDATE OF album_id, published ON photos
  WHEN OLD.album_id <> NEW.album_id OR OLD.published <> NEW.published
BEGIN
  UPDATE albums SET photo_count = photo_count - OLD.published,
    cover_photo_id = CASE WHEN OLD.album_id <> NEW.album_id THEN nullif(cover_photo_id, OLD.id) ELSE cover_photo_id END
    WHERE id = OLD.album_id;
  UPDATE albums SET photo_count = photo_count + NEW.published WHERE id = NEW.album_id;
END;
