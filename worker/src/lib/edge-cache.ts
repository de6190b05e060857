import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { SiteSlug } from '@civic-widgets/contract';
import type { AppEnv } from '../env.js';
import type { SiteRecord } from '../db/sites.js';
import { hasEtag } from './cached-json.js';
import { BOOKMARK_PARAM, loadSite } from './site-scope.js';

/**
 * How long the edge keeps an answer at most. A write never waits for it (it moves the site's
 * generation, which is in every key); it bounds what no write announces: a photo album or an
 * article whose publication time passes, a link found broken by the Cron Trigger.
 */
export const EDGE_TTL_SECONDS = 60;
/** the answer's own Cache-Control, kept beside the edge's while stored */
const ORIGINAL_CACHE_CONTROL = 'X-Civic-Cache-Control';
/** HIT (from the edge cache), MISS (read from D1 and stored), or BYPASS (an editor's request) */
export const EDGE_CACHE_HEADER = 'X-Edge-Cache';
/** sites one article list may gather (`?sites=`): more is a 400 from the list itself, never cached */
const MAX_LISTED_SITES = 20;

/** What one fill produced, for the requests of the same burst that waited for it. */
interface Snapshot {
  headers: [string, string][];
  body: ArrayBuffer;
}

const filling = new Map<string, Promise<Snapshot | null>>();

const generationsOf = (site: SiteRecord, votes: boolean) => `${site.id}.${site.contentGeneration}${votes ? `.${site.voteGeneration}` : ''}`;

/**
 * The cache key of a public read: its URL (origin, path and sorted query: answers hold absolute
 * URLs on the origin asked) and the generations of every site it reads — the site's id, so a site
 * made again under an old slug never meets the old one's entries. Ratings and article lists
 * (which show ratings) also change with votes. Null: not cacheable.
 */
async function cacheKey(c: Context<AppEnv>): Promise<Request | null> {
  const url = new URL(c.req.url);
  const votes = /^\/api\/v1\/sites\/[^/]+\/(ratings|articles)(\/|$)/.test(url.pathname);
  const generations = [generationsOf(c.var.site, votes)];
  const listed = url.searchParams.get('sites');
  if (listed !== null) {
    const slugs = listed.split(',');
    if (slugs.length > MAX_LISTED_SITES || !slugs.every((slug) => SiteSlug.safeParse(slug).success)) return null;
    for (const site of await Promise.all(slugs.map((slug) => loadSite(c.env.DB, slug)))) {
      if (!site) return null;
      generations.push(generationsOf(site, votes));
    }
  }
  // a bookmark says how fresh the read must be, which the generations already ensure
  url.searchParams.delete(BOOKMARK_PARAM);
  url.searchParams.sort();
  url.searchParams.set('_g', generations.join('~'));
  return new Request(url.href, { method: 'GET' });
}

/** A response to send, from a stored or snapshot one: its own Cache-Control back, 304 if the client has it. */
function answer(c: Context<AppEnv>, headers: Headers, body: BodyInit | null, status: 'HIT' | 'MISS'): Response {
  headers.set('Cache-Control', headers.get(ORIGINAL_CACHE_CONTROL) ?? 'no-cache');
  headers.delete(ORIGINAL_CACHE_CONTROL);
  headers.set(EDGE_CACHE_HEADER, status);
  if (hasEtag(c.req.header('If-None-Match'), headers.get('ETag') ?? '')) {
    headers.delete('Content-Type');
    headers.delete('Content-Length');
    return new Response(null, { status: 304, headers });
  }
  return new Response(body, { status: 200, headers });
}

/** Runs the handler for a cacheable read; a public 200 is stored and returned as a snapshot. */
async function fill(c: Context<AppEnv>, next: () => Promise<void>, key: Request): Promise<Snapshot | null> {
  c.set('edgeFill', true);
  await next();
  const response = c.res;
  if (response.status !== 200 || !/\bpublic\b/.test(response.headers.get('Cache-Control') ?? '')) return null;
  const body = await response.arrayBuffer();
  const headers = new Headers(response.headers);
  // what differs per request (CORS, the session's bookmark) is added per request, never stored
  for (const name of [...headers.keys()]) if (/^(access-control-|vary$|x-d1-bookmark$|set-cookie$)/i.test(name)) headers.delete(name);
  headers.set(ORIGINAL_CACHE_CONTROL, headers.get('Cache-Control')!);
  headers.set('Cache-Control', `public, max-age=${EDGE_TTL_SECONDS}`);
  try {
    await caches.default.put(key, new Response(body, { headers }));
  } catch (error) {
    // a read answered from D1 is still a good answer; the next one tries storing again
    console.error('edge cache: could not store', key.url, error);
  }
  return { headers: [...headers], body };
}

/**
 * The edge cache for a site's public reads (docs/edge-cache.md): answered from the Workers Cache
 * API under a key holding the site's generations, so the first read after a write misses and
 * reads D1. In one isolate, a burst of misses on one key shares one fill. A request with an
 * Authorization header (an editor's) neither reads nor fills it, and is answered private.
 */
export const edgeCache = createMiddleware<AppEnv>(async (c, next) => {
  if (c.req.header('Authorization') !== undefined) {
    await next();
    const cacheControl = c.res.headers.get('Cache-Control');
    if (cacheControl && /\bpublic\b/.test(cacheControl)) c.res.headers.set('Cache-Control', 'private, no-cache');
    c.res.headers.set(EDGE_CACHE_HEADER, 'BYPASS');
    return;
  }
  const key = c.req.method === 'GET' && typeof caches !== 'undefined' ? await cacheKey(c) : null;
  if (!key) return next();

  // (assigned, not returned: after a handler ran, Hono keeps c.res over a returned response)
  const stored = await caches.default.match(key);
  if (stored) {
    c.res = answer(c, new Headers(stored.headers), stored.body, 'HIT');
    return;
  }
  const pending = filling.get(key.url);
  if (pending) {
    const snapshot = await pending;
    if (snapshot) c.res = answer(c, new Headers(snapshot.headers), snapshot.body, 'HIT');
    else await next();
    return;
  }
  const filled = fill(c, next, key).finally(() => filling.delete(key.url));
  filling.set(key.url, filled);
  const snapshot = await filled;
  // not cacheable (an error, a private answer): the handler's own response stands
  if (snapshot) c.res = answer(c, new Headers(snapshot.headers), snapshot.body, 'MISS');
});
