import * as z from 'zod';
import { PlainText, SiteSlug } from './sites.js';

/** An album's slug within its site, as in `dai-hoi-2018`: the same shape as a site's. */
export const AlbumSlug = SiteSlug;

/**
 * Where an image is: an absolute http(s) URL, or a path beginning with one "/" on the widget
 * server itself (the public API answers it as an absolute URL on its own origin). Nothing else:
 * no `javascript:`, `data:` or protocol-relative `//host` addresses.
 */
export const ImageUrl = z
  .string()
  .max(2048)
  .refine((value) => {
    if (/^\/(?![/\\])/.test(value)) return !/[\s\\]/.test(value);
    try {
      const url = new URL(value);
      return (url.protocol === 'https:' || url.protocol === 'http:') && !url.username && !url.password;
    } catch {
      return false;
    }
  }, 'an http(s) URL, or a path beginning with "/" on the widget server');

/** Pixels: a positive whole number, at most 100,000. */
export const Pixels = z.number().int().positive().max(100_000);

/** The same picture at another width, for `srcset`. */
export const ImageVariant = z.object({ src: ImageUrl, width: Pixels }).strict();
export type ImageVariant = z.infer<typeof ImageVariant>;

/** A moment as ISO 8601 with its offset, e.g. `2018-04-19T15:00:00+07:00`. */
export const Moment = z.iso.datetime({ offset: true });

/** A list position: lower comes first. */
export const Weight = z.number().int().min(-1_000_000_000).max(1_000_000_000);

const photoFields = {
  src: ImageUrl,
  width: Pixels,
  height: Pixels,
  /** Required: state portals must describe every image in text. Blank is refused. */
  alt: PlainText(1000),
  caption: PlainText(2000).or(z.literal('')),
  credit: PlainText(200).or(z.literal('')),
  takenAt: Moment.nullable(),
  /** A small version for grids (same proportions), with its width. */
  thumbnail: ImageVariant.nullable(),
  variants: z.array(ImageVariant).max(8),
  weight: Weight,
};

/** `POST /api/v1/sites/:site/albums/:album/photos` */
export const PhotoCreate = z
  .object(photoFields)
  .partial({ caption: true, credit: true, takenAt: true, thumbnail: true, variants: true, weight: true })
  .strict();
export type PhotoCreate = z.infer<typeof PhotoCreate>;

/**
 * `PATCH /api/v1/sites/:site/photos/:photo`: any field; `album` moves it to the end of another
 * album; `published: true` only once the photo has a non-blank alt (an upload starts without).
 */
export const PhotoUpdate = z
  .object({ ...photoFields, album: AlbumSlug, published: z.boolean() })
  .partial()
  .strict()
  .refine((update) => Object.keys(update).length > 0, 'nothing to update');
export type PhotoUpdate = z.infer<typeof PhotoUpdate>;

/** A photo as the public API answers it: image addresses are absolute http(s) URLs. */
export const Photo = z.object({
  id: z.number().int().positive(),
  src: z.string(),
  width: Pixels,
  height: Pixels,
  alt: z.string(),
  caption: z.string(),
  credit: z.string(),
  takenAt: z.string().nullable(),
  thumbnail: z.object({ src: z.string(), width: Pixels }).nullable(),
  variants: z.array(z.object({ src: z.string(), width: Pixels })),
});
export type Photo = z.infer<typeof Photo>;

/** `GET /api/v1/sites/:site/photos/:photo`: one photo, and the album it is in (for deep links). */
export const PhotoWithAlbum = Photo.extend({ album: AlbumSlug });
export type PhotoWithAlbum = z.infer<typeof PhotoWithAlbum>;

const albumFields = {
  slug: AlbumSlug,
  title: PlainText(300),
  description: PlainText(3000).or(z.literal('')),
  /** Public from this moment; default: now. */
  publishedAt: Moment,
  /** The cover, one of the album's own photos; null: its first photo. */
  coverPhotoId: z.number().int().positive().nullable(),
  weight: Weight,
};

/** `POST /api/v1/sites/:site/albums` (a new album has no photos, hence no chosen cover yet). */
export const AlbumCreate = z.object(albumFields).omit({ coverPhotoId: true }).partial({ description: true, publishedAt: true, weight: true }).strict();
export type AlbumCreate = z.infer<typeof AlbumCreate>;

/** `PATCH /api/v1/sites/:site/albums/:album` */
export const AlbumUpdate = z
  .object(albumFields)
  .partial()
  .strict()
  .refine((update) => Object.keys(update).length > 0, 'nothing to update');
export type AlbumUpdate = z.infer<typeof AlbumUpdate>;

/** An album as lists show it: its cover (null while it has no photo) and how many photos it holds. */
export const AlbumSummary = z.object({
  slug: AlbumSlug,
  title: z.string(),
  description: z.string(),
  publishedAt: z.string(),
  photoCount: z.number().int().min(0),
  cover: Photo.nullable(),
});
export type AlbumSummary = z.infer<typeof AlbumSummary>;

/** An opaque position in a list, from the previous page's `nextCursor`. */
export const Cursor = z.string().regex(/^-?\d{1,10}_\d{1,15}$/, 'a nextCursor from the previous page');

/** `?limit&cursor` of the paged reads. */
export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(24),
  cursor: Cursor.optional(),
});
export type PageQuery = z.infer<typeof PageQuery>;

/** `GET /api/v1/sites/:site/albums` → the site's public albums, in order. */
export const AlbumList = z.object({
  items: z.array(AlbumSummary),
  nextCursor: Cursor.nullable(),
});
export type AlbumList = z.infer<typeof AlbumList>;

/** `GET /api/v1/sites/:site/albums/:album` → the album and one page of its photos. */
export const AlbumPage = z.object({
  album: AlbumSummary,
  photos: z.array(Photo),
  nextCursor: Cursor.nullable(),
});
export type AlbumPage = z.infer<typeof AlbumPage>;

/** A new order: every album (slugs) or every photo of an album (ids), each once, first first. */
const orderOf = <T extends z.ZodType<string | number>>(key: T) =>
  z
    .object({ order: z.array(key).min(1).max(1000) })
    .strict()
    .refine((body) => new Set(body.order).size === body.order.length, { message: 'each one once', path: ['order'] });

/** `PUT /api/v1/sites/:site/albums/order` */
export const AlbumOrder = orderOf(AlbumSlug);
export type AlbumOrder = z.infer<typeof AlbumOrder>;
/** `PUT /api/v1/sites/:site/albums/:album/photos/order` */
export const PhotoOrder = orderOf(z.number().int().positive());
export type PhotoOrder = z.infer<typeof PhotoOrder>;
