import { Hono } from 'hono';
import * as z from 'zod';
import { FeedInput, type Feed, type FeedList, type FeedSyncResult } from '@civic-widgets/contract';
import type { AppEnv } from '../env.js';
import { deleteFeed, findFeed, insertFeed, listFeeds, type FeedRecord } from '../db/feeds.js';
import { requireAdmin } from '../lib/auth.js';
import { siteCategories } from '../lib/categories.js';
import { ApiError } from '../lib/errors.js';
import { syncFeed } from '../lib/feed-import.js';
import { jsonBody } from '../lib/json-body.js';
import { allowsPrivateTargets, refusePrivateTargets } from '../lib/targets.js';
import { invalidFields, validate } from '../lib/validate.js';

const IdParam = z.object({ id: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER) });
const iso = (seconds: number | null) => (seconds ? new Date(seconds * 1000).toISOString() : null);
const noStore = { 'Cache-Control': 'no-store' };

const toFeed = (feed: FeedRecord): Feed => ({
  id: feed.id,
  url: feed.url,
  category: feed.category,
  status: feed.status,
  error: feed.error,
  fetchedAt: iso(feed.fetchedAt),
  importedAt: iso(feed.importedAt),
  failures: feed.failures,
  nextAttemptAt: iso(feed.nextAttemptAt),
  articleCount: feed.articleCount,
});

/** `/api/v1/sites/:site/feeds`: the site admin registers existing portals' feeds and syncs them now. */
export const feeds = new Hono<AppEnv>()
  .use(requireAdmin)
  .get('/', async (c) => {
    const body: FeedList = { items: (await listFeeds(c.env.DB, c.var.site.id)).map(toFeed) };
    return c.json(body, 200, noStore);
  })
  .post('/', jsonBody(8 * 1024), validate('json', FeedInput), async (c) => {
    const siteId = c.var.site.id;
    const { url, category } = c.req.valid('json');
    refusePrivateTargets(c.env, [['url', url]]);
    let categoryId: number | null = null;
    if (category) {
      categoryId = (await siteCategories(c.env.DB, siteId, { fresh: true })).find((c) => c.slug === category)?.id ?? null;
      if (categoryId === null) throw invalidFields([{ path: 'category', message: `no category "${category}" in this site` }]);
    }
    const id = await insertFeed(c.env.DB, siteId, url, categoryId);
    if (id === null) throw new ApiError(409, 'This site already imports that feed.');
    return c.json(toFeed((await findFeed(c.env.DB, siteId, id))!), 201, noStore);
  })
  .delete('/:id', validate('param', IdParam), async (c) => {
    if (!(await deleteFeed(c.env.DB, c.var.site.id, c.req.valid('param').id))) throw new ApiError(404, 'No such feed.');
    return c.body(null, 204);
  })
  .post('/:id/sync', validate('param', IdParam), async (c) => {
    const feed = await findFeed(c.env.DB, c.var.site.id, c.req.valid('param').id);
    if (!feed) throw new ApiError(404, 'No such feed.');
    const { feed: after, ...counts } = await syncFeed(c.env.DB, feed, { allowPrivate: allowsPrivateTargets(c.env) });
    const body: FeedSyncResult = { ...counts, feed: toFeed(after) };
    return c.json(body, 200, noStore);
  });
