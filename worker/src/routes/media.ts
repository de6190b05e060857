import { Hono } from 'hono';
import type { AppEnv } from '../env.js';
import { ApiError } from '../lib/errors.js';
import { failure, notModified, operations } from '../lib/openapi.js';

// `<site>/<uuid>/<width>.<ext>`, as lib/photo-store.ts writes them
const KEY = /^[a-z0-9-]{1,64}\/[0-9a-f-]{36}\/\d{1,5}\.(?:jpg|png|webp)$/;

const op = operations('media', {
  getMediaFile: {
    summary: "An uploaded photo's file (a rendition at one width), cacheable for a year",
    access: 'public',
    parameters: [
      {
        name: 'key',
        in: 'path',
        required: true,
        description: "`<site>/<uuid>/<width>.<ext>`, as an AdminPhoto's addresses give it",
        schema: { type: 'string', pattern: KEY.source },
      },
    ],
    responses: {
      200: { description: 'The image', content: { 'image/jpeg': {}, 'image/png': {}, 'image/webp': {} } },
      ...notModified,
      404: failure('No such photo file'),
    },
  },
});
/**
 * `GET /media/<key>`: an uploaded photo's file from R2. Keys are never reused, so the answer is
 * cacheable for a year; it is only ever an image (nosniff, and a CSP that runs nothing).
 */
// (`/media/` alone is no file: the app's 404)
export const media = new Hono<AppEnv>().get('/:key{.+}', op.getMediaFile, async (c) => {
  const key = new URL(c.req.url).pathname.slice('/media/'.length);
  const object = KEY.test(key) ? await c.env.PHOTOS.get(key) : null;
  if (!object) throw new ApiError(404, 'No such photo file.');
  const etag = object.httpEtag;
  const headers: Record<string, string> = {
    'Content-Type': object.httpMetadata?.contentType ?? 'application/octet-stream',
    'Cache-Control': 'public, max-age=31536000, immutable',
    ETag: etag,
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': "default-src 'none'; sandbox",
    'Cross-Origin-Resource-Policy': 'cross-origin',
    'Access-Control-Allow-Origin': '*',
  };
  if (c.req.header('If-None-Match') === etag) return c.body(null, 304, headers);
  return c.body(object.body, 200, headers);
});
