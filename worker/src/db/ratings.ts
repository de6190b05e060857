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
}

export type VoteResult = { ok: true; summary: Omit<RatingVoteResult, 'bookmark'> } | { ok: false; hits: number };

// "This network is still within its limit", for the writes below. ?1 site, ?5 bucket, ?6 window, ?7 limit.
const WITHIN_LIMIT = withinLimit('?1', '?5', '?6', '?7');

/**
 * Casts or replaces one reader's vote in a single batch (one transaction): count the attempt,
 * move the totals by the difference from the reader's earlier vote, upsert the vote, read back,
 * and copy the new totals onto the article rated under this key, if D1 holds one.
 * Over the limit, the two writes do nothing and the caller answers 429.
 */
export async function castVote(db: D1Database, vote: Vote): Promise<VoteResult> {
  const binds = [vote.siteId, vote.item, vote.voterKey, vote.stars, vote.networkKey, vote.window, vote.limit, Math.floor(Date.now() / 1000)];
  const [, , , read] = await db.batch<SummaryRow & { hits: number }>([
    countAttempt(db, vote.siteId, vote.networkKey, vote.window),
    db
      .prepare(
        `INSERT INTO rating_totals (site_id, item, count, total)
         SELECT ?1, ?2, old.stars IS NULL, ?4 - coalesce(old.stars, 0)
         FROM (SELECT 1)
         LEFT JOIN rating_votes old ON old.site_id = ?1 AND old.item = ?2 AND old.voter_key = ?3
         WHERE ${WITHIN_LIMIT}
         ON CONFLICT (site_id, item) DO UPDATE SET count = count + excluded.count, total = total + excluded.total`,
      )
      .bind(...binds.slice(0, 7)),
    db
      .prepare(
        `INSERT INTO rating_votes (site_id, item, voter_key, stars, voted_at)
         SELECT ?1, ?2, ?3, ?4, ?8
         WHERE ${WITHIN_LIMIT}
         ON CONFLICT (site_id, item, voter_key) DO UPDATE SET stars = excluded.stars, voted_at = excluded.voted_at`,
      )
      .bind(...binds),
    db
      .prepare(
        summarySql(`${attempts('?1', '?4', '?5')} AS hits,`),
      )
      .bind(vote.siteId, vote.item, vote.voterKey, vote.networkKey, vote.window),
    // the counts copied on the article rated under this key, for lists and "top rated"
    ...articleRatingStatements(db, vote.siteId, vote.item),
  ]);
  const row = read?.results[0] ?? null;
  if (!row || row.hits > vote.limit) return { ok: false, hits: row?.hits ?? 0 };
  return { ok: true, summary: { ...toSummary(vote.item, row), mine: row.mine ?? vote.stars } };
}
