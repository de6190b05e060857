// Fixed one-minute windows of write attempts per bucket (an HMAC of the network, never its
// address), shared by every reader's write: votes, link reports. A write's batch starts with
// `countAttempt`, and its other statements only act `withinLimit`.

/** Counts one attempt of `bucket` in `window`: the first statement of a limited write's batch. */
export const countAttempt = (db: D1Database, siteId: number, bucket: string, window: number) =>
  db
    .prepare(
      `INSERT INTO rate_limits (site_id, bucket, window, hits) VALUES (?1, ?2, ?3, 1)
       ON CONFLICT (site_id, bucket, window) DO UPDATE SET hits = hits + 1`,
    )
    .bind(siteId, bucket, window);

/** SQL for the bucket's attempts so far in the window; the arguments name the binds, e.g. '?1'. */
export const attempts = (site: string, bucket: string, window: string) =>
  `(SELECT hits FROM rate_limits WHERE site_id = ${site} AND bucket = ${bucket} AND window = ${window})`;

/** SQL that is true while the bucket is within its limit. */
export const withinLimit = (site: string, bucket: string, window: string, limit: string) => `${attempts(site, bucket, window)} <= ${limit}`;

/** Drops rate-limit windows that ended before `window` (run by the Cron Trigger). */
export async function deleteExpiredRateLimits(db: D1Database, window: number): Promise<number> {
  const result = await db.prepare('DELETE FROM rate_limits WHERE window < ?1').bind(window).run();
  return result.meta.changes;
}
