import type { Language, SiteAdminSummary, SiteSettings, SiteSettingsUpdate } from '@civic-widgets/contract';

export interface SiteRecord {
  id: number;
  slug: string;
  name: string;
  origins: string[];
  timeZone: string;
  language: Language;
}

interface SiteRow {
  id: number;
  slug: string;
  name: string;
  origins: string;
  time_zone: string;
  language: Language;
}

const toRecord = (row: SiteRow): SiteRecord => ({
  id: row.id,
  slug: row.slug,
  name: row.name,
  origins: JSON.parse(row.origins) as string[],
  timeZone: row.time_zone,
  language: row.language,
});

export const toSettings = ({ slug, name, origins, timeZone, language }: SiteRecord): SiteSettings => ({
  slug,
  name,
  origins,
  timeZone,
  language,
});

export async function findSiteBySlug(db: D1Database, slug: string): Promise<SiteRecord | null> {
  const row = await db
    .prepare('SELECT id, slug, name, origins, time_zone, language FROM sites WHERE slug = ?1')
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
         language = coalesce(?5, language)
       WHERE id = ?1`,
    )
    .bind(
      siteId,
      update.name ?? null,
      update.origins ? JSON.stringify(update.origins) : null,
      update.timeZone ?? null,
      update.language ?? null,
    )
    .run();
}

interface SiteListRow extends SiteRow {
  created_at: number;
}

/** Every site, for the operator, by slug. */
export async function listSites(db: D1Database): Promise<SiteAdminSummary[]> {
  const { results } = await db
    .prepare('SELECT id, slug, name, origins, time_zone, language, created_at FROM sites ORDER BY slug')
    .all<SiteListRow>();
  return results.map((row) => ({ ...toSettings(toRecord(row)), createdAt: new Date(row.created_at * 1000).toISOString() }));
}

/** The statement that creates a site (fails on a taken slug, so a batch with it rolls back). */
export const insertSiteStatement = (db: D1Database, site: Omit<SiteRecord, 'id'>) =>
  db
    .prepare('INSERT INTO sites (slug, name, origins, time_zone, language) VALUES (?1, ?2, ?3, ?4, ?5)')
    .bind(site.slug, site.name, JSON.stringify(site.origins), site.timeZone, site.language);
