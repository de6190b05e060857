import type { FeedStatus } from '@civic-widgets/contract';

export interface FeedRecord {
  id: number;
  siteId: number;
  url: string;
  categoryId: number | null;
  /** the target category's slug (null: none) */
  category: string | null;
  status: FeedStatus;
  error: string | null;
  etag: string | null;
  lastModified: string | null;
  /** Unix seconds; 0 before the first fetch */
  fetchedAt: number;
  importedAt: number | null;
  /** the site's time zone, for feed dates that name none */
  timeZone: string;
  /** failed fetches in a row (0 after an answer) */
  failures: number;
  /** Unix seconds: the Cron Trigger tries it no earlier */
  nextAttemptAt: number;
  /** the articles it imported still stored (kept by triggers, migrations/0015) */
  articleCount: number;
}

interface FeedRow {
  id: number;
  site_id: number;
  url: string;
  category_id: number | null;
  category: string | null;
  status: FeedStatus;
  error: string | null;
  etag: string | null;
  last_modified: string | null;
  fetched_at: number;
  imported_at: number | null;
  time_zone: string;
  failures: number;
  next_attempt_at: number;
  article_count: number;
}

const toRecord = (row: FeedRow): FeedRecord => ({
  id: row.id,
  siteId: row.site_id,
  url: row.url,
  categoryId: row.category_id,
  category: row.category,
  status: row.status,
  error: row.error,
  etag: row.etag,
  lastModified: row.last_modified,
  fetchedAt: row.fetched_at,
  importedAt: row.imported_at,
  timeZone: row.time_zone,
  failures: row.failures,
  nextAttemptAt: row.next_attempt_at,
  articleCount: row.article_count,
});

const SELECT = `SELECT f.id, f.site_id, f.url, f.category_id, c.slug AS category, f.status, f.error, f.etag,
    f.last_modified, f.fetched_at, f.imported_at, s.time_zone, f.failures, f.next_attempt_at, f.article_count
  FROM feeds f JOIN sites s ON s.id = f.site_id LEFT JOIN categories c ON c.id = f.category_id`;

export async function listFeeds(db: D1Database, siteId: number): Promise<FeedRecord[]> {
  const { results } = await db.prepare(`${SELECT} WHERE f.site_id = ?1 ORDER BY f.id`).bind(siteId).all<FeedRow>();
  return results.map(toRecord);
}

export async function findFeed(db: D1Database, siteId: number, id: number): Promise<FeedRecord | null> {
  const row = await db.prepare(`${SELECT} WHERE f.site_id = ?1 AND f.id = ?2`).bind(siteId, id).first<FeedRow>();
  return row ? toRecord(row) : null;
}

/** Registers a feed; null when the site already has one at that URL. */
export async function insertFeed(db: D1Database, siteId: number, url: string, categoryId: number | null): Promise<number | null> {
  return db
    .prepare('INSERT INTO feeds (site_id, url, category_id) VALUES (?1, ?2, ?3) ON CONFLICT (site_id, url) DO NOTHING RETURNING id')
    .bind(siteId, url, categoryId)
    .first<number>('id');
}

export async function deleteFeed(db: D1Database, siteId: number, id: number): Promise<boolean> {
  return (await db.prepare('DELETE FROM feeds WHERE site_id = ?1 AND id = ?2 RETURNING id').bind(siteId, id).first()) !== null;
}

/**
 * What the Cron Trigger takes next: the feeds whose next attempt has come and that were not
 * fetched since `fetchedBefore`, dealt round-robin across sites — every site's longest-waiting
 * feed first, then every site's second — so one site's many (or failing) feeds cannot keep
 * another site's waiting. Rows read: the due feeds (a site has at most its feed quota).
 */
export async function feedsDue(db: D1Database, now: number, fetchedBefore: number, limit: number): Promise<FeedRecord[]> {
  const { results } = await db
    .prepare(
      `WITH due AS (
         SELECT id, row_number() OVER (PARTITION BY site_id ORDER BY fetched_at, id) AS turn
         FROM feeds WHERE next_attempt_at <= ?1 AND fetched_at < ?2
       )
       ${SELECT} JOIN due ON due.id = f.id ORDER BY due.turn, f.fetched_at, f.id LIMIT ?3`,
    )
    .bind(now, fetchedBefore, limit)
    .all<FeedRow>();
  return results.map(toRecord);
}

/** After an answer, the next regular fetch; the back-off after failures doubles from 15 minutes up to a day. */
export const RETRY_SECONDS = { regular: 600, firstBackoff: 900, maxBackoff: 86_400 };

/** The wait before the next attempt after `failures` failed fetches in a row (1 → 15 min, 2 → 30 min …). */
export const backoffSeconds = (failures: number) =>
  Math.min(RETRY_SECONDS.firstBackoff * 2 ** Math.max(0, Math.min(failures, 20) - 1), RETRY_SECONDS.maxBackoff);

export interface FetchOutcome {
  status: Exclude<FeedStatus, 'new'>;
  error: string | null;
  /** the new validators, after a successful import; undefined keeps the old ones */
  validators?: { etag: string | null; lastModified: string | null };
  now: number;
}

/**
 * Records what a fetch found (run in the same batch as the articles it imported). A failure
 * counts (one more than the record `feed` shows), and puts the next attempt off by
 * backoffSeconds; an answer resets the count.
 */
export function feedOutcomeStatement(db: D1Database, feed: FeedRecord, outcome: FetchOutcome): D1PreparedStatement {
  const keep = outcome.validators === undefined;
  const failed = outcome.status === 'error';
  const failures = failed ? feed.failures + 1 : 0;
  const next = outcome.now + (failed ? backoffSeconds(failures) : RETRY_SECONDS.regular);
  return db
    .prepare(
      `UPDATE feeds SET status = ?3, error = ?4, fetched_at = ?5,
         etag = CASE WHEN ?6 THEN etag ELSE ?7 END,
         last_modified = CASE WHEN ?6 THEN last_modified ELSE ?8 END,
         imported_at = CASE WHEN ?3 = 'ok' THEN ?5 ELSE imported_at END,
         failures = ?10,
         next_attempt_at = ?9
       WHERE site_id = ?1 AND id = ?2`,
    )
    .bind(
      feed.siteId,
      feed.id,
      outcome.status,
      outcome.error,
      outcome.now,
      keep ? 1 : 0,
      outcome.validators?.etag ?? null,
      outcome.validators?.lastModified ?? null,
      next,
      failures,
    );
}

/**
 * Before the Cron Trigger fetches a feed, it books the attempt as a failure: should the run die
 * on this feed (Workers end an invocation that exceeds its CPU time, and no catch runs), the feed
 * is backed off like any failing one instead of being picked first again at the next run. The
 * fetch's outcome then overwrites both columns. `feed` is the record as read before the claim.
 */
export async function claimFeedAttempt(db: D1Database, feed: FeedRecord, now: number): Promise<void> {
  await claimStatement(db, feed, now).run();
}

type Booking = Pick<FeedRecord, 'failures' | 'nextAttemptAt'>;

/**
 * The booking of an attempt at `now`: one failure more, backed off from now. A feed still booked
 * by an earlier run (its message not yet taken from a queue that fell behind) is booked again
 * with the failures it has, so waiting in the queue never counts as failing.
 */
export function booking(feed: FeedRecord, now: number): Booking {
  const failures = beforeClaim(feed) ? feed.failures : feed.failures + 1;
  return { failures, nextAttemptAt: now + backoffSeconds(failures) };
}

/** Moves a feed's booking columns from `from` to `to`, only while they still hold `from`: a write made meanwhile wins. */
const moveBooking = (db: D1Database, feed: FeedRecord, from: Booking, to: Booking): D1PreparedStatement =>
  db
    .prepare('UPDATE feeds SET failures = ?3, next_attempt_at = ?4 WHERE site_id = ?1 AND id = ?2 AND failures = ?5 AND next_attempt_at = ?6')
    .bind(feed.siteId, feed.id, to.failures, to.nextAttemptAt, from.failures, from.nextAttemptAt);

/**
 * claimFeedAttempt's statement, for booking many feeds in one batch (the queued Cron run). It
 * changes the row only as `feed` read it: an outcome recorded meanwhile is not overwritten.
 */
export const claimStatement = (db: D1Database, feed: FeedRecord, now: number) => moveBooking(db, feed, feed, booking(feed, now));

/** Undoes claimStatement's booking at `now` (the queue refused the messages): the row as `feed` read it, if still as booked. */
export const releaseStatement = (db: D1Database, feed: FeedRecord, now: number) => moveBooking(db, feed, booking(feed, now), feed);

/**
 * A queued feed, read again by the queue's consumer: the record as it was before
 * claimFeedAttempt booked the attempt (its outcome is counted from that), while the row is still
 * as the claim left it. Null once an outcome has been recorded since the claim (an admin's "sync
 * now" fetched it meanwhile, or the message is delivered twice): nothing is left to do.
 * The claim set `next_attempt_at` to its time plus backoffSeconds(failures); an outcome sets it
 * to `fetched_at` plus that (a failure) or plus the regular wait with no failures (an answer).
 */
export function beforeClaim(feed: FeedRecord): FeedRecord | null {
  const claimedAt = feed.nextAttemptAt - backoffSeconds(feed.failures);
  return feed.failures > 0 && claimedAt > feed.fetchedAt ? { ...feed, failures: feed.failures - 1 } : null;
}
