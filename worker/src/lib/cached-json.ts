import type { Context } from 'hono';
import { sha256Hex } from './crypto.js';

/** Whether an `If-None-Match` header names `etag` (or `*`): the client already has this answer. */
export const hasEtag = (ifNoneMatch: string | undefined, etag: string) =>
  !!ifNoneMatch && ifNoneMatch.split(',').some((tag) => ['*', etag].includes(tag.trim().replace(/^W\//, '')));

/**
 * A cacheable JSON read: a strong ETag over the body, and 304 when the client already has it
 * (unless the edge cache is filling: it needs the body, and answers the 304 itself).
 * `cacheControl` says who may keep it.
 */
export async function cachedJson(c: Context, body: unknown, cacheControl: string): Promise<Response> {
  const text = JSON.stringify(body);
  const etag = `"${(await sha256Hex(text)).slice(0, 32)}"`;
  const headers = { ETag: etag, 'Cache-Control': cacheControl };
  if (!c.get('edgeFill') && hasEtag(c.req.header('If-None-Match'), etag)) {
    return c.body(null, 304, headers);
  }
  return c.body(text, 200, { ...headers, 'Content-Type': 'application/json; charset=utf-8' });
}
