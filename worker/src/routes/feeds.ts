import { Hono } from 'hono';
import * as z from 'zod';
import { Feed, FeedInput, FeedList, FeedSyncResult } from '@civic-widgets/contract';
import type { AppEnv } from '../env.js';
import { deleteFeed, findFeed, insertFeed, listFeeds, type FeedRecord } from '../db/feeds.js';
import { requireAdmin } from '../lib/auth.js';
import { siteCategories } from '../lib/categories.js';
import { ApiError } from '../lib/errors.js';
import { syncFeed } from '../lib/feed-import.js';
import { jsonBody } from '../lib/json-body.js';
import { empty, failure, json, operations } from '../lib/openapi.js';
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

const op = operations('feeds', {
  listFeeds: { summary: "The site's feeds and how their last fetch went", access: 'token', responses: { 200: json('The feeds', FeedList) } },
  createFeed: {
    summary: "Import an existing portal's RSS or Atom feed (the Cron Trigger fetches it)",
    access: 'token',
    responses: { 201: json('The feed', Feed), 409: failure('The site already imports it, or has as many feeds as it may') },
  },
  deleteFeed: { summary: 'Stop importing a feed (its articles stay)', access: 'token', responses: { 204: empty('Deleted'), 404: failure('No such feed') } },
  syncFeed: {
    summary: 'Fetch the feed now (a conditional GET) and upsert its items; a failure is recorded on the feed',
    access: 'token',
    responses: { 200: json('What the fetch did', FeedSyncResult), 404: failure('No such feed') },
  },
});

/** `/api/v1/sites/:site/feeds`: the site admin registers existing portals' feeds and syncs them now. */
export const feeds = new Hono<AppEnv>()
  .use(requireAdmin)
  .get('/', op.listFeeds, async (c) => {
    const body: FeedList = { items: (await listFeeds(c.env.DB, c.var.site.id)).map(toFeed) };
    return c.json(body, 200, noStore);
  })
  .post('/', jsonBody(8 * 1024), validate('json', FeedInput), op.createFeed, async (c) => {
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
  .delete('/:id', validate('param', IdParam), op.deleteFeed, async (c) => {
    if (!(await deleteFeed(c.env.DB, c.var.site.id, c.req.valid('param').id))) throw new ApiError(404, 'No such feed.');
    return c.body(null, 204);
  })
  .post('/:id/sync', validate('param', IdParam), op.syncFeed, async (c) => {
    const feed = await findFeed(c.env.DB, c.var.site.id, c.req.valid('param').id);
    if (!feed) throw new ApiError(404, 'No such feed.');
    const { feed: after, ...counts } = await syncFeed(c.env.DB, feed, { allowPrivate: allowsPrivateTargets(c.env) });
    const body: FeedSyncResult = { ...counts, feed: toFeed(after) };
    return c.json(body, 200, noStore);
  });
