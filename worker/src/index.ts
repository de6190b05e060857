import { Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import type { AppEnv, Env } from './env.js';
import { deleteExpiredRateLimits } from './db/ratings.js';
import { ApiError, handleError } from './lib/errors.js';
import { siteCors } from './lib/origins.js';
import { checkLinks } from './lib/link-health.js';
import { siteScope } from './lib/site-scope.js';
import { syncDueFeeds } from './lib/feed-import.js';
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
import { ratings } from './routes/ratings.js';
import { ratingStats } from './routes/rating-stats.js';
import { sites } from './routes/sites.js';

/** Everything under `/api/v1/sites/:site`: the site is resolved first, then CORS for its origins. */
const site = new Hono<AppEnv>()
  .use(siteScope, siteCors)
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

const app = new Hono<AppEnv>()
  .use('/api/*', secureHeaders({ crossOriginResourcePolicy: 'cross-origin' }))
  .get('/api/v1/ping', (c) => c.json({ ok: true }))
  .route('/api/v1/openapi.json', openapi)
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

export default {
  // a write sees D1 through the audit log (lib/audit.ts); reads see it as it is
  fetch: (request, env, ctx) => app.fetch(request, ['GET', 'HEAD', 'OPTIONS'].includes(request.method) ? env : auditedEnv(env), ctx),
  async scheduled(controller, env) {
    const currentWindow = Math.floor(controller.scheduledTime / 60_000);
    await deleteExpiredRateLimits(env.DB, currentWindow - 1);
    // Existing portals' feeds: those not fetched for ten minutes, a few per run.
    await syncDueFeeds(env.DB);
    await checkLinks(env.DB, { now: controller.scheduledTime });
    // the audit log keeps a year (and a day)
    await deleteOldAudit(env.DB, Math.floor(controller.scheduledTime / 1000) - 366 * 86_400);
  },
} satisfies ExportedHandler<Env>;
