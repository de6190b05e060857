import { Hono, type Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import * as z from 'zod';
import {
  ArticleAdmin,
  ArticleAdminPage,
  ArticleAdminQuery,
  ArticleBulk,
  ArticleInput,
  ArticlePage,
  ArticleQuery,
  ArticleStatus,
  ArticleUpdate,
  BulkResult,
  ItemKey,
  type Article,
  type ArticleRecordInput,
  type ErrorIssue,
} from '@civic-widgets/contract';
import type { AppEnv } from '../env.js';
import type { CategoryRecord } from '../db/categories.js';
import type { SiteRecord } from '../db/sites.js';
import {
  adminArticlePageStatement,
  articlePageStatement,
  deleteArticle,
  findArticle,
  ftsQuery,
  insertArticle,
  upsertArticles,
  type ArticleRow,
  type ArticleScope,
  type ArticleWrite,
  type PageCursor,
} from '../db/articles.js';
import { findFeed } from '../db/feeds.js';
import { admitAdmin, requireAdmin } from '../lib/auth.js';
import { cachedJson } from '../lib/cached-json.js';
import { siteCategories, subtreeIds } from '../lib/categories.js';
import { ApiError } from '../lib/errors.js';
import { jsonBody } from '../lib/json-body.js';
import { documentsInput, empty, failure, json, notModified, operations } from '../lib/openapi.js';
import { loadSite } from '../lib/site-scope.js';
import { invalidFields, validate, validationError } from '../lib/validate.js';

const KeyParam = z.object({ key: ItemKey });
export const BULK_BYTES = 4 * 1024 * 1024;
const iso = (seconds: number) => new Date(seconds * 1000).toISOString();
const seconds = (timestamp: string) => Math.floor(Date.parse(timestamp) / 1000);

/**
 * An article as the API shows it. Its rating is under its key once anyone rated that, else under
 * its URL; an image stored as a path on this server becomes an absolute URL at `origin`.
 */
export function toArticle(row: ArticleRow, site: string, categories: CategoryRecord[], origin: string): Article {
  const category = row.category_id === null ? undefined : categories.find((c) => c.id === row.category_id);
  const count = row.key_votes + row.url_votes;
  const total = row.key_points + row.url_points;
  return {
    site,
    key: row.external_key,
    title: row.title,
    summary: row.summary,
    url: row.url,
    image: row.image_url
      ? {
          url: row.image_url.startsWith('/') ? origin + row.image_url : row.image_url,
          alt: row.image_alt ?? '',
          width: row.image_width,
          height: row.image_height,
        }
      : null,
    author: row.author,
    poster: row.poster,
    source: row.source,
    category: category ? { slug: category.slug, title: category.title } : null,
    publishedAt: iso(row.published_at),
    updatedAt: iso(row.updated_at),
    rating: {
      item: row.key_votes > 0 ? row.external_key : row.url,
      average: count ? Math.round((total / count) * 100) / 100 : 0,
      count,
      total,
    },
  };
}

const originOf = (c: Context) => new URL(c.req.url).origin;
const toAdmin = (c: Context, row: ArticleRow, site: string, categories: CategoryRecord[]): ArticleAdmin => ({
  ...toArticle(row, site, categories, originOf(c)),
  status: row.status,
  feed: row.feed_id,
});

/** The stored form of an admin's article; a category slug the site lacks is a 400 issue at `path`. */
function toWrite(article: ArticleRecordInput, categories: CategoryRecord[], path: string, issues: ErrorIssue[]): ArticleWrite {
  let categoryId: number | null = null;
  if (article.category) {
    categoryId = categories.find((c) => c.slug === article.category)?.id ?? null;
    if (categoryId === null) issues.push({ path: `${path}category`, message: `no category "${article.category}" in this site` });
  }
  return {
    key: article.key,
    title: article.title,
    summary: article.summary,
    url: article.url,
    imageUrl: article.image?.url ?? null,
    imageAlt: article.image ? article.image.alt : null,
    imageWidth: article.image?.width ?? null,
    imageHeight: article.image?.height ?? null,
    author: article.author ?? null,
    poster: article.poster ?? null,
    source: article.source ?? null,
    categoryId,
    publishedAt: article.publishedAt === undefined ? null : seconds(article.publishedAt),
    updatedAt: article.updatedAt ? seconds(article.updatedAt) : null,
    status: article.status,
    feedId: null, // an editor's write keeps the feed that imported the article
  };
}

/** The admin's input as it was, from what is stored (for a partial update). */
function toInput(row: ArticleRow, categories: CategoryRecord[]): ArticleRecordInput {
  return {
    key: row.external_key,
    title: row.title,
    summary: row.summary,
    url: row.url,
    image: row.image_url ? { url: row.image_url, alt: row.image_alt ?? '', width: row.image_width, height: row.image_height } : null,
    author: row.author,
    poster: row.poster,
    source: row.source,
    category: categories.find((c) => c.id === row.category_id)?.slug ?? null,
    publishedAt: iso(row.published_at),
    status: row.status,
  };
}

function failIfIssues(issues: ErrorIssue[]) {
  if (issues.length) throw invalidFields(issues);
}

// Cursors: "n<id>" after the newest-first page ending at that article, "t<score>_<id>" when sorted by rating.
const encodeCursor = (row: ArticleRow, byRating: boolean) =>
  byRating ? `t${row.rating_score.toString(36)}_${row.id.toString(36)}` : `n${row.id.toString(36)}`;

function decodeCursor(cursor: string, byRating: boolean): PageCursor {
  const match = byRating ? /^t([0-9a-z]{1,12})_([0-9a-z]{1,12})$/.exec(cursor) : /^n([0-9a-z]{1,12})$/.exec(cursor);
  const [score, id] = byRating ? [match?.[1], match?.[2]] : ['0', match?.[1]];
  const values = { id: parseInt(id ?? '', 36), score: parseInt(score ?? '', 36) };
  if (!match || !Number.isSafeInteger(values.id) || !Number.isSafeInteger(values.score)) {
    throw invalidFields([{ path: 'cursor', message: 'not a cursor of this list and sort order: pass nextCursor as it came' }], 'query');
  }
  return values;
}

/** The sites a list reads: `sites=a,b` (each must exist), else the one in the path. */
async function listedSites(c: Context<AppEnv>, slugs: string[] | undefined): Promise<SiteRecord[]> {
  if (!slugs) return [c.var.site];
  const sites = await Promise.all(slugs.map((slug) => (slug === c.var.site.slug ? c.var.site : loadSite(c.env.DB, slug))));
  const missing = slugs.filter((_, i) => !sites[i]);
  if (missing.length) throw invalidFields([{ path: 'sites', message: `no site named ${missing.map((slug) => `"${slug}"`).join(', ')}` }], 'query');
  return sites as SiteRecord[];
}

/**
 * `GET …/articles?admin=1…`: the console's list, every article of the site whatever its status,
 * filtered by status, feed, category (and its subcategories) and words, newest first. The token
 * is checked before the query (401/403 before any 400); never cached (the edge cache lets a
 * request with Authorization through, and the answer is no-store).
 */
async function adminList(c: Context<AppEnv>) {
  await admitAdmin(c);
  const parsed = ArticleAdminQuery.safeParse(c.req.query());
  if (!parsed.success) throw validationError(parsed.error, 'query');
  const query = parsed.data;
  const site = c.var.site;
  const categories = await siteCategories(c.env.DB, site.id);
  let categoryIds: number[] | null = null;
  if (query.category) {
    const root = categories.find((category) => category.slug === query.category);
    if (!root) throw invalidFields([{ path: 'category', message: `no category "${query.category}" in this site` }], 'query');
    categoryIds = subtreeIds(categories, root.id);
  }
  if (query.feed !== undefined && !(await findFeed(c.env.DB, site.id, query.feed))) {
    throw invalidFields([{ path: 'feed', message: `no feed ${query.feed} in this site` }], 'query');
  }
  const cursor = query.cursor ? decodeCursor(query.cursor, false).id : null;
  const { results } = await adminArticlePageStatement(c.env.DB, {
    siteId: site.id,
    statuses: query.status ? [query.status] : ArticleStatus.options,
    categoryIds,
    feedId: query.feed ?? null,
    cursor,
    take: query.limit + 1,
    q: query.q ?? null,
  }).all<ArticleRow>();
  const page = results.slice(0, query.limit);
  const body: ArticleAdminPage = {
    items: page.map((row) => toAdmin(c, row, site.slug, categories)),
    nextCursor: results.length > query.limit ? encodeCursor(page.at(-1)!, false) : null,
  };
  return c.json(body, 200, { 'Cache-Control': 'no-store' });
}

/** `?admin` (any value) asks for the console's list; anything else is the public list's query. */
const adminListFirst = documentsInput(
  'query',
  // the console's own parameters (the others are the public list's)
  ArticleAdminQuery.pick({ admin: true, status: true, feed: true }).partial(),
  createMiddleware<AppEnv>(async (c, next) => {
    if (c.req.query('admin') !== undefined) return adminList(c);
    await next();
  }),
);

const op = operations('articles', {
  listArticles: {
    summary: "Published articles, newest or top rated first, a page at a time; with `admin=1` and a token, the console's list",
    description:
      "`sites` merges several sites by date. A search (`q`) matches its last word as a prefix only at 2 to 6 letters, and sorted by rating ranks its 60 newest matches. With `admin=1` and the site's token (or the operator's): every article of the site whatever its status (ArticleAdminPage), filtered by `status`, `feed` (a feed id), `category` (with its subcategories) and `q`, never cached; `sort` and `sites` are not read then.",
    access: 'optional token',
    responses: {
      200: json('A page (ArticlePage; ArticleAdminPage with admin=1)', z.xor([ArticlePage, ArticleAdminPage])),
      ...notModified,
      400: failure('Invalid query (with admin=1: also an unknown category or feed)'),
      401: failure('admin=1 without a token, or with an unknown or revoked one'),
      403: failure("admin=1 with another site's token"),
      404: failure('No such site, or no such category in it'),
    },
  },
  createArticle: {
    summary: 'Create an article (plain text only: markup is refused)',
    access: 'token',
    responses: { 201: json('The article', ArticleAdmin), 409: failure('The key is taken') },
  },
  upsertArticles: {
    summary: 'Create or update up to 100 articles by key, all or none; the same batch twice changes nothing',
    access: 'token',
    responses: { 200: json('What happened', BulkResult) },
  },
  getArticle: {
    summary: 'One article, hidden or not',
    access: 'token',
    responses: { 200: json('The article', ArticleAdmin), 404: failure('No such article') },
  },
  updateArticle: {
    summary: 'Change some fields of an article',
    access: 'token',
    responses: { 200: json('The article', ArticleAdmin), 404: failure('No such article') },
  },
  deleteArticle: { summary: 'Delete an article', access: 'token', responses: { 204: empty('Deleted'), 404: failure('No such article') } },
});

/** `/api/v1/sites/:site/articles`: the public list, the console's list (`?admin=1`), and the site admin's writes. */
export const articles = new Hono<AppEnv>()
  .get('/', adminListFirst, validate('query', ArticleQuery), op.listArticles, async (c) => {
    const query = c.req.valid('query');
    const byRating = query.sort === 'top-rated';
    const cursor = query.cursor ? decodeCursor(query.cursor, byRating) : null;
    const sites = await listedSites(c, query.sites);
    const categories = new Map(await Promise.all(sites.map(async (site) => [site.id, await siteCategories(c.env.DB, site.id)] as const)));

    let scopes: ArticleScope[] = sites.map((site) => ({ siteId: site.id, categoryIds: null }));
    if (query.category) {
      scopes = sites.flatMap((site) => {
        const list = categories.get(site.id)!;
        const root = list.find((category) => category.slug === query.category);
        return root ? [{ siteId: site.id, categoryIds: subtreeIds(list, root.id) }] : [];
      });
      if (!scopes.length) throw new ApiError(404, `No category "${query.category}" in ${sites.map((site) => site.slug).join(', ')}.`);
    }

    const match = query.q ? ftsQuery(query.q, scopes) : null;
    const { results } = await articlePageStatement(c.env.DB, { scopes, sort: query.sort, cursor, take: query.limit + 1, match }).all<ArticleRow>();
    const bySiteId = new Map(sites.map((site) => [site.id, site]));
    const page = results.slice(0, query.limit);
    const body: ArticlePage = {
      items: page.map((row) => toArticle(row, bySiteId.get(row.site_id)!.slug, categories.get(row.site_id)!, originOf(c))),
      nextCursor: results.length > query.limit ? encodeCursor(page.at(-1)!, byRating) : null,
      sites: Object.fromEntries(sites.map((site) => [site.slug, { name: site.name, timeZone: site.timeZone }])),
    };
    return cachedJson(c, body, 'public, max-age=60');
  })
  .post('/', requireAdmin, jsonBody(64 * 1024), validate('json', ArticleInput), op.createArticle, async (c) => {
    const { id, slug } = c.var.site;
    const categories = await siteCategories(c.env.DB, id, { fresh: true });
    const issues: ErrorIssue[] = [];
    const write = toWrite(c.req.valid('json'), categories, '', issues);
    failIfIssues(issues);
    if (!(await insertArticle(c.env.DB, id, write)))
      throw new ApiError(409, `An article with key "${write.key.slice(0, 100)}" exists: update it with PATCH, or upsert with POST …/articles/bulk.`);
    const row = await findArticle(c.env.DB, id, write.key);
    return c.json(toAdmin(c, row!, slug, categories), 201, { 'Cache-Control': 'no-store' });
  })
  // 100 full articles fit, even from a client that escapes every Vietnamese letter as \uXXXX (PHP's json_encode)
  .post('/bulk', requireAdmin, jsonBody(BULK_BYTES), validate('json', ArticleBulk), op.upsertArticles, async (c) => {
    const { id } = c.var.site;
    const categories = await siteCategories(c.env.DB, id, { fresh: true });
    const issues: ErrorIssue[] = [];
    const writes = c.req.valid('json').articles.map((article, i) => toWrite(article, categories, `articles.${i}.`, issues));
    failIfIssues(issues);
    return c.json(await upsertArticles(c.env.DB, id, writes), 200, { 'Cache-Control': 'no-store' });
  })
  .get('/:key', requireAdmin, validate('param', KeyParam), op.getArticle, async (c) => {
    const { id, slug } = c.var.site;
    const row = await findArticle(c.env.DB, id, c.req.valid('param').key);
    if (!row) throw new ApiError(404, 'No such article.');
    return c.json(toAdmin(c, row, slug, await siteCategories(c.env.DB, id)), 200, { 'Cache-Control': 'no-store' });
  })
  .patch('/:key', requireAdmin, jsonBody(64 * 1024), validate('param', KeyParam), validate('json', ArticleUpdate), op.updateArticle, async (c) => {
    const { id, slug } = c.var.site;
    const { key } = c.req.valid('param');
    const categories = await siteCategories(c.env.DB, id, { fresh: true });
    const row = await findArticle(c.env.DB, id, key);
    if (!row) throw new ApiError(404, 'No such article.');
    const issues: ErrorIssue[] = [];
    const write = toWrite({ ...toInput(row, categories), ...c.req.valid('json') }, categories, '', issues);
    failIfIssues(issues);
    await upsertArticles(c.env.DB, id, [write]);
    return c.json(toAdmin(c, (await findArticle(c.env.DB, id, key))!, slug, categories), 200, { 'Cache-Control': 'no-store' });
  })
  .delete('/:key', requireAdmin, validate('param', KeyParam), op.deleteArticle, async (c) => {
    if (!(await deleteArticle(c.env.DB, c.var.site.id, c.req.valid('param').key))) throw new ApiError(404, 'No such article.');
    return c.body(null, 204);
  });
