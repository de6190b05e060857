import type { ItemRatingStats } from '@civic-widgets/contract';
import { articleRatingStatements } from './articles.js';

// The console's view of a site's ratings: items ranked by votes or by average, votes per day, and
// an item's reset. Each list walks an index of migration 0013.

export type StatsSort = 'most-rated' | 'top-rated';

/** Where a page starts: the (value, item) of the previous page's last row. */
export interface StatsPosition {
  value: number;
  item: string;
}

const AVERAGE = 'CAST(total AS REAL) / count';
const ORDER: Record<StatsSort, string> = { 'most-rated': 'count', 'top-rated': `(${AVERAGE})` };

interface StatsRow {
  item: string;
  count: number;
  total: number;
  last_vote_at: number | null;
}

export async function listRatingStats(
  db: D1Database,
  siteId: number,
  sort: StatsSort,
  after: StatsPosition | null,
  limit: number,
): Promise<{ items: ItemRatingStats[]; next: StatsPosition | null }> {
  const key = ORDER[sort];
  const { results } = await db
    .prepare(
      `SELECT t.item, t.count, t.total,
         (SELECT max(v.voted_at) FROM rating_votes v WHERE v.site_id = t.site_id AND v.item = t.item) AS last_vote_at
       FROM rating_totals t
       WHERE t.site_id = ?1 AND t.count > 0 AND (?2 IS NULL OR ${key} < ?2 OR (${key} = ?2 AND t.item > ?3))
       ORDER BY ${key} DESC, t.item LIMIT ?4`,
    )
    .bind(siteId, after?.value ?? null, after?.item ?? '', limit + 1)
    .all<StatsRow>();
  const items = results.slice(0, limit).map((row) => ({
    item: row.item,
    count: row.count,
    average: Math.round((row.total / row.count) * 100) / 100,
    lastVoteAt: row.last_vote_at === null ? null : new Date(row.last_vote_at * 1000).toISOString(),
  }));
  const last = results.length > limit ? results[limit - 1]! : null;
  return { items, next: last && { value: sort === 'most-rated' ? last.count : last.total / last.count, item: last.item } };
}

/** Votes per local day since `since` (unix seconds); `offset` is the site's UTC offset in seconds. */
export async function dailyVotes(db: D1Database, siteId: number, since: number, offset: number, item?: string): Promise<Map<string, number>> {
  const { results } = await db
    .prepare(
      `SELECT date(voted_at + ?3, 'unixepoch') AS day, count(*) AS votes FROM rating_votes
       WHERE site_id = ?1 AND voted_at >= ?2 AND (?4 IS NULL OR item = ?4)
       GROUP BY day`,
    )
    .bind(siteId, since, offset, item ?? null)
    .all<{ day: string; votes: number }>();
  return new Map(results.map((row) => [row.day, row.votes]));
}

/**
 * Forgets every vote on an item (one batch); false when it had none. The totals are zeroed first
 * so the helper that copies them onto the article rated under this key writes zeros there too
 * (lists and "top rated" read the copy), and the item leaves the site's all-time count (day 0), so
 * a reset item voted on again does not count twice against the cap. Today's count stays: a day's
 * cap counts the items begun that day.
 */
export async function resetRating(db: D1Database, siteId: number, item: string): Promise<boolean> {
  const exists = await db.prepare('SELECT 1 FROM rating_totals WHERE site_id = ?1 AND item = ?2').bind(siteId, item).first();
  if (!exists) return false;
  await db.batch([
    db.prepare('UPDATE rating_totals SET count = 0, total = 0 WHERE site_id = ?1 AND item = ?2').bind(siteId, item),
    ...articleRatingStatements(db, siteId, item),
    db.prepare('DELETE FROM rating_votes WHERE site_id = ?1 AND item = ?2').bind(siteId, item),
    db.prepare('DELETE FROM rating_totals WHERE site_id = ?1 AND item = ?2').bind(siteId, item),
    db.prepare('UPDATE rating_item_counts SET items = max(items - 1, 0) WHERE site_id = ?1 AND day = 0').bind(siteId),
  ]);
  return true;
}
