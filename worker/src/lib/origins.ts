import type { Context } from 'hono';
import { cors } from 'hono/cors';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../env.js';
import type { SiteRecord } from '../db/sites.js';
import { ApiError } from './errors.js';
import { documents, failure } from './openapi.js';
import { BOOKMARK_HEADER } from './site-scope.js';

/** A site may be embedded from its listed origins, and from this worker's own (the demo pages). */
export function isAllowedOrigin(c: Context<AppEnv>, site: SiteRecord, origin: string | undefined): boolean {
  if (!origin) return false;
  return origin === new URL(c.req.url).origin || site.origins.includes(origin);
}

/** CORS for a site's routes: only its allowed origins may read answers or send JSON writes. */
export const siteCors = cors({
  origin: (origin, c: Context<AppEnv>) => (isAllowedOrigin(c, c.var.site, origin) ? origin : null),
  allowMethods: ['GET', 'HEAD', 'PUT', 'PATCH', 'POST', 'DELETE'],
  allowHeaders: ['Content-Type', 'Authorization', 'If-None-Match', BOOKMARK_HEADER],
  exposeHeaders: ['ETag', 'Retry-After', BOOKMARK_HEADER],
  maxAge: 86400,
});

/**
 * Readers' writes must come from a page of the site: browsers send `Origin` on every
 * cross-origin or non-GET request, and CORS alone does not stop a write from running.
 */
export const requireSiteOrigin = createMiddleware<AppEnv>(async (c, next) => {
  const origin = c.req.header('Origin');
  if (!isAllowedOrigin(c, c.var.site, origin)) {
    throw new ApiError(
      403,
      origin ? `Origin ${origin.slice(0, 200)} may not write to this site.` : 'Writes must come from a page of the site (no Origin header).',
    );
  }
  await next();
});
documents(requireSiteOrigin, { responses: { 403: failure('Not from one of the site’s origins') } });
