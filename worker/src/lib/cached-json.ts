import type { Context } from 'hono';
import { sha256Hex } from './crypto.js';

/**
 * A cacheable JSON read: a strong ETag over the body, and 304 when the client already has it.
 * `cacheControl` says who may keep it (a read that includes the reader's own vote is private).
 */
export async function cachedJson(c: Context, body: unknown, cacheControl: string): Promise<Response> {
  const text = JSON.stringify(body);
  const etag = `"${(await sha256Hex(text)).slice(0, 32)}"`;
  const headers = { ETag: etag, 'Cache-Control': cacheControl };
  const ifNoneMatch = c.req.header('If-None-Match');
  if (ifNoneMatch && ifNoneMatch.split(',').some((tag) => ['*', etag].includes(tag.trim().replace(/^W\//, '')))) {
    return c.body(null, 304, headers);
  }
  return c.body(text, 200, { ...headers, 'Content-Type': 'application/json; charset=utf-8' });
}
