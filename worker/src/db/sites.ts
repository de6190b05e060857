import type { Language, SiteAdminSummary, SiteSettings, SiteSettingsUpdate } from '@civic-widgets/contract';

export interface SiteRecord {
  id: number;
  slug: string;
  name: string;
  origins: string[];
  timeZone: string;
  language: Language;
  /** bumped by every admin write: part of every cached public read's key (docs/edge-cache.md) */
  contentGeneration: number;
  /** bumped by every counted vote: part of the cached rating summaries' and article lists' keys */
  voteGeneration: number;
  /** Turnstile for readers' writes: the site key, and the site's own secret (else TURNSTILE_SECRET) */
  turnstile: { siteKey: string; secret: string | null } | null;
  /** new items readers may start rating per day (UTC), and in all */
  ratingItemsPerDay: number;
  ratingItemsTotal: number;
}

/** The columns a SiteRecord is read from, in every query that reads one. */
const SITE_COLUMNS = `id, slug, name, origins, time_zone, language, content_generation, vote_generation,
  turnstile_site_key, turnstile_secret, rating_items_per_day, rating_items_total`;

interface SiteRow {
  id: number;
  slug: string;
  name: string;
  origins: string;
  time_zone: string;
  language: Language;
  content_generation: number;
  vote_generation: number;
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
  contentGeneration: row.content_generation,
  voteGeneration: row.vote_generation,
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
  const row = await db.prepare(`SELECT ${SITE_COLUMNS} FROM sites WHERE slug = ?1`).bind(slug).first<SiteRow>();
  return row ? toRecord(row) : null;
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

export type Generation = 'content' | 'vote';

/**
 * Bumps one of the site's generations and reads the record back (one statement): what a write
 * calls after it succeeded, so every cached read of the site made before it is passed over.
 */
export async function bumpGeneration(db: D1Database, siteId: number, generation: Generation): Promise<SiteRecord | null> {
  const column = generation === 'vote' ? 'vote_generation' : 'content_generation';
  const row = await db.prepare(`UPDATE sites SET ${column} = ${column} + 1 WHERE id = ?1 RETURNING ${SITE_COLUMNS}`).bind(siteId).first<SiteRow>();
  return row ? toRecord(row) : null;
}

interface SiteListRow extends SiteRow {
  created_at: number;
}

/** Every site, for the operator, by slug. */
export async function listSites(db: D1Database): Promise<SiteAdminSummary[]> {
  const { results } = await db.prepare(`SELECT ${SITE_COLUMNS}, created_at FROM sites ORDER BY slug`).all<SiteListRow>();
  return results.map((row) => ({ ...toSettings(toRecord(row)), createdAt: new Date(row.created_at * 1000).toISOString() }));
}

/** The statement that creates a site (fails on a taken slug, so a batch with it rolls back). */
export const insertSiteStatement = (db: D1Database, site: Pick<SiteSettings, 'slug' | 'name' | 'origins' | 'timeZone' | 'language'>) =>
  db
    .prepare('INSERT INTO sites (slug, name, origins, time_zone, language) VALUES (?1, ?2, ?3, ?4, ?5)')
    .bind(site.slug, site.name, JSON.stringify(site.origins), site.timeZone, site.language);
