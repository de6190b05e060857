import { createMiddleware } from 'hono/factory';
import { SiteSlug } from '@civic-widgets/contract';
import type { AppEnv } from '../env.js';
import { findSiteBySlug, type SiteRecord } from '../db/sites.js';
import { ApiError } from './errors.js';

// Sites change rarely and are read on every request: an isolate keeps each for a minute, so a
// rating read costs only its own rows. An admin's change is seen at once by the isolate that
// made it (`forgetSite`) and within a minute by the others. Only sites that exist are kept: a
// miss is not cached, so a site created after its slug was asked for is served at once, and
// requests for made-up slugs cannot grow the cache.
const TTL_MS = 60_000;
const cache = new Map<string, { site: SiteRecord; until: number }>();

export async function loadSite(db: D1Database, slug: string): Promise<SiteRecord | null> {
  const hit = cache.get(slug);
  if (hit && hit.until > Date.now()) return hit.site;
  const site = await findSiteBySlug(db, slug);
  if (site) cache.set(slug, { site, until: Date.now() + TTL_MS });
  else cache.delete(slug);
  return site;
}

export const forgetSite = (slug: string) => cache.delete(slug);

/** Resolves `:site` to its record on `c.var.site`, or answers 404. */
export const siteScope = createMiddleware<AppEnv>(async (c, next) => {
  const slug = c.req.param('site') ?? '';
  const site = SiteSlug.safeParse(slug).success ? await loadSite(c.env.DB, slug) : null;
  // Readable from any page (it holds nothing of any site's), so a widget with a mistyped `site`
  // can say "not found" instead of seeing only a failed request.
  if (!site) throw new ApiError(404, `No site named "${slug.slice(0, 64)}".`, undefined, { 'Access-Control-Allow-Origin': '*' });
  c.set('site', site);
  await next();
});
