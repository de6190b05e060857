import type { AuditEntry } from '@civic-widgets/contract';

/** What an audit row records; `site` is the slug of the site it belongs to. */
export interface AuditRecord {
  site: string;
  at: number;
  actor: string;
  tokenId: string | null;
  method: string;
  resource: string;
  key: string;
  summary: string;
}

/**
 * The audit row's INSERT, meant to run in the same batch as the change it records, just after a
 * statement that writes: it writes only when that statement changed a row (`changes()`), so a
 * write that matched nothing leaves no record. A batch puts one after each of its writes, with a
 * `mark` (a negative number, which no committed row's `at` is): the row is then written at the
 * first write that changed something, with `at` = mark so the later ones see it is there, and
 * `settleAuditStatement`, last in the batch, gives it its real time. A batch that changed nothing
 * (a refused write: 404, 409) leaves no row.
 */
export const auditStatement = (db: D1Database, record: AuditRecord, mark: number | null = null) =>
  db
    .prepare(
      `INSERT INTO audit_log (site_id, at, actor, token_id, method, resource, key, summary)
       SELECT id, coalesce(?9, ?2), ?3, ?4, ?5, ?6, ?7, ?8 FROM sites WHERE slug = ?1 AND changes() > 0
         AND (?9 IS NULL OR NOT EXISTS (SELECT 1 FROM audit_log WHERE at = ?9))`,
    )
    .bind(
      record.site,
      record.at,
      record.actor.slice(0, 200),
      record.tokenId,
      record.method,
      record.resource.slice(0, 64),
      record.key.slice(0, 300),
      record.summary.slice(0, 1000),
      mark,
    );

/** The last statement of an audited batch: the row written under `mark` gets its time (changes: 1 if a row was written). */
export const settleAuditStatement = (db: D1Database, mark: number, at: number) => db.prepare('UPDATE audit_log SET at = ?2 WHERE at = ?1').bind(mark, at);

export interface AuditFilter {
  resource?: string;
  actor?: string;
  since?: number;
  until?: number;
  before?: number;
  limit: number;
}

interface AuditRow {
  id: number;
  at: number;
  actor: string;
  token_id: string | null;
  method: string;
  resource: string;
  key: string;
  summary: string;
}

/**
 * A page of the site's audit log, newest first; walks (site_id, id) or (site_id, resource, id).
 * The actor "operator" is the rows without a token, whatever label an editor's token carries.
 */
export async function listAudit(db: D1Database, siteId: number, filter: AuditFilter): Promise<{ items: AuditEntry[]; next: number | null }> {
  const { results } = await db
    .prepare(
      `SELECT id, at, actor, token_id, method, resource, key, summary FROM audit_log
       WHERE site_id = ?1 AND (?2 IS NULL OR resource = ?2) AND (?3 IS NULL OR CASE ?3 WHEN 'operator' THEN token_id IS NULL ELSE actor = ?3 AND token_id IS NOT NULL END)
         AND (?4 IS NULL OR at >= ?4) AND (?5 IS NULL OR at < ?5) AND id < ?6
       ORDER BY id DESC LIMIT ?7`,
    )
    .bind(
      siteId,
      filter.resource ?? null,
      filter.actor ?? null,
      filter.since ?? null,
      filter.until ?? null,
      filter.before ?? Number.MAX_SAFE_INTEGER,
      filter.limit + 1,
    )
    .all<AuditRow>();
  const items = results.slice(0, filter.limit).map((row) => ({
    id: row.id,
    at: new Date(row.at * 1000).toISOString(),
    actor: row.actor,
    tokenId: row.token_id,
    method: row.method,
    resource: row.resource,
    key: row.key,
    summary: row.summary,
  }));
  return { items, next: results.length > filter.limit ? items.at(-1)!.id : null };
}

/** Deletes the rows older than `before` (unix seconds); the Cron Trigger keeps a year and a day. */
export async function deleteOldAudit(db: D1Database, before: number): Promise<number> {
  const result = await db.prepare('DELETE FROM audit_log WHERE at < ?1').bind(before).run();
  return result.meta.changes;
}
