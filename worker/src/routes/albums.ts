import { Hono, type Context } from 'hono';
import * as z from 'zod';
import {
  AdminAlbumList,
  AdminPhoto,
  AdminPhotoList,
  AlbumCreate,
  AlbumList,
  AlbumOrder,
  AlbumPage,
  AlbumSlug,
  AlbumSummary,
  AlbumUpdate,
  PageQuery,
  PhotoCreate,
  PhotoOrder,
  PhotoUpdate,
  PhotoWithAlbum,
  UploadQuery,
  AlbumListQuery,
  type Photo,
} from '@civic-widgets/contract';
import type { AppEnv } from '../env.js';
import {
  albumOrder,
  createAlbum,
  createPhoto,
  decodeCursor,
  deleteAlbum,
  deletePhoto,
  encodeCursor,
  findAlbumId,
  getAlbum,
  getAlbumPage,
  getAdminPhoto,
  getPhoto,
  insertUploadedPhoto,
  listAdminPhotos,
  listAlbums,
  photoAlt,
  photoOrder,
  reorderAlbums,
  reorderPhotos,
  updateAlbum,
  storageKeys,
  unpublishedCounts,
  updatePhoto,
} from '../db/albums.js';
import { noteAudit } from '../lib/audit.js';
import { checkImage, readUpload, renditions } from '../lib/image-upload.js';
import { cleanUpStored, newStorageKey, storeRenditions } from '../lib/photo-store.js';
import { admitAdmin, requireAdmin } from '../lib/auth.js';
import { cachedJson } from '../lib/cached-json.js';
import { ApiError } from '../lib/errors.js';
import { jsonBody } from '../lib/json-body.js';
import { empty, failure, json, notModified, operations } from '../lib/openapi.js';
import { invalidFields, validate } from '../lib/validate.js';

const AlbumParam = z.object({ album: AlbumSlug });
const PhotoParam = z.object({ photo: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });
const PUBLIC = 'public, max-age=60';
const BODY_LIMIT = 16 * 1024;

const now = () => Math.floor(Date.now() / 1000);

// Images may be stored as paths on the widget server ("/img/…"): readers get absolute URLs on the
// origin they asked, so an element never has to guess a base.
const absolute = (c: Context, src: string) => (src.startsWith('/') ? new URL(src, c.req.url).href : src);
const withOrigin = <T extends Photo>(c: Context, photo: T): T => ({
  ...photo,
  src: absolute(c, photo.src),
  thumbnail: photo.thumbnail && { ...photo.thumbnail, src: absolute(c, photo.thumbnail.src) },
  variants: photo.variants.map((variant) => ({ ...variant, src: absolute(c, variant.src) })),
});
const albumWithOrigin = (c: Context, album: AlbumSummary): AlbumSummary => ({ ...album, cover: album.cover && withOrigin(c, album.cover) });

/** The uploader's file name (X-File-Name, percent-encoded) for the audit log: plain text, short. */
function fileName(header: string | undefined): string {
  let name = header ?? '';
  try {
    name = decodeURIComponent(name);
  } catch {
    // kept as sent
  }
  return name.replace(/\p{Cc}/gu, '').slice(0, 120) || 'a photo';
}

const noAlbum = (slug: string) => new ApiError(404, `No album "${slug}" on this site.`);
const noPhoto = (id: number) => new ApiError(404, `No photo ${id} on this site.`);

async function albumIdOf(c: Context<AppEnv>, slug: string): Promise<number> {
  const id = await findAlbumId(c.env.DB, c.var.site.id, slug);
  if (id === null) throw noAlbum(slug);
  return id;
}

async function adminAlbum(c: Context<AppEnv>, slug: string, status: 200 | 201 = 200) {
  const album = await getAlbum(c.env.DB, c.var.site.id, slug);
  if (!album) throw noAlbum(slug);
  return c.json(albumWithOrigin(c, album), status, { 'Cache-Control': 'no-store' });
}

async function adminPhoto(c: Context<AppEnv>, id: number, status: 200 | 201 = 200) {
  const photo = await getAdminPhoto(c.env.DB, c.var.site.id, id);
  if (!photo) throw noPhoto(id);
  return c.json(withOrigin(c, photo), status, { 'Cache-Control': 'no-store' });
}

const AdminPhotoAnswer = AdminPhoto.extend({ album: AlbumSlug });
const op = operations('albums', {
  listAlbums: {
    summary: "The site's published albums in order, each with its cover (null while empty) and photo count; with `all=1` and a token, the console's list",
    description:
      "With `all=1` and the site's token (or the operator's): scheduled albums too, each with its count of unpublished photos (AdminAlbumList), never cached.",
    access: 'optional token',
    responses: {
      200: json('A page of albums (AdminAlbumList with all=1)', z.xor([AlbumList, AdminAlbumList])),
      ...notModified,
      401: failure('all=1 without a token, or with an unknown or revoked one'),
      403: failure("all=1 with another site's token"),
    },
  },
  createAlbum: {
    summary: 'Create an album (first in the order unless a weight is given)',
    access: 'token',
    responses: { 201: json('The album', AlbumSummary), 409: failure('The slug is taken') },
  },
  reorderAlbums: {
    summary: 'Reorder the albums: every slug of the site, once, first first',
    access: 'token',
    responses: { 200: json('The new order', AlbumOrder), 409: failure('The list is not every album exactly once') },
  },
  getAlbum: {
    summary: 'A published album and one page of its photos',
    access: 'public',
    responses: { 200: json('The album and photos', AlbumPage), ...notModified, 404: failure('No such album') },
  },
  updateAlbum: {
    summary: 'Change an album (its cover must be one of its own photos)',
    access: 'token',
    responses: { 200: json('The album', AlbumSummary), 404: failure('No such album'), 409: failure('The new slug is taken') },
  },
  deleteAlbum: { summary: 'Delete an album and its photos', access: 'token', responses: { 204: empty('Deleted'), 404: failure('No such album') } },
  listAlbumPhotos: {
    summary: 'Every photo of the album, published or not',
    access: 'token',
    responses: { 200: json('The photos', AdminPhotoList), 404: failure('No such album') },
  },
  uploadPhoto: {
    summary: 'Upload a photo (the file itself is the body): stored unpublished, re-encoded without EXIF at the srcset widths',
    access: 'token',
    requestBody: { required: true, content: { 'image/*': { schema: { type: 'string', contentMediaType: 'application/octet-stream' } } } },
    responses: {
      201: json('The photo', AdminPhotoAnswer),
      400: failure('Invalid query, or an empty file'),
      404: failure('No such album'),
      413: failure('The file is over 15 MB'),
      415: failure('Not a JPEG, PNG, WebP or AVIF photo (the message names what it is)'),
    },
  },
  createPhoto: {
    summary: 'Add a photo by URL at the end of the album (alt text required; http(s) or /path images; positive width and height)',
    access: 'token',
    responses: { 201: json('The photo', AdminPhotoAnswer), 404: failure('No such album') },
  },
  reorderPhotos: {
    summary: "Reorder an album's photos: every id, once, first first",
    access: 'token',
    responses: { 200: json('The new order', PhotoOrder), 404: failure('No such album'), 409: failure('The list is not every photo exactly once') },
  },
  getPhoto: {
    summary: 'One photo of a published album, with its album (for deep links)',
    access: 'public',
    responses: { 200: json('The photo', PhotoWithAlbum), ...notModified, 404: failure('No such photo') },
  },
  updatePhoto: {
    summary: 'Change a photo; `album` moves it to the end of another album',
    access: 'token',
    responses: {
      200: json('The photo', AdminPhotoAnswer),
      400: failure('Invalid body, or publishing a photo without alt text'),
      404: failure('No such photo or album'),
    },
  },
  deletePhoto: { summary: 'Delete a photo', access: 'token', responses: { 204: empty('Deleted'), 404: failure('No such photo') } },
});

/**
 * `/api/v1/sites/:site/albums`: the site's public albums, one album with a page of its photos,
 * and the admin's writes (site token): create, update, delete and reorder.
 */
export const albums = new Hono<AppEnv>()
  .get('/', validate('query', AlbumListQuery), op.listAlbums, async (c) => {
    const { limit, cursor, all } = c.req.valid('query');
    if (all) {
      // the console's list: scheduled albums too, each with its count of photos not yet published
      await admitAdmin(c);
      const [page, unpublished] = await Promise.all([
        listAlbums(c.env.DB, c.var.site.id, Number.MAX_SAFE_INTEGER, decodeCursor(cursor), limit),
        unpublishedCounts(c.env.DB, c.var.site.id),
      ]);
      const body: AdminAlbumList = {
        items: page.items.map((album) => ({ ...albumWithOrigin(c, album), unpublishedCount: unpublished.get(album.slug) ?? 0 })),
        nextCursor: page.next && encodeCursor(page.next),
      };
      return c.json(body, 200, { 'Cache-Control': 'no-store' });
    }
    const page = await listAlbums(c.env.DB, c.var.site.id, now(), decodeCursor(cursor), limit);
    const body: AlbumList = { items: page.items.map((album) => albumWithOrigin(c, album)), nextCursor: page.next && encodeCursor(page.next) };
    return cachedJson(c, body, PUBLIC);
  })
  .post('/', requireAdmin, jsonBody(BODY_LIMIT), validate('json', AlbumCreate), op.createAlbum, async (c) => {
    const album = c.req.valid('json');
    if ((await createAlbum(c.env.DB, c.var.site.id, album, now())) === null) {
      throw new ApiError(409, `The site already has an album "${album.slug}".`);
    }
    return adminAlbum(c, album.slug, 201);
  })
  .put('/order', requireAdmin, jsonBody(64 * 1024), validate('json', AlbumOrder), op.reorderAlbums, async (c) => {
    const { order } = c.req.valid('json');
    if (!(await reorderAlbums(c.env.DB, c.var.site.id, order))) {
      throw new ApiError(409, 'The order must list every album of the site exactly once.');
    }
    return c.json({ order: await albumOrder(c.env.DB, c.var.site.id) }, 200, { 'Cache-Control': 'no-store' });
  })
  .get('/:album', validate('param', AlbumParam), validate('query', PageQuery), op.getAlbum, async (c) => {
    const { album: slug } = c.req.valid('param');
    const { limit, cursor } = c.req.valid('query');
    const page = await getAlbumPage(c.env.DB, c.var.site.id, slug, now(), decodeCursor(cursor), limit);
    if (!page) throw noAlbum(slug);
    const body: AlbumPage = {
      album: albumWithOrigin(c, page.album),
      photos: page.photos.items.map((photo) => withOrigin(c, photo)),
      nextCursor: page.photos.next && encodeCursor(page.photos.next),
    };
    return cachedJson(c, body, PUBLIC);
  })
  .patch('/:album', requireAdmin, jsonBody(BODY_LIMIT), validate('param', AlbumParam), validate('json', AlbumUpdate), op.updateAlbum, async (c) => {
    const { album: slug } = c.req.valid('param');
    const update = c.req.valid('json');
    const result = await updateAlbum(c.env.DB, c.var.site.id, slug, update);
    if (result === 'not_found') throw noAlbum(slug);
    if (result === 'taken') throw new ApiError(409, `The site already has an album "${update.slug}".`);
    if (result === 'bad_cover') {
      throw invalidFields([{ path: 'coverPhotoId', message: 'not a photo of this album' }]);
    }
    return adminAlbum(c, update.slug ?? slug);
  })
  .delete('/:album', requireAdmin, validate('param', AlbumParam), op.deleteAlbum, async (c) => {
    const { album: slug } = c.req.valid('param');
    const stored = await storageKeys(c.env.DB, c.var.site.id, { albumSlug: slug });
    if (!(await deleteAlbum(c.env.DB, c.var.site.id, slug))) throw noAlbum(slug);
    await cleanUpStored(c.env.PHOTOS, stored);
    return c.body(null, 204);
  })
  .get('/:album/photos', requireAdmin, validate('param', AlbumParam), op.listAlbumPhotos, async (c) => {
    const albumId = await albumIdOf(c, c.req.valid('param').album);
    const body: AdminPhotoList = { items: (await listAdminPhotos(c.env.DB, c.var.site.id, albumId)).map((photo) => withOrigin(c, photo)) };
    return c.json(body, 200, { 'Cache-Control': 'no-store' });
  })
  // The photo file itself is the body (any Content-Type: the bytes decide). It is checked,
  // re-encoded at the srcset widths and stored in R2 before its row is written; if the row
  // cannot be written, the files are deleted again.
  .post('/:album/uploads', requireAdmin, validate('param', AlbumParam), validate('query', UploadQuery), op.uploadPhoto, async (c) => {
    const { album: slug } = c.req.valid('param');
    const albumId = await albumIdOf(c, slug);
    const bytes = await readUpload(c);
    const image = await checkImage(c.env.IMAGES, bytes);
    const prefix = newStorageKey(c.var.site.slug);
    const stored = await storeRenditions(c.env.PHOTOS, prefix, await renditions(c.env.IMAGES, bytes, image), {
      width: image.width,
      height: image.height,
      contentType: image.format.output,
      ext: image.format.ext,
    });
    noteAudit(c, { summary: `upload ${fileName(c.req.header('X-File-Name'))} (${image.format.name}, ${image.width}×${image.height})` });
    let id: number | null;
    try {
      id = await insertUploadedPhoto(c.env.DB, c.var.site.id, albumId, { ...stored, alt: c.req.valid('query').alt ?? '', storageKey: prefix });
    } catch (error) {
      await cleanUpStored(c.env.PHOTOS, [prefix]);
      throw error;
    }
    if (id === null) {
      await cleanUpStored(c.env.PHOTOS, [prefix]);
      throw noAlbum(slug);
    }
    return adminPhoto(c, id, 201);
  })
  .post('/:album/photos', requireAdmin, jsonBody(BODY_LIMIT), validate('param', AlbumParam), validate('json', PhotoCreate), op.createPhoto, async (c) => {
    const albumId = await albumIdOf(c, c.req.valid('param').album);
    const id = await createPhoto(c.env.DB, c.var.site.id, albumId, c.req.valid('json'));
    if (id === null) throw noAlbum(c.req.valid('param').album);
    return adminPhoto(c, id, 201);
  })
  .put('/:album/photos/order', requireAdmin, jsonBody(64 * 1024), validate('param', AlbumParam), validate('json', PhotoOrder), op.reorderPhotos, async (c) => {
    const albumId = await albumIdOf(c, c.req.valid('param').album);
    if (!(await reorderPhotos(c.env.DB, c.var.site.id, albumId, c.req.valid('json').order))) {
      throw new ApiError(409, 'The order must list every photo of the album exactly once.');
    }
    return c.json({ order: await photoOrder(c.env.DB, c.var.site.id, albumId) }, 200, { 'Cache-Control': 'no-store' });
  });

/** `/api/v1/sites/:site/photos/:photo`: one photo and its album (deep links), and the admin's changes. */
export const photos = new Hono<AppEnv>()
  .get('/:photo', validate('param', PhotoParam), op.getPhoto, async (c) => {
    const { photo: id } = c.req.valid('param');
    const photo = await getPhoto(c.env.DB, c.var.site.id, id, now());
    if (!photo) throw noPhoto(id);
    return cachedJson(c, withOrigin(c, photo), PUBLIC);
  })
  .patch('/:photo', requireAdmin, jsonBody(BODY_LIMIT), validate('param', PhotoParam), validate('json', PhotoUpdate), op.updatePhoto, async (c) => {
    const { photo: id } = c.req.valid('param');
    const { album, ...update } = c.req.valid('json');
    if (update.published && update.alt === undefined) {
      const alt = await photoAlt(c.env.DB, c.var.site.id, id);
      if (alt === null) throw noPhoto(id);
      if (!alt.trim()) throw new ApiError(400, 'Describe the photo before publishing it.', [{ path: 'alt', message: 'a published photo needs an alt text' }]);
    }
    const albumId = album === undefined ? undefined : await albumIdOf(c, album);
    if (!(await updatePhoto(c.env.DB, c.var.site.id, id, update, albumId))) throw noPhoto(id);
    return adminPhoto(c, id);
  })
  .delete('/:photo', requireAdmin, validate('param', PhotoParam), op.deletePhoto, async (c) => {
    const { photo: id } = c.req.valid('param');
    const stored = await storageKeys(c.env.DB, c.var.site.id, { photoId: id });
    if (!(await deletePhoto(c.env.DB, c.var.site.id, id))) throw noPhoto(id);
    await cleanUpStored(c.env.PHOTOS, stored);
    return c.body(null, 204);
  });
