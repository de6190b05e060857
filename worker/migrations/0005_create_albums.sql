-- Photo albums ("Thư viện ảnh") and their photos.
--
-- Lists are ordered by (weight, id): a reorder writes weights 0, 1, 2 … ; a new album gets a
-- weight below every other (newest first), a new photo one above (appended). Both orders have an
-- index, so a page of albums or photos reads only its own rows.
--
-- `published_at` (unix seconds): an album is public from that moment on (scheduled publishing).
-- `cover_photo_id`: the admin's choice of cover; when null the album's first photo is its cover.
-- `photo_count` is kept by the triggers below, in the same statement as the photo row that
-- changes it, so the albums list never counts photos.
CREATE TABLE albums (
  id             INTEGER PRIMARY KEY,
  site_id        INTEGER NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
  slug           TEXT    NOT NULL,
  title          TEXT    NOT NULL,
  description    TEXT    NOT NULL DEFAULT '',
  cover_photo_id INTEGER REFERENCES photos (id) ON DELETE SET NULL,
  published_at   INTEGER NOT NULL,
  weight         INTEGER NOT NULL DEFAULT 0,
  photo_count    INTEGER NOT NULL DEFAULT 0 CHECK (photo_count >= 0),
  created_at     INTEGER NOT NULL DEFAULT (unixepoch()),
  UNIQUE (site_id, slug)
);

CREATE INDEX albums_in_order ON albums (site_id, weight, id);

-- `src` is the photo at `width` × `height`; `variants` a JSON array of other widths of the same
-- picture ([{"src": …, "width": …}], for srcset); `thumbnail` a small one for grids, or null.
-- Image addresses are absolute http(s) URLs, or paths beginning with "/" on the widget server.
CREATE TABLE photos (
  id         INTEGER PRIMARY KEY,
  site_id    INTEGER NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
  album_id   INTEGER NOT NULL REFERENCES albums (id) ON DELETE CASCADE,
  src        TEXT    NOT NULL,
  width      INTEGER NOT NULL CHECK (width > 0),
  height     INTEGER NOT NULL CHECK (height > 0),
  thumbnail  TEXT,
  variants   TEXT    NOT NULL DEFAULT '[]',
  alt        TEXT    NOT NULL CHECK (length(trim(alt)) > 0),
  caption    TEXT    NOT NULL DEFAULT '',
  credit     TEXT    NOT NULL DEFAULT '',
  taken_at   INTEGER,
  weight     INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL DEFAULT (unixepoch())
);

CREATE INDEX photos_in_order ON photos (site_id, album_id, weight, id);

CREATE TRIGGER photos_count_insert AFTER INSERT ON photos
BEGIN
  UPDATE albums SET photo_count = photo_count + 1 WHERE id = NEW.album_id;
END;

CREATE TRIGGER photos_count_delete AFTER DELETE ON photos
BEGIN
  UPDATE albums SET photo_count = photo_count - 1 WHERE id = OLD.album_id;
END;

CREATE TRIGGER photos_count_move AFTER UPDATE OF album_id ON photos WHEN OLD.album_id <> NEW.album_id
BEGIN
  UPDATE albums SET photo_count = photo_count - 1,
    cover_photo_id = nullif(cover_photo_id, OLD.id) WHERE id = OLD.album_id;
  UPDATE albums SET photo_count = photo_count + 1 WHERE id = NEW.album_id;
END;
