import type { AdminPhoto, AlbumCreate, AlbumSummary, AlbumUpdate, ImageVariant, Photo, PhotoCreate, PhotoUpdate } from '@civic-widgets/contract';

// Albums and photos of a site. Every statement filters by site_id; lists walk the
// (site_id, weight, id) and (site_id, album_id, weight, id) indexes, so a page reads its own rows
// (plus one cover lookup per album), however many the site holds.

/** A position in a list: (weight, id) of the last row of the previous page. */
export interface Position {
  weight: number;
  id: number;
}

/** Before the first row of any list. */
export const START: Position = { weight: -2_000_000_000, id: 0 };

export const encodeCursor = ({ weight, id }: Position) => `${weight}_${id}`;
export const decodeCursor = (cursor: string | undefined): Position => {
  if (!cursor) return START;
  const [weight, id] = cursor.split('_').map(Number);
  return { weight: weight!, id: id! };
};

/** A page of a list: its rows, and where the next page starts (null: none). */
export interface Page<T> {
  items: T[];
  next: Position | null;
}

// ---------------------------------------------------------------------------------------------
// Rows and their API shapes

interface PhotoRow {
  id: number;
  src: string;
  width: number;
  height: number;
  thumbnail: string | null;
  variants: string;
  alt: string;
  caption: string;
  credit: string;
  taken_at: number | null;
  weight: number;
}

interface AlbumRow {
  id: number;
  slug: string;
  title: string;
  description: string;
  published_at: number;
  photo_count: number;
  weight: number;
}

/** The photo columns of table alias `t`, each named with `prefix` (the cover's are `c_…`). */
const photoColumns = (t: string, prefix = '') =>
  ['id', 'src', 'width', 'height', 'thumbnail', 'variants', 'alt', 'caption', 'credit', 'taken_at', 'weight']
    .map((column) => `${t}.${column} AS ${prefix}${column}`)
    .join(', ');

const isoOrNull = (seconds: number | null) => (seconds === null ? null : new Date(seconds * 1000).toISOString());
const seconds = (iso: string) => Math.floor(Date.parse(iso) / 1000);

export const toPhoto = (row: PhotoRow): Photo => ({
  id: row.id,
  src: row.src,
  width: row.width,
  height: row.height,
  alt: row.alt,
  caption: row.caption,
  credit: row.credit,
  takenAt: isoOrNull(row.taken_at),
  thumbnail: row.thumbnail === null ? null : (JSON.parse(row.thumbnail) as ImageVariant),
  variants: JSON.parse(row.variants) as ImageVariant[],
});

/** An album row joined with its cover's `c_…` columns (null when it has no photo). */
type AlbumWithCoverRow = AlbumRow & { [K in keyof PhotoRow as `c_${K}`]: PhotoRow[K] | null };

const toAlbum = (row: AlbumWithCoverRow): AlbumSummary => {
  const cover = Object.fromEntries(
    Object.entries(row)
      .filter(([key]) => key.startsWith('c_'))
      .map(([key, value]) => [key.slice(2), value]),
  ) as unknown as PhotoRow;
  return {
    slug: row.slug,
    title: row.title,
    description: row.description,
    publishedAt: new Date(row.published_at * 1000).toISOString(),
    photoCount: row.photo_count,
    cover: cover.id === null ? null : toPhoto(cover),
  };
};

// An album with its cover: the admin's choice, else its first photo (one index lookup); only a
// published photo can be a cover.
const ALBUM_SELECT = `
  SELECT a.id, a.slug, a.title, a.description, a.published_at, a.photo_count, a.weight, ${photoColumns('c', 'c_')}
  FROM albums a
  LEFT JOIN photos c ON c.site_id = a.site_id AND c.published = 1 AND c.id = coalesce(
    (SELECT k.id FROM photos k WHERE k.id = a.cover_photo_id AND k.published = 1),
    (SELECT f.id FROM photos f WHERE f.site_id = a.site_id AND f.album_id = a.id AND f.published = 1 ORDER BY f.weight, f.id LIMIT 1))`;

/** Rows past `after` in (weight, id) order, one more than `limit` to know whether a page follows. */
function paged<R extends { weight: number; id: number }, T>(rows: R[], limit: number, map: (row: R) => T): Page<T> {
  const last = rows.length > limit ? rows[limit - 1]! : null;
  return {
    items: rows.slice(0, limit).map(map),
    next: last ? { weight: last.weight, id: last.id } : null,
  };
}

// ---------------------------------------------------------------------------------------------
// Public reads (albums published by `now`, unix seconds)

/** The statement behind listAlbums (exported so tests can measure its `meta.rows_read`). */
export const albumListStatement = (db: D1Database, siteId: number, now: number, after: Position, limit: number) =>
  db
    .prepare(`${ALBUM_SELECT} WHERE a.site_id = ?1 AND a.published_at <= ?2 AND (a.weight, a.id) > (?3, ?4) ORDER BY a.weight, a.id LIMIT ?5`)
    .bind(siteId, now, after.weight, after.id, limit + 1);

export async function listAlbums(db: D1Database, siteId: number, now: number, after: Position, limit: number): Promise<Page<AlbumSummary>> {
  const { results } = await albumListStatement(db, siteId, now, after, limit).all<AlbumWithCoverRow>();
  return paged(results, limit, toAlbum);
}

const albumStatement = (db: D1Database, siteId: number, slug: string, now: number) =>
  db.prepare(`${ALBUM_SELECT} WHERE a.site_id = ?1 AND a.slug = ?2 AND a.published_at <= ?3`).bind(siteId, slug, now);

/** The statement behind a page of photos (exported so tests can measure its `meta.rows_read`). */
export const photoPageStatement = (db: D1Database, siteId: number, slug: string, now: number, after: Position, limit: number) =>
  db
    .prepare(
      `SELECT ${photoColumns('p')} FROM photos p
       WHERE p.site_id = ?1 AND p.album_id = (SELECT id FROM albums WHERE site_id = ?1 AND slug = ?2 AND published_at <= ?3)
         AND p.published = 1 AND (p.weight, p.id) > (?4, ?5)
       ORDER BY p.weight, p.id LIMIT ?6`,
    )
    .bind(siteId, slug, now, after.weight, after.id, limit + 1);

/** One album and a page of its photos, in one round trip; null when there is no such public album. */
export async function getAlbumPage(
  db: D1Database,
  siteId: number,
  slug: string,
  now: number,
  after: Position,
  limit: number,
): Promise<{ album: AlbumSummary; photos: Page<Photo> } | null> {
  const [album, photos] = await db.batch<AlbumWithCoverRow | PhotoRow>([
    albumStatement(db, siteId, slug, now),
    photoPageStatement(db, siteId, slug, now, after, limit),
  ]);
  const row = album!.results[0] as AlbumWithCoverRow | undefined;
  return row ? { album: toAlbum(row), photos: paged(photos!.results as PhotoRow[], limit, toPhoto) } : null;
}

/** An album whatever its publication time (for the admin's answers). */
export async function getAlbum(db: D1Database, siteId: number, slug: string): Promise<AlbumSummary | null> {
  const row = await albumStatement(db, siteId, slug, Number.MAX_SAFE_INTEGER).first<AlbumWithCoverRow>();
  return row ? toAlbum(row) : null;
}

/** One published photo of a public album, with the album's slug; null when none. Without `now`, any photo (the admin's answers). */
export async function getPhoto(db: D1Database, siteId: number, id: number, now = Number.MAX_SAFE_INTEGER): Promise<(Photo & { album: string }) | null> {
  const row = await db
    .prepare(
      `SELECT ${photoColumns('p')}, a.slug AS album FROM photos p JOIN albums a ON a.id = p.album_id
       WHERE p.site_id = ?1 AND p.id = ?2 AND a.site_id = ?1 AND a.published_at <= ?3 AND (?4 OR p.published = 1)`,
    )
    .bind(siteId, id, now, now === Number.MAX_SAFE_INTEGER ? 1 : 0)
    .first<PhotoRow & { album: string }>();
  return row ? { ...toPhoto(row), album: row.album } : null;
}

// ---------------------------------------------------------------------------------------------
// Admin writes

/** `SET a = ?n, b = ?n+1 …` for the fields present in `values`, binds numbered from `first`. */
function assignments(values: Record<string, unknown>, columns: Record<string, string>, first: number) {
  const present = Object.keys(columns).filter((key) => values[key] !== undefined);
  return {
    sql: present.map((key, i) => `${columns[key]} = ?${first + i}`).join(', '),
    binds: present.map((key) => values[key]),
  };
}

const json = (value: unknown) => (value == null ? value : JSON.stringify(value));

/** Creates an album first in the site's order (unless a weight is given); null when the slug is taken. */
export async function createAlbum(db: D1Database, siteId: number, album: AlbumCreate, now: number): Promise<number | null> {
  const row = await db
    .prepare(
      `INSERT INTO albums (site_id, slug, title, description, published_at, weight)
       VALUES (?1, ?2, ?3, ?4, ?5, coalesce(?6, (SELECT coalesce(min(weight), 1) - 1 FROM albums WHERE site_id = ?1)))
       ON CONFLICT (site_id, slug) DO NOTHING
       RETURNING id`,
    )
    .bind(siteId, album.slug, album.title, album.description ?? '', album.publishedAt ? seconds(album.publishedAt) : now, album.weight ?? null)
    .first<{ id: number }>();
  return row?.id ?? null;
}

export type UpdateResult = 'updated' | 'not_found' | 'taken' | 'bad_cover';

/** Changes the fields given; a new cover must be one of the album's own photos. Nothing is written otherwise. */
export async function updateAlbum(db: D1Database, siteId: number, slug: string, update: AlbumUpdate): Promise<UpdateResult> {
  const values = { ...update, publishedAt: update.publishedAt && seconds(update.publishedAt) };
  const set = assignments(
    values,
    { slug: 'slug', title: 'title', description: 'description', publishedAt: 'published_at', coverPhotoId: 'cover_photo_id', weight: 'weight' },
    4,
  );
  // ?3 is the cover asked for (null: unchanged, or back to the first photo)
  const statement = db
    .prepare(
      `UPDATE albums SET ${set.sql} WHERE site_id = ?1 AND slug = ?2
       AND (?3 IS NULL OR EXISTS (SELECT 1 FROM photos WHERE site_id = ?1 AND album_id = albums.id AND id = ?3))
       RETURNING id`,
    )
    .bind(siteId, slug, update.coverPhotoId ?? null, ...set.binds);
  let row: { id: number } | null;
  try {
    row = await statement.first<{ id: number }>();
  } catch (error) {
    if (/UNIQUE constraint failed/.test(String(error))) return 'taken';
    throw error;
  }
  if (row) return 'updated';
  const exists = await db.prepare('SELECT 1 FROM albums WHERE site_id = ?1 AND slug = ?2').bind(siteId, slug).first();
  return exists ? 'bad_cover' : 'not_found';
}

/** Deletes an album and its photos; false when there was none. */
export async function deleteAlbum(db: D1Database, siteId: number, slug: string): Promise<boolean> {
  const result = await db.prepare('DELETE FROM albums WHERE site_id = ?1 AND slug = ?2').bind(siteId, slug).run();
  return result.meta.changes > 0;
}

/**
 * Gives the listed rows weights 0, 1, 2 … in one statement, only when the list names every row
 * of the set exactly once (`ids` are unique, checked by the contract); false otherwise (nothing changed).
 */
async function reorder(db: D1Database, table: 'albums' | 'photos', key: 'slug' | 'id', scope: string, binds: unknown[], order: unknown[]) {
  const list = `?${binds.length + 1}`;
  const result = await db
    .prepare(
      `UPDATE ${table} SET weight = (SELECT j.key FROM json_each(${list}) j WHERE j.value = ${table}.${key})
       WHERE ${scope}
         AND (SELECT count(*) FROM ${table} WHERE ${scope}) = json_array_length(${list})
         AND NOT EXISTS (SELECT 1 FROM ${table} WHERE ${scope} AND ${key} NOT IN (SELECT value FROM json_each(${list})))`,
    )
    .bind(...binds, JSON.stringify(order))
    .run();
  return result.meta.changes > 0;
}

export const reorderAlbums = (db: D1Database, siteId: number, slugs: string[]) => reorder(db, 'albums', 'slug', 'site_id = ?1', [siteId], slugs);

export const reorderPhotos = (db: D1Database, siteId: number, albumId: number, ids: number[]) =>
  reorder(db, 'photos', 'id', 'site_id = ?1 AND album_id = ?2', [siteId, albumId], ids);

/** The album's id, whatever its publication time; null when none. */
export const findAlbumId = async (db: D1Database, siteId: number, slug: string) =>
  (await db.prepare('SELECT id FROM albums WHERE site_id = ?1 AND slug = ?2').bind(siteId, slug).first<number>('id')) ?? null;

/** The albums' slugs, or an album's photo ids, in their order. */
export async function albumOrder(db: D1Database, siteId: number): Promise<string[]> {
  const { results } = await db.prepare('SELECT slug FROM albums WHERE site_id = ?1 ORDER BY weight, id').bind(siteId).all<{ slug: string }>();
  return results.map((row) => row.slug);
}
export async function photoOrder(db: D1Database, siteId: number, albumId: number): Promise<number[]> {
  const { results } = await db
    .prepare('SELECT id FROM photos WHERE site_id = ?1 AND album_id = ?2 ORDER BY weight, id')
    .bind(siteId, albumId)
    .all<{ id: number }>();
  return results.map((row) => row.id);
}

const PHOTO_COLUMNS = {
  src: 'src',
  width: 'width',
  height: 'height',
  thumbnail: 'thumbnail',
  variants: 'variants',
  alt: 'alt',
  caption: 'caption',
  credit: 'credit',
  takenAt: 'taken_at',
  weight: 'weight',
};

const photoValues = (photo: Partial<PhotoCreate> & { published?: boolean }) => ({
  ...photo,
  thumbnail: json(photo.thumbnail),
  variants: json(photo.variants),
  takenAt: photo.takenAt && seconds(photo.takenAt),
  published: photo.published === undefined ? undefined : Number(photo.published),
});

/** Adds a photo at the end of the album (unless a weight is given); null when there is no such album. */
export async function createPhoto(db: D1Database, siteId: number, albumId: number, photo: PhotoCreate): Promise<number | null> {
  const values = photoValues({ caption: '', credit: '', variants: [], thumbnail: null, takenAt: null, ...photo });
  const row = await db
    .prepare(
      `INSERT INTO photos (site_id, album_id, src, width, height, thumbnail, variants, alt, caption, credit, taken_at, weight)
       SELECT ?1, a.id, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11,
         coalesce(?12, (SELECT coalesce(max(weight), -1) + 1 FROM photos WHERE site_id = ?1 AND album_id = a.id))
       FROM albums a WHERE a.site_id = ?1 AND a.id = ?2
       RETURNING id`,
    )
    .bind(siteId, albumId, ...Object.keys(PHOTO_COLUMNS).map((key) => values[key as keyof typeof values] ?? null))
    .first<{ id: number }>();
  return row?.id ?? null;
}

/**
 * Changes the fields given; with `albumId`, the photo moves to the end of that album (of the same
 * site; the old album's cover falls back to its first photo if it was this one).
 */
export async function updatePhoto(db: D1Database, siteId: number, id: number, update: Omit<PhotoUpdate, 'album'>, albumId?: number): Promise<boolean> {
  const set = assignments(photoValues(update), { ...PHOTO_COLUMNS, published: 'published' }, 4);
  const last = '(SELECT coalesce(max(p.weight), -1) + 1 FROM photos p WHERE p.site_id = ?1 AND p.album_id = ?3)';
  const move = albumId === undefined ? [] : ['album_id = ?3', ...(update.weight === undefined ? [`weight = ${last}`] : [])];
  const row = await db
    .prepare(
      `UPDATE photos SET ${[set.sql, ...move].filter(Boolean).join(', ')}
       WHERE site_id = ?1 AND id = ?2 AND (?3 IS NULL OR EXISTS (SELECT 1 FROM albums WHERE site_id = ?1 AND id = ?3))
       RETURNING id`,
    )
    .bind(siteId, id, albumId ?? null, ...set.binds)
    .first();
  return row !== null;
}

/** Deletes a photo (its album's count and, if it was the cover, the cover follow); false when none. */
export async function deletePhoto(db: D1Database, siteId: number, id: number): Promise<boolean> {
  const result = await db.prepare('DELETE FROM photos WHERE site_id = ?1 AND id = ?2').bind(siteId, id).run();
  return result.meta.changes > 0;
}

// ---------------------------------------------------------------------------------------------
// The console's photos: unpublished ones too, and uploads stored in R2

interface AdminPhotoRow extends PhotoRow {
  published: number;
  storage_key: string | null;
}

const toAdminPhoto = (row: AdminPhotoRow): AdminPhoto => ({
  ...toPhoto(row),
  published: row.published === 1,
  weight: row.weight,
  stored: row.storage_key !== null,
});

/** Every photo of an album, published or not, in order (the console's list). */
export async function listAdminPhotos(db: D1Database, siteId: number, albumId: number): Promise<AdminPhoto[]> {
  const { results } = await db
    .prepare(`SELECT ${photoColumns('p')}, p.published, p.storage_key FROM photos p WHERE p.site_id = ?1 AND p.album_id = ?2 ORDER BY p.weight, p.id`)
    .bind(siteId, albumId)
    .all<AdminPhotoRow>();
  return results.map(toAdminPhoto);
}

/** One photo as the console sees it, with its album's slug; null when the site has none with that id. */
export async function getAdminPhoto(db: D1Database, siteId: number, id: number): Promise<(AdminPhoto & { album: string }) | null> {
  const row = await db
    .prepare(
      `SELECT ${photoColumns('p')}, p.published, p.storage_key, a.slug AS album FROM photos p JOIN albums a ON a.id = p.album_id
       WHERE p.site_id = ?1 AND p.id = ?2`,
    )
    .bind(siteId, id)
    .first<AdminPhotoRow & { album: string }>();
  return row && { ...toAdminPhoto(row), album: row.album };
}

/** The alt text a photo has now (to decide whether it may be published); null when none. */
export const photoAlt = (db: D1Database, siteId: number, id: number) =>
  db.prepare('SELECT alt FROM photos WHERE site_id = ?1 AND id = ?2').bind(siteId, id).first<string>('alt');

/** An uploaded photo: unpublished, at the end of its album, its files under `storageKey` in R2. */
export async function insertUploadedPhoto(
  db: D1Database,
  siteId: number,
  albumId: number,
  photo: Pick<PhotoCreate, 'src' | 'width' | 'height' | 'thumbnail' | 'variants'> & { alt: string; storageKey: string },
): Promise<number | null> {
  const row = await db
    .prepare(
      `INSERT INTO photos (site_id, album_id, src, width, height, thumbnail, variants, alt, published, storage_key, weight)
       SELECT ?1, a.id, ?3, ?4, ?5, ?6, ?7, ?8, 0, ?9,
         (SELECT coalesce(max(weight), -1) + 1 FROM photos WHERE site_id = ?1 AND album_id = a.id)
       FROM albums a WHERE a.site_id = ?1 AND a.id = ?2
       RETURNING id`,
    )
    .bind(siteId, albumId, photo.src, photo.width, photo.height, json(photo.thumbnail ?? null), json(photo.variants ?? []), photo.alt, photo.storageKey)
    .first<{ id: number }>();
  return row?.id ?? null;
}

/** The R2 key prefixes of a photo's, or an album's, uploaded files (to delete them with it). */
export async function storageKeys(db: D1Database, siteId: number, where: { photoId: number } | { albumSlug: string }): Promise<string[]> {
  const statement =
    'photoId' in where
      ? db.prepare('SELECT storage_key FROM photos WHERE site_id = ?1 AND id = ?2 AND storage_key IS NOT NULL').bind(siteId, where.photoId)
      : db
          .prepare(
            `SELECT p.storage_key FROM photos p JOIN albums a ON a.id = p.album_id
             WHERE a.site_id = ?1 AND a.slug = ?2 AND p.site_id = ?1 AND p.storage_key IS NOT NULL`,
          )
          .bind(siteId, where.albumSlug);
  const { results } = await statement.all<{ storage_key: string }>();
  return results.map((row) => row.storage_key);
}

/** How many unpublished photos each of the site's albums holds (only albums that have some), by slug. */
export async function unpublishedCounts(db: D1Database, siteId: number): Promise<Map<string, number>> {
  const { results } = await db
    .prepare(
      `SELECT a.slug, count(*) AS n FROM photos p JOIN albums a ON a.id = p.album_id
       WHERE p.site_id = ?1 AND p.published = 0 GROUP BY a.slug`,
    )
    .bind(siteId)
    .all<{ slug: string; n: number }>();
  return new Map(results.map((row) => [row.slug, row.n]));
}
