import type { RatingSummary, RatingVoteResult } from '@civic-widgets/contract';
import { articleRatingStatements } from './articles.js';
import { attempts, countAttempt, withinLimit } from './rate-limits.js';

export { deleteExpiredRateLimits } from './rate-limits.js';

interface SummaryRow {
  count: number | null;
  total: number | null;
  mine: number | null;
}

const toSummary = (item: string, row: Omit<SummaryRow, 'mine'> | null): RatingSummary => {
  const count = row?.count ?? 0;
  const total = row?.total ?? 0;
  return {
    item,
    average: count ? Math.round((total / count) * 100) / 100 : 0,
    count,
    total,
  };
};

// Two primary-key lookups: the item's totals row and this reader's vote (≤ 2 rows read).
const summarySql = (extraColumns = '') => `
  SELECT ${extraColumns} t.count, t.total, v.stars AS mine
  FROM (SELECT 1)
  LEFT JOIN rating_totals t ON t.site_id = ?1 AND t.item = ?2
  LEFT JOIN rating_votes v ON v.site_id = ?1 AND v.item = ?2 AND v.voter_key = ?3`;

/**
 * The summary everyone sees, as a bound statement: one primary-key lookup of the item's totals
 * (≤ 1 row read; exported so tests can measure its `meta.rows_read`). It holds nothing of the
 * reader's, so the edge cache may share it.
 */
export const ratingSummaryStatement = (db: D1Database, siteId: number, item: string) =>
  db.prepare('SELECT t.count, t.total FROM (SELECT 1) LEFT JOIN rating_totals t ON t.site_id = ?1 AND t.item = ?2').bind(siteId, item);

export async function getRatingSummary(db: D1Database, siteId: number, item: string): Promise<RatingSummary> {
  const row = await ratingSummaryStatement(db, siteId, item).first<SummaryRow>();
  return toSummary(item, row);
}

export interface Vote {
  siteId: number;
  item: string;
  voterKey: string;
  stars: number;
  /** the rate-limit bucket (a network key) and its one-minute window */
  networkKey: string;
  window: number;
  /** attempts allowed per bucket and window */
  limit: number;
  /** the Unix day (UTC) the vote is cast on, for the count of items first rated that day */
  day: number;
  /** the site's caps on new items: per day, and in all */
  itemsPerDay: number;
  itemsTotal: number;
}

/** Refused: over the rate limit (`hits` > limit), or (`full`) a new item past the site's caps. */
export type VoteResult = { ok: true; summary: Omit<RatingVoteResult, 'bookmark'> } | { ok: false; hits: number; full?: true };

// "This network is still within its limit", for the writes below. ?1 site, ?5 bucket, ?6 window, ?7 limit.
const WITHIN_LIMIT = withinLimit('?1', '?5', '?6', '?7');

export interface ItemRoom {
  /** the item has a totals row already: its votes never count against the caps */
  known: boolean;
  /** items first rated today, and in all */
  today: number;
  total: number;
}

/** Whether a vote may start a new item: one read of ≤ 3 rows (the item's totals, two counters). */
export async function itemRoom(db: D1Database, siteId: number, item: string, day: number): Promise<ItemRoom> {
  const row = await db
    .prepare(
      `SELECT EXISTS (SELECT 1 FROM rating_totals WHERE site_id = ?1 AND item = ?2) AS known,
         coalesce((SELECT items FROM rating_item_counts WHERE site_id = ?1 AND day = ?3), 0) AS today,
         coalesce((SELECT items FROM rating_item_counts WHERE site_id = ?1 AND day = 0), 0) AS total`,
    )
    .bind(siteId, item, day)
    .first<{ known: number; today: number; total: number }>();
  return { known: row?.known === 1, today: row?.today ?? 0, total: row?.total ?? 0 };
}

/** Drops the per-day item counts of days before `day` (the totals, day 0, stay). Cron. */
export async function deleteOldItemCounts(db: D1Database, day: number): Promise<number> {
  const result = await db.prepare('DELETE FROM rating_item_counts WHERE day > 0 AND day < ?1').bind(day).run();
  return result.meta.changes;
}

/**
 * Casts or replaces one reader's vote in a single batch (one transaction): count the attempt,
 * start the item's totals if it is new and the site has room (and count it), move the totals by the difference from the reader's earlier vote, upsert the vote, read back,
 * and copy the new totals onto the article rated under this key, if D1 holds one.
 * Over the limit, or a new item without room, the writes do nothing and the caller refuses it.
 */
export async function castVote(db: D1Database, vote: Vote): Promise<VoteResult> {
  const binds = [
    vote.siteId,
    vote.item,
    vote.voterKey,
    vote.stars,
    vote.networkKey,
    vote.window,
    vote.limit,
    Math.floor(Date.now() / 1000),
    vote.day,
    vote.itemsPerDay,
    vote.itemsTotal,
  ];
  const KNOWN = 'EXISTS (SELECT 1 FROM rating_totals WHERE site_id = ?1 AND item = ?2)';
  const [, , , , read] = await db.batch<SummaryRow & { hits: number }>([
    countAttempt(db, vote.siteId, vote.networkKey, vote.window),
    // A new item gets its totals row only while the site has room (?10 a day, ?11 in all); the
    // check and the counts below are in this one transaction, so concurrent first votes cannot
    // overshoot the caps.
    db
      .prepare(
        `INSERT INTO rating_totals (site_id, item, count, total)
         SELECT ?1, ?2, old.stars IS NULL, ?4 - coalesce(old.stars, 0)
         FROM (SELECT 1)
         LEFT JOIN rating_votes old ON old.site_id = ?1 AND old.item = ?2 AND old.voter_key = ?3
         WHERE ${WITHIN_LIMIT} AND (${KNOWN}
           OR (coalesce((SELECT items FROM rating_item_counts WHERE site_id = ?1 AND day = ?9), 0) < ?10
               AND coalesce((SELECT items FROM rating_item_counts WHERE site_id = ?1 AND day = 0), 0) < ?11))
         ON CONFLICT (site_id, item) DO UPDATE SET count = count + excluded.count, total = total + excluded.total`,
      )
      .bind(...binds),
    // An item whose totals row exists but has no vote yet was created just above: count it,
    // today (?9) and in all (day 0). (Every item with totals has a vote row otherwise.)
    db
      .prepare(
        `INSERT INTO rating_item_counts (site_id, day, items)
         SELECT ?1, d.day, 1 FROM (SELECT ?9 AS day UNION ALL SELECT 0) d
         WHERE ${KNOWN} AND NOT EXISTS (SELECT 1 FROM rating_votes WHERE site_id = ?1 AND item = ?2)
         ON CONFLICT (site_id, day) DO UPDATE SET items = items + 1`,
      )
      .bind(...binds.slice(0, 9)),
    db
      .prepare(
        `INSERT INTO rating_votes (site_id, item, voter_key, stars, voted_at)
         SELECT ?1, ?2, ?3, ?4, ?8
         WHERE ${WITHIN_LIMIT} AND ${KNOWN}
         ON CONFLICT (site_id, item, voter_key) DO UPDATE SET stars = excluded.stars, voted_at = excluded.voted_at`,
      )
      .bind(...binds.slice(0, 8)),
    db.prepare(summarySql(`${attempts('?1', '?4', '?5')} AS hits,`)).bind(vote.siteId, vote.item, vote.voterKey, vote.networkKey, vote.window),
    // the counts copied on the article rated under this key, for lists and "top rated"
    ...articleRatingStatements(db, vote.siteId, vote.item),
  ]);
  const row = read?.results[0] ?? null;
  if (!row || row.hits > vote.limit) return { ok: false, hits: row?.hits ?? 0 };
  if (row.count === null) return { ok: false, hits: row.hits, full: true };
  return { ok: true, summary: { ...toSummary(vote.item, row), mine: row.mine ?? vote.stars } };
}
