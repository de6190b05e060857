import type { Language, SiteSettings, SiteSettingsUpdate } from '@civic-widgets/contract';

export interface SiteRecord {
  id: number;
  slug: string;
  name: string;
  origins: string[];
  timeZone: string;
  language: Language;
  /** Turnstile for readers' writes: the site key, and the site's own secret (else TURNSTILE_SECRET) */
  turnstile: { siteKey: string; secret: string | null } | null;
  /** new items readers may start rating per day (UTC), and in all */
  ratingItemsPerDay: number;
  ratingItemsTotal: number;
}

interface SiteRow {
  id: number;
  slug: string;
  name: string;
  origins: string;
  time_zone: string;
  language: Language;
  turnstile_site_key: string | null;
  turnstile_secret: string | null;
  rating_items_per_day: number;
  rating_items_total: number;
}

const toRecord = (row: SiteRow): SiteRecord => ({
  id: row.id,
  slug: row.slug,
  name: row.name,
  origins: JSON.parse(row.origins) as string[],
  timeZone: row.time_zone,
  language: row.language,
  turnstile: row.turnstile_site_key ? { siteKey: row.turnstile_site_key, secret: row.turnstile_secret } : null,
  ratingItemsPerDay: row.rating_items_per_day,
  ratingItemsTotal: row.rating_items_total,
});

/** The site's settings as its admin reads them: a Turnstile secret is never answered. */
export const toSettings = ({ slug, name, origins, timeZone, language, turnstile, ratingItemsPerDay, ratingItemsTotal }: SiteRecord): SiteSettings => ({
  slug,
  name,
  origins,
  timeZone,
  language,
  turnstile: turnstile && { siteKey: turnstile.siteKey, ownSecret: turnstile.secret !== null },
  ratingItemsPerDay,
  ratingItemsTotal,
});

export async function findSiteBySlug(db: D1Database, slug: string): Promise<SiteRecord | null> {
  const row = await db
    .prepare(`SELECT id, slug, name, origins, time_zone, language,
         turnstile_site_key, turnstile_secret, rating_items_per_day, rating_items_total
       FROM sites WHERE slug = ?1`)
    .bind(slug)
    .first<SiteRow>();
  return row ? toRecord(row) : null;
}

/** The site a token belongs to, by the token's SHA-256 digest; null for an unknown token. */
export async function findSiteIdByTokenHash(db: D1Database, tokenHash: string): Promise<number | null> {
  return db.prepare('SELECT site_id FROM site_tokens WHERE token_hash = ?1').bind(tokenHash).first<number>('site_id');
}

export async function updateSite(db: D1Database, siteId: number, update: SiteSettingsUpdate): Promise<void> {
  await db
    .prepare(
      `UPDATE sites SET
         name = coalesce(?2, name),
         origins = coalesce(?3, origins),
         time_zone = coalesce(?4, time_zone),
         language = coalesce(?5, language),
         rating_items_per_day = coalesce(?6, rating_items_per_day),
         rating_items_total = coalesce(?7, rating_items_total),
         -- ?8: 0 leaves Turnstile as it is, 1 sets it (keeping a stored secret when ?10 is null), 2 turns it off
         turnstile_site_key = CASE ?8 WHEN 0 THEN turnstile_site_key WHEN 1 THEN ?9 END,
         turnstile_secret = CASE ?8 WHEN 0 THEN turnstile_secret WHEN 1 THEN coalesce(?10, turnstile_secret) END
       WHERE id = ?1`,
    )
    .bind(
      siteId,
      update.name ?? null,
      update.origins ? JSON.stringify(update.origins) : null,
      update.timeZone ?? null,
      update.language ?? null,
      update.ratingItemsPerDay ?? null,
      update.ratingItemsTotal ?? null,
      update.turnstile === undefined ? 0 : update.turnstile ? 1 : 2,
      update.turnstile?.siteKey ?? null,
      update.turnstile?.secret ?? null,
    )
    .run();
}
