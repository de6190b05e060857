import type { ArticleSort, ArticleStatus } from '@civic-widgets/contract';

// An article's id is its publication time in Unix seconds × 2^20 plus a counter within that
// second (see migrations/0003): "newest first" is "id descending" on one index, and a page
// cursor is one id. Ids stay below 2^53 (exact in JavaScript) until the year 2242.
export const ID_SCALE = 1_048_576;
export const idTime = (id: number) => Math.floor(id / ID_SCALE);

/** One article as the database stores it. */
export interface ArticleWrite {
  key: string;
  title: string;
  summary: string;
  url: string;
  imageUrl: string | null;
  imageAlt: string | null;
  imageWidth: number | null;
  imageHeight: number | null;
  author: string | null;
  poster: string | null;
  source: string | null;
  categoryId: number | null;
  /** Unix seconds; null (a feed item without a date) keeps the stored time, or takes now for a new article */
  publishedAt: number | null;
  /** Unix seconds; null: now, when the write changes something */
  updatedAt: number | null;
  /** null (a feed's re-import) keeps what the admin set, or publishes a new article */
  status: ArticleStatus | null;
  /** the feed importing it; null (an editor's write) keeps the stored one, or none for a new article */
  feedId: number | null;
}

export interface ArticleRow {
  id: number;
  site_id: number;
  external_key: string;
  title: string;
  summary: string;
  url: string;
  image_url: string | null;
  image_alt: string | null;
  image_width: number | null;
  image_height: number | null;
  author: string | null;
  poster: string | null;
  source: string | null;
  category_id: number | null;
  published_at: number;
  updated_at: number;
  status: ArticleStatus;
  key_votes: number;
  key_points: number;
  url_votes: number;
  url_points: number;
  rating_score: number;
  feed_id: number | null;
}

const COLUMNS = `a.id, a.site_id, a.external_key, a.title, a.summary, a.url, a.image_url, a.image_alt,
  a.image_width, a.image_height, a.author, a.poster, a.source, a.category_id, a.published_at,
  a.updated_at, a.status, a.key_votes, a.key_points, a.url_votes, a.url_points, a.rating_score, a.feed_id`;

// What an upsert compares to decide that an article changed (the ratings are kept by votes).
const CONTENT = [
  'title',
  'summary',
  'url',
  'image_url',
  'image_alt',
  'image_width',
  'image_height',
  'author',
  'poster',
  'source',
  'category_id',
  'published_at',
  'status',
  'feed_id',
];

/**
 * Writes one article by its key. The new row takes an id in its publication second (the next
 * free one); an update keeps its id unless the publication time moved. The copied rating counts
 * come from the totals under the article's key and URL. `upsert` changes nothing when nothing
 * differs, so a repeated batch is a no-op; `insert` leaves an existing article alone. Either
 * returns the id only when it wrote a row.
 */
export function articleWriteStatement(db: D1Database, siteId: number, article: ArticleWrite, now: number, mode: 'upsert' | 'insert') {
  const conflict =
    mode === 'insert'
      ? 'DO NOTHING'
      : `DO UPDATE SET id = excluded.id, ${[...CONTENT, 'updated_at', 'key_votes', 'key_points', 'url_votes', 'url_points'].map((column) => `${column} = excluded.${column}`).join(', ')}
         WHERE (${CONTENT.map((column) => `articles.${column}`).join(', ')}) IS NOT (${CONTENT.map((column) => `excluded.${column}`).join(', ')})
            OR (?15 IS NOT NULL AND articles.updated_at IS NOT ?15)`;
  return db
    .prepare(
      `INSERT INTO articles (id, site_id, external_key, title, summary, url, image_url, image_alt, image_width, image_height,
         author, poster, source, category_id, published_at, updated_at, status, key_votes, key_points, url_votes, url_points, feed_id)
       SELECT
         CASE WHEN old.published_at = p.t THEN old.id ELSE coalesce(
           (SELECT n.id + 1 FROM articles n WHERE n.id >= p.t * ${ID_SCALE} AND n.id < (p.t + 1) * ${ID_SCALE} ORDER BY n.id DESC LIMIT 1),
           p.t * ${ID_SCALE}) END,
         ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, p.t, coalesce(?15, ?17), coalesce(?16, old.status, 'published'),
         coalesce(k.count, 0), coalesce(k.total, 0), coalesce(u.count, 0), coalesce(u.total, 0), coalesce(?18, old.feed_id)
       FROM (SELECT coalesce(?14, (SELECT published_at FROM articles WHERE site_id = ?1 AND external_key = ?2), ?17) AS t) p
       LEFT JOIN articles old ON old.site_id = ?1 AND old.external_key = ?2
       LEFT JOIN rating_totals k ON k.site_id = ?1 AND k.item = ?2
       LEFT JOIN rating_totals u ON u.site_id = ?1 AND u.item = ?5 AND ?5 <> ?2
       WHERE true
       ON CONFLICT (site_id, external_key) ${conflict}
       RETURNING id`,
    )
    .bind(
      siteId,
      article.key,
      article.title,
      article.summary,
      article.url,
      article.imageUrl,
      article.imageAlt,
      article.imageWidth,
      article.imageHeight,
      article.author,
      article.poster,
      article.source,
      article.categoryId,
      article.publishedAt,
      article.updatedAt,
      article.status,
      now,
      article.feedId,
    );
}

export interface WriteCounts {
  created: number;
  updated: number;
  unchanged: number;
}

/**
 * Upserts articles by key in one batch (all or nothing), plus any `extra` statements (a feed's
 * new state) in the same transaction. Counts what happened to each.
 */
export async function upsertArticles(db: D1Database, siteId: number, articles: ArticleWrite[], extra: D1PreparedStatement[] = []): Promise<WriteCounts> {
  const now = Math.floor(Date.now() / 1000);
  const [existing, ...writes] = await db.batch<{ external_key?: string; id?: number }>([
    db
      .prepare('SELECT external_key FROM articles WHERE site_id = ?1 AND external_key IN (SELECT value FROM json_each(?2))')
      .bind(siteId, JSON.stringify(articles.map((article) => article.key))),
    ...articles.map((article) => articleWriteStatement(db, siteId, article, now, 'upsert')),
    ...extra,
  ]);
  const known = new Set(existing!.results.map((row) => row.external_key));
  const counts = { created: 0, updated: 0, unchanged: 0 };
  articles.forEach((article, i) => {
    const wrote = writes[i]!.results.length > 0;
    counts[!wrote ? 'unchanged' : known.has(article.key) ? 'updated' : 'created']++;
  });
  return counts;
}

/** Creates one article; false when its key is taken. */
export async function insertArticle(db: D1Database, siteId: number, article: ArticleWrite): Promise<boolean> {
  const row = await articleWriteStatement(db, siteId, article, Math.floor(Date.now() / 1000), 'insert').first();
  return row !== null;
}

export async function findArticle(db: D1Database, siteId: number, key: string): Promise<ArticleRow | null> {
  return db.prepare(`SELECT ${COLUMNS} FROM articles a WHERE a.site_id = ?1 AND a.external_key = ?2`).bind(siteId, key).first<ArticleRow>();
}

export async function deleteArticle(db: D1Database, siteId: number, key: string): Promise<boolean> {
  const row = await db.prepare('DELETE FROM articles WHERE site_id = ?1 AND external_key = ?2 RETURNING id').bind(siteId, key).first();
  return row !== null;
}

/**
 * Keeps the rating counts copied on articles equal to rating_totals for `item` (an article's key
 * or its URL): two statements for the vote's own batch, after its totals are written.
 */
export const articleRatingStatements = (db: D1Database, siteId: number, item: string) => [
  db
    .prepare(
      `UPDATE articles SET key_votes = t.count, key_points = t.total FROM rating_totals t
       WHERE t.site_id = ?1 AND t.item = ?2 AND articles.site_id = ?1 AND articles.external_key = ?2
         AND (articles.key_votes, articles.key_points) IS NOT (t.count, t.total)`,
    )
    .bind(siteId, item),
  db
    .prepare(
      `UPDATE articles SET url_votes = t.count, url_points = t.total FROM rating_totals t
       WHERE t.site_id = ?1 AND t.item = ?2 AND articles.site_id = ?1 AND articles.url = ?2 AND articles.external_key <> ?2
         AND (articles.url_votes, articles.url_points) IS NOT (t.count, t.total)`,
    )
    .bind(siteId, item),
];

/** Where a list looks: one site, all of it or some of its categories. */
export interface ArticleScope {
  siteId: number;
  /** null: every category (and none) */
  categoryIds: number[] | null;
}

/** Where the previous page ended: its last article's id, and its rating score when sorted by rating. */
export interface PageCursor {
  id: number;
  score: number;
}

export interface PageQuery {
  scopes: ArticleScope[];
  sort: ArticleSort;
  cursor: PageCursor | null;
  /** rows to fetch: the page size plus one, to know whether another page follows */
  take: number;
  /** an FTS5 query (see ftsQuery), or null */
  match: string | null;
}

// Past this many (site, category) pairs a list is read from the full-text index's scope tokens
// (one doclist per pair, merged newest first inside FTS5) instead of one arm per pair.
const MAX_ARMS = 24;
/**
 * A list sorted by rating that cannot walk a rating index (a search, or more pairs than
 * MAX_ARMS) ranks only this many of its newest matches: the rows it reads stay bounded.
 */
export const TOP_RATED_CANDIDATES = 60;

/**
 * One page of published articles as a single statement. Each (site, category) pair reads its own
 * index in order and stops after `take` rows; the pairs are merged by the same order. A search
 * walks the full-text index newest first (its rowid is the article id, so a deep page starts at
 * its cursor inside the index) and looks up each hit; sorted by rating, it ranks the newest
 * TOP_RATED_CANDIDATES hits.
 */
export function articlePageStatement(db: D1Database, query: PageQuery): D1PreparedStatement {
  const binds: unknown[] = [];
  const bind = (value: unknown) => `?${binds.push(value)}`;
  const { scopes, sort, cursor, take } = query;
  const byRating = sort === 'top-rated';
  const order = byRating ? 'rating_score DESC, id DESC' : 'id DESC';
  const limit = bind(take);
  const pairs = scopes.flatMap(({ siteId, categoryIds }): { siteId: number; categoryId: number | null }[] =>
    categoryIds ? categoryIds.map((categoryId) => ({ siteId, categoryId })) : [{ siteId, categoryId: null }],
  );
  const match = query.match ?? (pairs.length > MAX_ARMS ? scopeQuery(scopes) : null);

  if (match !== null) {
    const sites = bind(JSON.stringify(scopes.map((scope) => scope.siteId)));
    const found = `a.site_id IN (SELECT value FROM json_each(${sites})) AND a.status = 'published'`;
    if (byRating) {
      const keyset = cursor ? `AND (a.rating_score < ${bind(cursor.score)} OR (a.rating_score = ${bind(cursor.score)} AND a.id < ${bind(cursor.id)}))` : '';
      return db
        .prepare(
          `SELECT ${COLUMNS} FROM (SELECT rowid AS id FROM articles_fts WHERE articles_fts MATCH ${bind(match)} ORDER BY rowid DESC LIMIT ${bind(TOP_RATED_CANDIDATES)}) f
           CROSS JOIN articles a ON a.id = f.id
           WHERE ${found} ${keyset}
           ORDER BY a.rating_score DESC, a.id DESC LIMIT ${limit}`,
        )
        .bind(...binds);
    }
    // CAST: D1 binds a JavaScript number as REAL, and FTS5 ignores a rowid bound that is not an
    // INTEGER (it would then walk every hit above the cursor)
    const keyset = cursor ? `AND f.rowid < CAST(${bind(cursor.id)} AS INTEGER)` : '';
    return db
      .prepare(
        `SELECT ${COLUMNS} FROM articles_fts f CROSS JOIN articles a ON a.id = f.rowid
         WHERE articles_fts MATCH ${bind(match)} ${keyset} AND ${found}
         ORDER BY f.rowid DESC LIMIT ${limit}`,
      )
      .bind(...binds);
  }

  // The keyset: after (score, id) when sorted by rating is two index ranges, each read in order.
  const ranges = !cursor
    ? ['']
    : byRating
      ? [`AND a.rating_score = ${bind(cursor.score)} AND a.id < ${bind(cursor.id)}`, `AND a.rating_score < ${bind(cursor.score)}`]
      : [`AND a.id < ${bind(cursor.id)}`];
  const arms = pairs.flatMap(({ siteId, categoryId }) =>
    ranges.map(
      (range) =>
        `SELECT ${COLUMNS} FROM articles a WHERE a.site_id = ${bind(siteId)} ${categoryId === null ? '' : `AND a.category_id = ${bind(categoryId)}`} AND a.status = 'published' ${range} ORDER BY ${byRating ? 'a.rating_score DESC, a.id DESC' : 'a.id DESC'} LIMIT ${limit}`,
    ),
  );
  const sql = arms.length === 1 ? arms[0]! : `${arms.map((arm) => `SELECT * FROM (${arm})`).join(' UNION ALL ')} ORDER BY ${order} LIMIT ${limit}`;
  return db.prepare(sql).bind(...binds);
}

/** The FTS5 query for every article in the scopes (their scope tokens, no words). */
const scopeQuery = (scopes: ArticleScope[]) => `scope : (${scopeTokens(scopes).join(' OR ')})`;

/** A scope's tokens in the index: its categories' "c<id>" when narrowed to categories, else its sites' "s<id>". */
const scopeTokens = (scopes: ArticleScope[]) =>
  scopes.some((s) => s.categoryIds) ? scopes.flatMap((scope) => scope.categoryIds ?? []).map((id) => `c${id}`) : scopes.map((s) => `s${s.siteId}`);

/**
 * The prefix lengths the full-text index keeps (migrations/0010: prefix = '2 3 4 5 6'). A last
 * word of this many letters (diacritics aside) is matched as a prefix, read from its own
 * index in order; a shorter or longer one is matched as a whole word, so no search merges the
 * doclists of every term a short prefix starts.
 */
export const PREFIX_LETTERS = { min: 2, max: 6 };

const letters = (word: string) => word.normalize('NFD').replace(/\p{M}/gu, '').length;

const ftsWord = (word: string) => `"${word}"`;

/**
 * The FTS5 query for a reader's words in the given scopes, or null when there is no word.
 * Words are matched in title and summary, all of them, the last as a prefix when it has
 * PREFIX_LETTERS (the reader may still be typing); đ/Đ is folded to d as in the index (the
 * tokenizer removes the other diacritics itself). Operators and quotes a reader types are
 * plain characters here.
 */
export function ftsQuery(q: string, scopes: ArticleScope[]): string | null {
  const terms = ftsTerms(q);
  return terms === null ? null : `${scopeQuery(scopes)} AND ${terms}`;
}

/** The words part of ftsQuery (`{title summary} : (…)`), or null when `q` has no word. */
function ftsTerms(q: string): string | null {
  const words = foldForSearch(q.normalize('NFC'))
    .split(/[^\p{L}\p{M}\p{N}]+/u)
    .filter(Boolean)
    .slice(0, 12);
  if (!words.length) return null;
  const last = words.length - 1;
  const asPrefix = (word: string) => letters(word) >= PREFIX_LETTERS.min && letters(word) <= PREFIX_LETTERS.max;
  const terms = words.map((word, i) => ftsWord(word) + (i === last && asPrefix(word) ? '*' : '')).join(' AND ');
  return `{title summary} : (${terms})`;
}

/** đ/Đ are letters of their own to unicode61: the index and the query fold them alike. */
export const foldForSearch = (text: string) => text.replace(/đ/g, 'd').replace(/Đ/g, 'D');

/** The console's list: one site's articles whatever their status, narrowed by any of the filters. */
export interface AdminPageQuery {
  siteId: number;
  /** the statuses listed: one, or every one */
  statuses: readonly ArticleStatus[];
  /** null: every category (and none) */
  categoryIds: number[] | null;
  /** null: whatever imported it (or nobody) */
  feedId: number | null;
  /** the last id of the previous page */
  cursor: number | null;
  take: number;
  /** an editor's words, or null */
  q: string | null;
}

// In the full-text index (migrations/0015) a published article's scope tokens are s<site>,
// c<category>, f<feed>; any other status's are the same with an "h" before each.
const statusPrefix = (status: ArticleStatus) => (status === 'published' ? '' : 'h');

/**
 * One page of the console's list as a single statement, newest first. Without words, each
 * (status, category) pair reads its own range of an index over every status (migrations/0015:
 * site, status[, feed][, category], id) in order and stops after `take` rows, and the arms are
 * merged: rows read stay about `take` per arm however many articles the site holds. With words
 * (or more arms than MAX_ARMS) it walks the full-text index newest first, narrowed inside the
 * index by the scope tokens of the statuses, categories and feed asked for.
 */
export function adminArticlePageStatement(db: D1Database, query: AdminPageQuery): D1PreparedStatement {
  const binds: unknown[] = [];
  const bind = (value: unknown) => `?${binds.push(value)}`;
  const { siteId, statuses, categoryIds, feedId, cursor, take } = query;
  const limit = bind(take);
  const terms = query.q === null ? null : ftsTerms(query.q);
  const categories: (number | null)[] = categoryIds ?? [null];

  if (terms !== null || statuses.length * categories.length > MAX_ARMS) {
    const scope = statuses.flatMap((status) =>
      categoryIds ? categoryIds.map((id) => `${statusPrefix(status)}c${id}`) : [`${statusPrefix(status)}s${siteId}`],
    );
    const parts = [`scope : (${scope.join(' OR ')})`];
    if (feedId !== null) parts.push(`scope : (${statuses.map((status) => `${statusPrefix(status)}f${feedId}`).join(' OR ')})`);
    if (terms !== null) parts.push(terms);
    // CAST: see articlePageStatement
    const keyset = cursor !== null ? `AND f.rowid < CAST(${bind(cursor)} AS INTEGER)` : '';
    return db
      .prepare(
        `SELECT ${COLUMNS} FROM articles_fts f CROSS JOIN articles a ON a.id = f.rowid
         WHERE articles_fts MATCH ${bind(parts.join(' AND '))} ${keyset} AND a.site_id = ${bind(siteId)}
         ORDER BY f.rowid DESC LIMIT ${limit}`,
      )
      .bind(...binds);
  }

  const site = bind(siteId);
  const feed = feedId === null ? '' : `AND a.feed_id = ${bind(feedId)}`;
  const range = cursor === null ? '' : `AND a.id < ${bind(cursor)}`;
  const arms = statuses.flatMap((status) => {
    const s = bind(status);
    return categories.map(
      (categoryId) =>
        `SELECT ${COLUMNS} FROM articles a WHERE a.site_id = ${site} AND a.status = ${s} ${feed} ${categoryId === null ? '' : `AND a.category_id = ${bind(categoryId)}`} ${range} ORDER BY a.id DESC LIMIT ${limit}`,
    );
  });
  const sql = arms.length === 1 ? arms[0]! : `${arms.map((arm) => `SELECT * FROM (${arm})`).join(' UNION ALL ')} ORDER BY id DESC LIMIT ${limit}`;
  return db.prepare(sql).bind(...binds);
}
