import type {
  AdminCategory,
  AdminLink,
  LinkCategoryInput,
  LinkCategoryUpdate,
  DirectoryExport,
  DirectoryFile,
  LinkDirectory,
  LinkHealth,
  LinkInput,
  LinkReport,
  LinkUpdate,
} from '@civic-widgets/contract';
import { attempts, countAttempt, withinLimit } from './rate-limits.js';

// ---- the public directory --------------------------------------------------------------------

interface DirectoryRow {
  category_id: number;
  id: number;
  title: string;
  url: string;
  description: string;
  logo_url: string | null;
  health: LinkHealth;
}

// Two reads, each in index order: the site's categories, and its links by category and weight
// (rows read: the categories and the links, no more; a join would read each link's category too).
const categoriesOfSite = (oneCategory: boolean) =>
  `SELECT id, slug, title FROM link_categories WHERE site_id = ?1 ${oneCategory ? 'AND slug = ?2' : ''} ORDER BY weight, id`;
const linksOfSite = (oneCategory: boolean) => `
  SELECT category_id, id, title, url, description, logo_url, health FROM links
  WHERE site_id = ?1 ${oneCategory ? 'AND category_id = (SELECT id FROM link_categories WHERE site_id = ?1 AND slug = ?2)' : ''}
  ORDER BY site_id, category_id, weight, id`;

/** The directory read as bound statements (exported so tests can measure their `meta.rows_read`). */
export const directoryStatements = (db: D1Database, siteId: number, category?: string) =>
  [categoriesOfSite, linksOfSite].map((sql) => (category ? db.prepare(sql(true)).bind(siteId, category) : db.prepare(sql(false)).bind(siteId)));

/** A site's links grouped by category, both in weight order; categories without links left out. */
export async function getDirectory(db: D1Database, siteId: number, category?: string): Promise<LinkDirectory> {
  const [categories, links] = await db.batch<unknown>(directoryStatements(db, siteId, category));
  const byCategory = new Map<number, LinkDirectory['categories'][number]['links']>();
  for (const row of links!.results as DirectoryRow[]) {
    const link = { id: row.id, title: row.title, url: row.url, description: row.description, logo: row.logo_url, health: row.health };
    const list = byCategory.get(row.category_id);
    if (list) list.push(link);
    else byCategory.set(row.category_id, [link]);
  }
  return {
    categories: (categories!.results as { id: number; slug: string; title: string }[])
      .filter((row) => byCategory.has(row.id))
      .map((row) => ({ slug: row.slug, title: row.title, links: byCategory.get(row.id)! })),
  };
}

// ---- what the admin reads --------------------------------------------------------------------

interface AdminLinkRow extends Omit<DirectoryRow, 'category_id'> {
  slug: string;
  weight: number;
  hits: number;
  checked_at: number | null;
  broken_reports: number;
  bad_reports: number;
}

const reportCount = (reason: LinkReport['reason']) =>
  `(SELECT count(*) FROM link_reports r WHERE r.site_id = l.site_id AND r.link_id = l.id AND r.reason = '${reason}')`;

const adminLinksSql = (where: string) => `
  SELECT l.id, c.slug, l.title, l.url, l.description, l.logo_url, l.health, l.weight, l.hits, l.checked_at,
    ${reportCount('broken')} AS broken_reports, ${reportCount('bad')} AS bad_reports
  FROM links l
  JOIN link_categories c ON c.id = l.category_id
  WHERE l.site_id = ?1 ${where}
  ORDER BY c.weight, c.id, l.weight, l.id`;

const toAdminLink = (row: AdminLinkRow): AdminLink => ({
  id: row.id,
  category: row.slug,
  title: row.title,
  url: row.url,
  description: row.description,
  logo: row.logo_url,
  weight: row.weight,
  hits: row.hits,
  health: row.health,
  checkedAt: row.checked_at === null ? null : new Date(row.checked_at * 1000).toISOString(),
  reports: { broken: row.broken_reports, bad: row.bad_reports },
});

export async function getAdminLink(db: D1Database, siteId: number, id: number): Promise<AdminLink | null> {
  const row = await db.prepare(adminLinksSql('AND l.id = ?2')).bind(siteId, id).first<AdminLinkRow>();
  return row ? toAdminLink(row) : null;
}

const categoriesSql = 'SELECT slug, title, weight FROM link_categories WHERE site_id = ?1 ORDER BY weight, id';

export async function getCategory(db: D1Database, siteId: number, slug: string): Promise<(AdminCategory & { id: number }) | null> {
  return db.prepare('SELECT id, slug, title, weight FROM link_categories WHERE site_id = ?1 AND slug = ?2').bind(siteId, slug).first();
}

/** Every category (empty ones too) with its links, counts and last checks: the export. */
export async function exportDirectory(db: D1Database, siteId: number): Promise<DirectoryExport> {
  const [categories, links] = await db.batch<AdminCategory | AdminLinkRow>([
    db.prepare(categoriesSql).bind(siteId),
    db.prepare(adminLinksSql('')).bind(siteId),
  ]);
  const bySlug = new Map<string, DirectoryExport['categories'][number]>();
  for (const category of categories!.results as AdminCategory[]) bySlug.set(category.slug, { ...category, links: [] });
  for (const row of links!.results as AdminLinkRow[]) {
    const { category, ...link } = toAdminLink(row);
    bySlug.get(category)?.links.push(link);
  }
  return { categories: [...bySlug.values()] };
}

// ---- the admin's writes ----------------------------------------------------------------------

const isUniqueViolation = (error: unknown) => /UNIQUE constraint failed/i.test(String((error as Error)?.message));

/** Adds a category (last unless a weight is given); null when its slug is taken. */
export async function createCategory(db: D1Database, siteId: number, input: LinkCategoryInput): Promise<AdminCategory | null> {
  try {
    return await db
      .prepare(
        `INSERT INTO link_categories (site_id, slug, title, weight)
         VALUES (?1, ?2, ?3, coalesce(?4, (SELECT coalesce(max(weight), -1) + 1 FROM link_categories WHERE site_id = ?1)))
         RETURNING slug, title, weight`,
      )
      .bind(siteId, input.slug, input.title, input.weight ?? null)
      .first<AdminCategory>();
  } catch (error) {
    if (isUniqueViolation(error)) return null;
    throw error;
  }
}

export type WriteResult<T> = { ok: true; value: T } | { ok: false; reason: 'not_found' | 'conflict' };

export async function updateCategory(db: D1Database, siteId: number, slug: string, update: LinkCategoryUpdate): Promise<WriteResult<AdminCategory>> {
  try {
    const row = await db
      .prepare(
        `UPDATE link_categories SET slug = coalesce(?3, slug), title = coalesce(?4, title), weight = coalesce(?5, weight)
         WHERE site_id = ?1 AND slug = ?2
         RETURNING slug, title, weight`,
      )
      .bind(siteId, slug, update.slug ?? null, update.title ?? null, update.weight ?? null)
      .first<AdminCategory>();
    return row ? { ok: true, value: row } : { ok: false, reason: 'not_found' };
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, reason: 'conflict' };
    throw error;
  }
}

/** Deletes an empty category: 'conflict' while it still holds links. */
export async function deleteCategory(db: D1Database, siteId: number, slug: string): Promise<WriteResult<null>> {
  const [deleted, remaining] = await db.batch<{ n: number }>([
    db
      .prepare(
        `DELETE FROM link_categories WHERE site_id = ?1 AND slug = ?2
         AND NOT EXISTS (SELECT 1 FROM links WHERE site_id = ?1 AND category_id = link_categories.id)`,
      )
      .bind(siteId, slug),
    db.prepare('SELECT count(*) AS n FROM link_categories WHERE site_id = ?1 AND slug = ?2').bind(siteId, slug),
  ]);
  if (deleted!.meta.changes) return { ok: true, value: null };
  return { ok: false, reason: remaining!.results[0]!.n ? 'conflict' : 'not_found' };
}

/** Adds a link to its category (last unless a weight is given). */
export async function createLink(db: D1Database, siteId: number, input: LinkInput): Promise<WriteResult<number>> {
  try {
    const row = await db
      .prepare(
        `INSERT INTO links (site_id, category_id, title, url, description, logo_url, weight)
         SELECT ?1, c.id, ?3, ?4, ?5, ?6,
           coalesce(?7, (SELECT coalesce(max(weight), -1) + 1 FROM links WHERE site_id = ?1 AND category_id = c.id))
         FROM link_categories c WHERE c.site_id = ?1 AND c.slug = ?2
         RETURNING id`,
      )
      .bind(siteId, input.category, input.title, input.url, input.description ?? '', input.logo ?? null, input.weight ?? null)
      .first<{ id: number }>();
    return row ? { ok: true, value: row.id } : { ok: false, reason: 'not_found' };
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, reason: 'conflict' };
    throw error;
  }
}

/**
 * Changes a link; a new URL starts its health over (unknown, checked at the next run) and drops
 * the readers' reports about the old one. `categoryId` is the new category's, already looked up.
 */
export async function updateLink(db: D1Database, siteId: number, id: number, update: LinkUpdate, categoryId: number | null): Promise<WriteResult<null>> {
  const newUrl = `(?3 IS NOT NULL AND ?3 <> url)`;
  try {
    const [, updated] = await db.batch([
      db
        .prepare(
          `DELETE FROM link_reports WHERE site_id = ?1 AND link_id = ?2
           AND EXISTS (SELECT 1 FROM links WHERE site_id = ?1 AND id = ?2 AND ${newUrl})`,
        )
        .bind(siteId, id, update.url ?? null),
      db
        .prepare(
          `UPDATE links SET
             category_id = coalesce(?4, category_id),
             title = coalesce(?5, title),
             description = coalesce(?6, description),
             logo_url = CASE WHEN ?8 THEN ?7 ELSE logo_url END,
             weight = coalesce(?9, weight),
             health = CASE WHEN ${newUrl} THEN 'unknown' ELSE health END,
             failures = CASE WHEN ${newUrl} THEN 0 ELSE failures END,
             checked_at = CASE WHEN ${newUrl} THEN NULL ELSE checked_at END,
             due_at = CASE WHEN ${newUrl} THEN 0 ELSE due_at END,
             url = coalesce(?3, url)
           WHERE site_id = ?1 AND id = ?2`,
        )
        .bind(
          siteId,
          id,
          update.url ?? null,
          categoryId,
          update.title ?? null,
          update.description ?? null,
          update.logo ?? null,
          'logo' in update ? 1 : 0,
          update.weight ?? null,
        ),
    ]);
    return updated!.meta.changes ? { ok: true, value: null } : { ok: false, reason: 'not_found' };
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, reason: 'conflict' };
    throw error;
  }
}

/** Deletes a link with its clicks and reports; false when the site has no such link. */
export async function deleteLink(db: D1Database, siteId: number, id: number): Promise<boolean> {
  const results = await db.batch(
    ['link_clicks', 'link_reports']
      .map((table) => db.prepare(`DELETE FROM ${table} WHERE site_id = ?1 AND link_id = ?2`).bind(siteId, id))
      .concat(db.prepare('DELETE FROM links WHERE site_id = ?1 AND id = ?2').bind(siteId, id)),
  );
  return results.at(-1)!.meta.changes > 0;
}

/** Which of `slugs` and `ids` the site does not have (a reorder must name only its own). */
export async function unknownInOrder(db: D1Database, siteId: number, slugs: string[], ids: number[]) {
  const [categories, links] = await db.batch<{ value: string | number }>([
    db.prepare('SELECT value FROM json_each(?2) WHERE value NOT IN (SELECT slug FROM link_categories WHERE site_id = ?1)').bind(siteId, JSON.stringify(slugs)),
    db.prepare('SELECT value FROM json_each(?2) WHERE value NOT IN (SELECT id FROM links WHERE site_id = ?1)').bind(siteId, JSON.stringify(ids)),
  ]);
  return { categories: categories!.results.map((row) => row.value as string), links: links!.results.map((row) => row.value as number) };
}

/** Gives the listed categories and links weights 0, 1, 2 … in the order listed, in one batch. */
export async function reorder(db: D1Database, siteId: number, slugs: string[], ids: number[]): Promise<void> {
  await db.batch(
    [
      ['link_categories', 'slug', slugs],
      ['links', 'id', ids],
    ].map(([table, key, list]) =>
      db
        .prepare(
          `UPDATE ${table} SET weight = (SELECT key FROM json_each(?2) WHERE value = ${table}.${key})
           WHERE site_id = ?1 AND ${key} IN (SELECT value FROM json_each(?2))`,
        )
        .bind(siteId, JSON.stringify(list)),
    ),
  );
}

export interface ImportResult {
  categories: number;
  links: number;
  removed: { categories: number; links: number };
}

/**
 * Imports a directory file in one batch: categories are added or updated by slug, links by URL
 * (an existing link keeps its hits and health). With `replace`, whatever the file does not list
 * is removed, with its clicks and reports.
 */
export async function importDirectory(db: D1Database, siteId: number, file: DirectoryFile, replace: boolean): Promise<ImportResult> {
  const categories = JSON.stringify(file.categories.map(({ slug, title, weight }) => ({ slug, title, weight })));
  const links = JSON.stringify(
    file.categories.flatMap(({ slug, links }) =>
      links.map(({ title, url, description, logo, weight }) => ({ category: slug, title, url, description, logo, weight })),
    ),
  );
  const field = (name: string) => `json_extract(value, '$.${name}')`;
  const unlisted = `url NOT IN (SELECT ${field('url')} FROM json_each(?2))`;
  const removals = replace
    ? [
        ...['link_clicks', 'link_reports'].map((table) =>
          db.prepare(`DELETE FROM ${table} WHERE site_id = ?1 AND link_id IN (SELECT id FROM links WHERE site_id = ?1 AND ${unlisted})`).bind(siteId, links),
        ),
        // RETURNING counts the links: meta.changes also counts the rows links_gone's trigger writes
        db.prepare(`DELETE FROM links WHERE site_id = ?1 AND ${unlisted} RETURNING id`).bind(siteId, links),
      ]
    : [];
  const results = await db.batch([
    ...removals,
    db
      .prepare(
        `INSERT INTO link_categories (site_id, slug, title, weight)
         SELECT ?1, ${field('slug')}, ${field('title')}, ${field('weight')} FROM json_each(?2) WHERE true
         ON CONFLICT (site_id, slug) DO UPDATE SET title = excluded.title, weight = excluded.weight`,
      )
      .bind(siteId, categories),
    db
      .prepare(
        `INSERT INTO links (site_id, category_id, title, url, description, logo_url, weight)
         SELECT ?1, c.id, ${field('title')}, ${field('url')}, ${field('description')}, ${field('logo')}, ${field('weight')}
         FROM json_each(?2) JOIN link_categories c ON c.site_id = ?1 AND c.slug = ${field('category')} WHERE true
         ON CONFLICT (site_id, url) DO UPDATE SET
           category_id = excluded.category_id, title = excluded.title, description = excluded.description,
           logo_url = excluded.logo_url, weight = excluded.weight
         RETURNING id`,
      )
      .bind(siteId, links),
    ...(replace
      ? [db.prepare(`DELETE FROM link_categories WHERE site_id = ?1 AND slug NOT IN (SELECT ${field('slug')} FROM json_each(?2))`).bind(siteId, categories)]
      : []),
  ]);
  const changes = results.map((result) => result.meta.changes);
  return {
    categories: changes[removals.length]!,
    // RETURNING again: meta.changes also counts the site row the link count's trigger updates
    links: results[removals.length + 1]!.results.length,
    removed: { links: replace ? results[2]!.results.length : 0, categories: replace ? changes.at(-1)! : 0 },
  };
}

// ---- readers: clicks and reports -------------------------------------------------------------

/**
 * The link behind `/go/:link`. The one query not scoped by site: `/go/` URLs carry only the
 * link's id, which is unique across sites (its primary key); the site comes from the row.
 */
export async function findLinkTarget(db: D1Database, id: number): Promise<{ siteId: number; url: string } | null> {
  return db.prepare('SELECT site_id AS siteId, url FROM links WHERE id = ?1').bind(id).first();
}

/** Whether `id` was a link that has been deleted (migrations/0010 keeps deleted ids in links_gone). */
export async function isLinkGone(db: D1Database, id: number): Promise<boolean> {
  return (await db.prepare('SELECT 1 AS gone FROM links_gone WHERE id = ?1').bind(id).first('gone')) !== null;
}

export const CLICK_WINDOW_SECONDS = 30 * 60;

export interface Click {
  siteId: number;
  linkId: number;
  /** HMAC of the reader, salted by the link */
  readerKey: string;
  /** Unix seconds */
  now: number;
}

/**
 * Counts a click unless the same reader's last counted click on this link is less than 30
 * minutes old, in one batch (so concurrent repeats count once). Resolves with whether it counted.
 */
export async function countClick(db: D1Database, click: Click): Promise<boolean> {
  const binds = [click.siteId, click.linkId, click.readerKey, click.now, CLICK_WINDOW_SECONDS];
  const [counted] = await db.batch([
    db
      .prepare(
        `UPDATE links SET hits = hits + 1 WHERE site_id = ?1 AND id = ?2
         AND NOT EXISTS (SELECT 1 FROM link_clicks WHERE site_id = ?1 AND link_id = ?2 AND reader_key = ?3 AND clicked_at > ?4 - ?5)`,
      )
      .bind(...binds),
    db
      .prepare(
        `INSERT INTO link_clicks (site_id, link_id, reader_key, clicked_at) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (site_id, link_id, reader_key) DO UPDATE SET clicked_at = excluded.clicked_at
         WHERE clicked_at <= excluded.clicked_at - ?5`,
      )
      .bind(...binds),
  ]);
  return counted!.meta.changes > 0;
}

/** Forgets clicks whose 30 minutes are over (run by the Cron Trigger): they no longer matter. */
export async function deleteExpiredClicks(db: D1Database, now: number): Promise<number> {
  const result = await db
    .prepare('DELETE FROM link_clicks WHERE clicked_at <= ?1')
    .bind(now - CLICK_WINDOW_SECONDS)
    .run();
  return result.meta.changes;
}

export interface Report {
  siteId: number;
  linkId: number;
  readerKey: string;
  reason: LinkReport['reason'];
  now: number;
  /** the rate-limit bucket (a network key), its window and the attempts it allows */
  bucket: string;
  window: number;
  limit: number;
}

/**
 * Records a reader's report (one per reader and link: a repeat replaces it). A 'broken' report
 * makes the link due for a health check at once. Over the limit, nothing but the attempt is
 * written and it resolves false.
 */
export async function reportLink(db: D1Database, report: Report): Promise<boolean> {
  const binds = [report.siteId, report.linkId, report.readerKey, report.reason, report.now, report.bucket, report.window, report.limit];
  const within = withinLimit('?1', '?6', '?7', '?8');
  const [, , , read] = await db.batch<{ hits: number }>([
    countAttempt(db, report.siteId, report.bucket, report.window),
    db
      .prepare(
        `INSERT INTO link_reports (site_id, link_id, reader_key, reason, reported_at)
         SELECT ?1, ?2, ?3, ?4, ?5 WHERE ${within}
         ON CONFLICT (site_id, link_id, reader_key) DO UPDATE SET reason = excluded.reason, reported_at = excluded.reported_at`,
      )
      .bind(...binds),
    db.prepare(`UPDATE links SET due_at = min(due_at, ?5) WHERE site_id = ?1 AND id = ?2 AND ?4 = 'broken' AND ${within}`).bind(...binds),
    db.prepare(`SELECT ${attempts('?1', '?2', '?3')} AS hits`).bind(report.siteId, report.bucket, report.window),
  ]);
  return read!.results[0]!.hits <= report.limit;
}

// ---- link health ------------------------------------------------------------------------------

export interface DueLink {
  id: number;
  siteId: number;
  url: string;
  /** its health before the check */
  health: string;
}

/**
 * The links whose check is due at `now`, at most `limit`, dealt round-robin across sites: every
 * site's longest-waiting link first, then every site's second, and so on — so one site's hundred
 * due links cannot keep another site's one waiting for runs. Each site's turn is taken from its
 * own few (links_by_site_due), not from a sort of every due link.
 */
export async function dueLinks(db: D1Database, now: number, limit: number): Promise<DueLink[]> {
  const { results } = await db
    .prepare(
      `WITH due AS (
         SELECT l.id, l.site_id, l.url, l.health, l.due_at, row_number() OVER (PARTITION BY l.site_id ORDER BY l.due_at, l.id) AS turn
         FROM sites s JOIN links l ON l.id IN (SELECT id FROM links WHERE site_id = s.id AND due_at <= ?1 ORDER BY due_at, id LIMIT ?2)
       )
       SELECT id, site_id AS siteId, url, health FROM due ORDER BY turn, due_at, id LIMIT ?2`,
    )
    .bind(now, limit)
    .all<DueLink>();
  return results;
}

export interface CheckResult extends DueLink {
  answered: boolean;
}

/** After an answer: ok, and checked again in a day. After a failure: checked again in an hour. */
export const RECHECK_SECONDS = { answered: 24 * 3600, failed: 3600 };

/**
 * Records checks in one batch: an answer makes a link ok; a failure counts, and the second in a
 * row makes it broken. A link whose URL changed during the check is left for its next check.
 * Answers the sites where a link's health changed (what a reader of the directory sees).
 */
export async function recordChecks(db: D1Database, results: CheckResult[], now: number): Promise<number[]> {
  if (!results.length) return [];
  const written = await db.batch<{ health: string }>(
    results.map((result) =>
      db
        .prepare(
          `UPDATE links SET
             failures = CASE WHEN ?4 THEN 0 ELSE failures + 1 END,
             health = CASE WHEN ?4 THEN 'ok' WHEN failures + 1 >= 2 THEN 'broken' ELSE health END,
             checked_at = ?5,
             due_at = ?5 + CASE WHEN ?4 THEN ?6 ELSE ?7 END
           WHERE site_id = ?1 AND id = ?2 AND url = ?3
           RETURNING health`,
        )
        .bind(result.siteId, result.id, result.url, result.answered ? 1 : 0, now, RECHECK_SECONDS.answered, RECHECK_SECONDS.failed),
    ),
  );
  const changed = results.filter((result, i) => {
    const health = written[i]?.results[0]?.health;
    return health !== undefined && health !== result.health;
  });
  return [...new Set(changed.map((result) => result.siteId))];
}
