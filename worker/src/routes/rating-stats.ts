import { Hono } from 'hono';
import * as z from 'zod';
import { DailyVotes, DailyVotesQuery, ItemKey, RatingStatsList, RatingStatsQuery } from '@civic-widgets/contract';
import type { AppEnv } from '../env.js';
import { dailyVotes, listRatingStats, resetRating, type StatsPosition } from '../db/rating-stats.js';
import { requireAdmin } from '../lib/auth.js';
import { ApiError } from '../lib/errors.js';
import { empty, failure, json, operations } from '../lib/openapi.js';
import { invalidFields, validate } from '../lib/validate.js';

const noStore = { 'Cache-Control': 'no-store' };

const encodeCursor = (position: StatsPosition) => btoa(encodeURIComponent(JSON.stringify([position.value, position.item])));
function decodeCursor(cursor: string | undefined): StatsPosition | null {
  if (cursor === undefined) return null;
  try {
    const [value, item] = JSON.parse(decodeURIComponent(atob(cursor))) as unknown[];
    if (typeof value === 'number' && Number.isFinite(value) && typeof item === 'string') return { value, item };
  } catch {
    // answered below
  }
  throw invalidFields([{ path: 'cursor', message: 'send a nextCursor from the previous page' }], 'query');
}

/** The site's UTC offset now, in seconds (Vietnam keeps one all year). */
function utcOffset(timeZone: string, at: Date): number {
  const local = new Date(at.toLocaleString('en-US', { timeZone }));
  const utc = new Date(at.toLocaleString('en-US', { timeZone: 'UTC' }));
  return Math.round((local.getTime() - utc.getTime()) / 1000);
}

const op = operations('ratings', {
  listRatingStats: {
    summary: "The site's rated items, by number of votes or by average",
    access: 'token',
    responses: { 200: json('A page of items', RatingStatsList) },
  },
  getDailyVotes: { summary: "Votes per day in the site's time zone", access: 'token', responses: { 200: json('The days, oldest first', DailyVotes) } },
  resetRating: {
    summary: "Forget an item's votes (the audit log records it)",
    access: 'token',
    responses: { 204: empty('Forgotten'), 404: failure('Nobody has rated this item') },
  },
});

/**
 * The console's ratings statistics (admin): `GET …/ratings` ranks the site's items,
 * `GET …/ratings-daily` counts votes per day in the site's time zone, `DELETE …/ratings/:item`
 * forgets an item's votes (the audit log records it).
 */
export const ratingStats = new Hono<AppEnv>()
  .get('/ratings', requireAdmin, validate('query', RatingStatsQuery), op.listRatingStats, async (c) => {
    const { sort, limit, cursor } = c.req.valid('query');
    const page = await listRatingStats(c.env.DB, c.var.site.id, sort, decodeCursor(cursor), limit);
    const body: RatingStatsList = { items: page.items, nextCursor: page.next && encodeCursor(page.next) };
    return c.json(body, 200, noStore);
  })
  .get('/ratings-daily', requireAdmin, validate('query', DailyVotesQuery), op.getDailyVotes, async (c) => {
    const { days, item } = c.req.valid('query');
    const now = new Date();
    const offset = utcOffset(c.var.site.timeZone, now);
    const today = Math.floor((now.getTime() / 1000 + offset) / 86_400) * 86_400; // local midnight, as UTC seconds
    const first = today - (days - 1) * 86_400;
    const counts = await dailyVotes(c.env.DB, c.var.site.id, first - offset, offset, item);
    const body: DailyVotes = {
      days: Array.from({ length: days }, (_, i) => {
        const date = new Date((first + i * 86_400) * 1000).toISOString().slice(0, 10);
        return { date, votes: counts.get(date) ?? 0 };
      }),
    };
    return c.json(body, 200, noStore);
  })
  .delete('/ratings/:item', requireAdmin, validate('param', z.object({ item: ItemKey })), op.resetRating, async (c) => {
    const { item } = c.req.valid('param');
    if (!(await resetRating(c.env.DB, c.var.site.id, item))) throw new ApiError(404, 'Nobody has rated this item.');
    return c.body(null, 204);
  });
