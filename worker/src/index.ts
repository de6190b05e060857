import { Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import type { AppEnv, Env } from './env.js';
import { deleteExpiredRateLimits, deleteOldItemCounts } from './db/ratings.js';
import { bumpGeneration } from './db/sites.js';
import { edgeCache } from './lib/edge-cache.js';
import { ApiError, handleError } from './lib/errors.js';
import { siteCors } from './lib/origins.js';
import { checkLinks } from './lib/link-health.js';
import { siteScope } from './lib/site-scope.js';
import { importQueuedFeeds, syncDueFeeds, type FeedMessage } from './lib/feed-import.js';
import { runSteps } from './lib/steps.js';
import { allowsPrivateTargets } from './lib/targets.js';
import { articles } from './routes/articles.js';
import { categories } from './routes/categories.js';
import { feeds } from './routes/feeds.js';
import { albums, photos } from './routes/albums.js';
import { audit } from './routes/audit.js';
import { me, operatorSites } from './routes/console.js';
import { tokens } from './routes/tokens.js';
import { deleteOldAudit } from './db/audit.js';
import { auditedEnv } from './lib/audit.js';
import { go } from './routes/go.js';
import { media } from './routes/media.js';
import { links } from './routes/links.js';
import { openapi } from './routes/openapi.js';
import { ping } from './routes/ping.js';
import { ratings } from './routes/ratings.js';
import { ratingStats } from './routes/rating-stats.js';
import { sites } from './routes/sites.js';

/**
 * Everything under `/api/v1/sites/:site`: the site is resolved first (and the request gets its D1
 * session), then CORS for its origins, then the edge cache for public reads (docs/edge-cache.md).
 */
const site = new Hono<AppEnv>()
  .use(siteScope, siteCors, edgeCache)
  .route('/', sites)
  .route('/ratings', ratings)
  .route('/', ratingStats)
  .route('/articles', articles)
  .route('/categories', categories)
  .route('/feeds', feeds)
  .route('/albums', albums)
  .route('/photos', photos)
  .route('/links', links)
  .route('/tokens', tokens)
  .route('/audit', audit);

/** The whole app (exported for the test that checks every route it serves is documented). */
export const app = new Hono<AppEnv>()
  .use('/api/*', secureHeaders({ crossOriginResourcePolicy: 'cross-origin' }))
  .route('/api/v1/ping', ping)
  // the document is generated from this app's own routes (docs/api.md)
  .route(
    '/api/v1/openapi.json',
    openapi((): Hono<AppEnv> => app),
  )
  .route('/api/v1/me', me)
  .route('/api/v1/sites', operatorSites)
  .route('/api/v1/sites/:site', site)
  .route('/go', go)
  .route('/media', media)
  .notFound((c) => {
    throw new ApiError(404, `Nothing at ${new URL(c.req.url).pathname.slice(0, 200)}.`);
  })
  .onError(handleError);

export type AppType = typeof app;

/** What a scheduled step or a queued import changed is read fresh at once, as after an admin's write (docs/edge-cache.md). */
const bumpContent = (db: D1Database, siteIds: Iterable<number>) => Promise.all([...new Set(siteIds)].map((siteId) => bumpGeneration(db, siteId, 'content')));

export default {
  // a write sees D1 through the audit log (lib/audit.ts); reads see it as it is
  fetch: (request, env, ctx) => app.fetch(request, ['GET', 'HEAD', 'OPTIONS'].includes(request.method) ? env : auditedEnv(env), ctx),
  async scheduled(controller, env) {
    const now = controller.scheduledTime;
    const allowPrivate = allowsPrivateTargets(env);
    // Each step on its own: a failing feed, or D1 failing in one step, never stops the others.
    const bump = (siteIds: Iterable<number>) => bumpContent(env.DB, siteIds);
    await runSteps({
      'rate-limit cleanup': () => deleteExpiredRateLimits(env.DB, Math.floor(now / 60_000) - 1),
      // the per-day counts of newly rated items: today's and yesterday's are kept
      'rated-item counts': () => deleteOldItemCounts(env.DB, Math.floor(now / 86_400_000) - 1),
      // click-key cleanup, then the links due for a check, fairly across sites
      links: async () => bump((await checkLinks(env.DB, { now, allowPrivate })).sites),
      // Existing portals' feeds, last (they cost the most CPU; should the platform end the run on
      // one, the steps above are done): those due, fairly across sites, sent to the feeds queue
      // (imported by queue() below), or a few imported here while no queue is bound.
      feeds: async () => {
        const { synced } = await syncDueFeeds(env.DB, { now, allowPrivate, queue: env.FEED_QUEUE });
        await bump(synced.filter((result) => result.created + result.updated > 0).map((result) => result.feed.siteId));
      },
      // the audit log keeps a year (and a day)
      'audit log': () => deleteOldAudit(env.DB, Math.floor(now / 1000) - 366 * 86_400),
    });
  },
  // the feeds the Cron Trigger queued: each acked once imported (or found gone), retried only while D1 fails
  async queue(batch, env) {
    const changed = await importQueuedFeeds(batch as MessageBatch<FeedMessage>, env.DB, { allowPrivate: allowsPrivateTargets(env) });
    await bumpContent(env.DB, changed).catch((error: Error) => console.error(`feeds queue: the edge cache generations could not be bumped: ${error.message}`));
  },
} satisfies ExportedHandler<Env>;
