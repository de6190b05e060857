import { Hono } from 'hono';
import * as z from 'zod';
import { ItemKey, RatingVote, type RatingVoteResult } from '@civic-widgets/contract';
import type { AppEnv } from '../env.js';
import { castVote, getRatingSummary } from '../db/ratings.js';
import { cachedJson } from '../lib/cached-json.js';
import { jsonBody } from '../lib/json-body.js';
import { requireSiteOrigin } from '../lib/origins.js';
import { recordWrite } from '../lib/site-scope.js';
import { tooManyRequests, windowOf } from '../lib/rate-limit.js';
import { networkKey, voterKey } from '../lib/reader.js';
import { validate } from '../lib/validate.js';

const ItemParam = z.object({ item: ItemKey });

/** `/api/v1/sites/:site/ratings/:item`: a summary anyone may read, a vote a reader may cast. */
export const ratings = new Hono<AppEnv>()
  .get('/:item', validate('param', ItemParam), async (c) => {
    const { item } = c.req.valid('param');
    const summary = await getRatingSummary(c.env.DB, c.var.site.id, item);
    // The same for every reader, so the edge cache shares it; browsers revalidate (a 304 costs
    // no D1 read at the edge), so a new vote shows at the next load.
    return cachedJson(c, summary, 'public, no-cache');
  })
  .put('/:item', requireSiteOrigin, jsonBody(1024), validate('param', ItemParam), validate('json', RatingVote), async (c) => {
    const { item } = c.req.valid('param');
    const { stars } = c.req.valid('json');
    const now = Math.floor(Date.now() / 1000);
    const result = await castVote(c.env.DB, {
      siteId: c.var.site.id,
      item,
      voterKey: await voterKey(c, item),
      stars,
      networkKey: await networkKey(c),
      window: windowOf(now),
      limit: Number(c.env.VOTES_PER_MINUTE) || 10,
    });
    if (!result.ok) throw tooManyRequests('votes', now);
    // the vote is counted: move the site's vote generation now, so the bookmark answered is after it
    const body: RatingVoteResult = { ...result.summary, bookmark: (await recordWrite(c, 'vote')) ?? '' };
    return c.json(body, 200, { 'Cache-Control': 'no-store' });
  });
