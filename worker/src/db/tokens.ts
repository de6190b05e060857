import type { TokenSummary } from '@civic-widgets/contract';

// Site admin tokens: stored as SHA-256 hex digests, each with a public id and its holder's label.

export interface TokenRecord {
  id: string;
  label: string;
  siteId: number;
  siteSlug: string;
  siteName: string;
}

/** The token with this digest and its site; null for an unknown (or revoked) token. Never cached. */
export async function findToken(db: D1Database, tokenHash: string): Promise<TokenRecord | null> {
  const row = await db
    .prepare(
      `SELECT t.id, t.label, t.site_id, s.slug, s.name FROM site_tokens t JOIN sites s ON s.id = t.site_id
       WHERE t.token_hash = ?1`,
    )
    .bind(tokenHash)
    .first<{ id: string; label: string; site_id: number; slug: string; name: string }>();
  return row && { id: row.id, label: row.label, siteId: row.site_id, siteSlug: row.slug, siteName: row.name };
}

/** Notes that a token was used, at most once a minute (so a busy console does not write on every call). */
export const touchToken = (db: D1Database, tokenHash: string, now: number) =>
  db.prepare('UPDATE site_tokens SET last_used_at = ?2 WHERE token_hash = ?1 AND coalesce(last_used_at, 0) < ?2 - 60').bind(tokenHash, now).run();

const iso = (seconds: number | null) => (seconds === null ? null : new Date(seconds * 1000).toISOString());

export async function listTokens(db: D1Database, siteId: number, currentId: string | null): Promise<TokenSummary[]> {
  const { results } = await db
    .prepare('SELECT id, label, created_at, last_used_at FROM site_tokens WHERE site_id = ?1 ORDER BY created_at, id')
    .bind(siteId)
    .all<{ id: string; label: string; created_at: number; last_used_at: number | null }>();
  return results.map((row) => ({
    id: row.id,
    label: row.label,
    createdAt: iso(row.created_at)!,
    lastUsedAt: iso(row.last_used_at),
    current: row.id === currentId,
  }));
}

/** The statement that stores a new token for the site named `slug` (so it can share a batch with the site's creation). */
export const insertTokenStatement = (db: D1Database, slug: string, token: { id: string; hash: string; label: string }) =>
  db
    .prepare('INSERT INTO site_tokens (token_hash, site_id, label, id) SELECT ?2, id, ?3, ?4 FROM sites WHERE slug = ?1')
    .bind(slug, token.hash, token.label, token.id);

/** Revokes a token of the site; false when the site has no token with that id. */
export async function deleteToken(db: D1Database, siteId: number, id: string): Promise<boolean> {
  const result = await db.prepare('DELETE FROM site_tokens WHERE site_id = ?1 AND id = ?2').bind(siteId, id).run();
  return result.meta.changes > 0;
}
