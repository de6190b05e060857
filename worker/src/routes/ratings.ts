import { Hono } from 'hono';
import * as z from 'zod';
import { ItemKey, RatingSummary, RatingVote, RatingVoteResult } from '@civic-widgets/contract';
import type { AppEnv } from '../env.js';
import { castVote, getRatingSummary, itemRoom } from '../db/ratings.js';
import { cachedJson } from '../lib/cached-json.js';
import { ApiError } from '../lib/errors.js';
import { jsonBody } from '../lib/json-body.js';
import { failure, json, notModified, operations } from '../lib/openapi.js';
import { requireSiteOrigin } from '../lib/origins.js';
import { recordWrite } from '../lib/site-scope.js';
import { exhausted, preFilter, tooManyRequests, windowOf } from '../lib/rate-limit.js';
import { networkKey, voterKey } from '../lib/reader.js';
import { requireTurnstile } from '../lib/turnstile.js';
import { validate } from '../lib/validate.js';

const ItemParam = z.object({ item: ItemKey });
const DAY_SECONDS = 86_400;

/** The answer when a vote would start an item beyond the site's caps: nothing is written. */
function noRoom(cap: 'day' | 'total', limit: number, now: number): ApiError {
  const issue = { path: 'item', message: `this site takes ratings on at most ${limit} new items ${cap === 'day' ? 'a day' : 'in all'}` };
  if (cap === 'total') return new ApiError(403, `This site has reached its limit of ${limit} rated items; votes on items already rated still count.`, [issue]);
  const retryAfter = DAY_SECONDS - (now % DAY_SECONDS);
  return new ApiError(429, `This site has started ratings on ${limit} new items today; try again in ${retryAfter} s.`, [issue], {
    'Retry-After': String(retryAfter),
  });
}

const op = operations('ratings', {
  getRatingSummary: {
    summary: "An item's rating summary, the same for every reader (edge-cached; a reader's own vote is the PUT's answer)",
    description: "`item` is the portal's own key, URL-encoded; it need not exist anywhere else.",
    access: 'public',
    responses: { 200: json('The summary', RatingSummary), ...notModified },
  },
  castVote: {
    summary: "Cast or replace this reader's vote (from one of the site's origins)",
    access: 'public',
    responses: {
      200: json("The new summary, this reader's own vote, and the bookmark to read it at", RatingVoteResult),
      403: failure(
        'Not from one of the site\'s origins; no valid Turnstile token when the site asks for one (issue path "turnstile"); or a new item past the site\'s total cap (issue path "item")',
      ),
      429: failure('Too many votes from this network, or a new item past the site\'s cap for today (issue path "item"); see Retry-After'),
      503: failure('The Turnstile check could not be made (see Retry-After)'),
    },
  },
});

/** `/api/v1/sites/:site/ratings/:item`: a summary anyone may read, a vote a reader may cast. */
export const ratings = new Hono<AppEnv>()
  .get('/:item', validate('param', ItemParam), op.getRatingSummary, async (c) => {
    const { item } = c.req.valid('param');
    const summary = await getRatingSummary(c.env.DB, c.var.site.id, item);
    // The same for every reader, so the edge cache shares it; browsers revalidate (a 304 costs
    // no D1 read at the edge), so a new vote shows at the next load.
    return cachedJson(c, summary, 'public, no-cache');
  })
  .put('/:item', requireSiteOrigin, jsonBody(4096), validate('param', ItemParam), validate('json', RatingVote), op.castVote, async (c) => {
    const { item } = c.req.valid('param');
    const { stars, turnstile } = c.req.valid('json');
    const { site } = c.var;
    const now = Math.floor(Date.now() / 1000);
    const bucket = await networkKey(c);
    const window = windowOf(now);
    const limit = Number(c.env.VOTES_PER_MINUTE) || 10;
    // Refusals come before any D1 write: over the limit as this isolate counts it, no valid
    // Turnstile token, an item beyond the site's caps.
    preFilter('votes', bucket, window, limit, now);
    await requireTurnstile(c, turnstile);
    const day = Math.floor(now / DAY_SECONDS);
    const room = await itemRoom(c.env.DB, site.id, item, day);
    if (!room.known && room.total >= site.ratingItemsTotal) throw noRoom('total', site.ratingItemsTotal, now);
    if (!room.known && room.today >= site.ratingItemsPerDay) throw noRoom('day', site.ratingItemsPerDay, now);
    const result = await castVote(c.env.DB, {
      siteId: site.id,
      item,
      voterKey: await voterKey(c, item),
      stars,
      networkKey: bucket,
      window,
      limit,
      day,
      itemsPerDay: site.ratingItemsPerDay,
      itemsTotal: site.ratingItemsTotal,
    });
    // another first vote took the last room between the check above and the batch
    if (!result.ok && result.full) {
      const taken = await itemRoom(c.env.DB, site.id, item, day);
      throw taken.total >= site.ratingItemsTotal ? noRoom('total', site.ratingItemsTotal, now) : noRoom('day', site.ratingItemsPerDay, now);
    }
    if (!result.ok) {
      exhausted(bucket, window, limit);
      throw tooManyRequests('votes', now);
    }
    // the vote is counted: move the site's vote generation now, so the bookmark answered is after it
    const body: RatingVoteResult = { ...result.summary, bookmark: (await recordWrite(c, 'vote')) ?? '' };
    return c.json(body, 200, { 'Cache-Control': 'no-store' });
  });
