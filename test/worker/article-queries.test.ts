// What a page of articles costs in D1 (`meta.rows_read`, what D1 bills by): the page reads its
// own rows, however many articles the site and its neighbours hold. (test/bench measures the
// same statements at 100,000 articles.)
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { articlePageStatement, ftsQuery, type ArticleScope, type PageQuery } from '../../worker/src/db/articles.js';
import { fillArticlesSql } from '../bench/fill-articles.mjs';
import { createSite, type TestSite } from './helpers.js';

let site: TestSite;
let neighbour: TestSite;
let categories: number[];

const page = (query: Partial<PageQuery> & { scopes: ArticleScope[] }) =>
  articlePageStatement(env.DB, { sort: 'newest', cursor: null, take: 21, match: null, ...query }).all<{ id: number; external_key: string }>();

beforeAll(async () => {
  site = await createSite();
  neighbour = await createSite();
  for (const slug of ['tin-tuc', 'thong-bao', 'van-ban']) {
    await env.DB.prepare('INSERT INTO categories (site_id, slug, title) VALUES (?1, ?2, ?2)').bind(site.id, slug).run();
  }
  categories = (await env.DB.prepare('SELECT id FROM categories WHERE site_id = ?1 ORDER BY id').bind(site.id).all<{ id: number }>()).results.map((row) => row.id);
  await env.DB.exec(fillArticlesSql({ siteId: site.id, count: 3000, categoryIds: categories }).replace(/\n/g, ' '));
  await env.DB.exec(fillArticlesSql({ siteId: neighbour.id, count: 2000, prefix: 'other' }).replace(/\n/g, ' '));
});

describe('cost of a page of articles', () => {
  it('reads at most 25 rows for 20 articles, on the first page and deep in the list', async () => {
    const first = await page({ scopes: [{ siteId: site.id, categoryIds: null }] });
    expect(first.results).toHaveLength(21);
    expect(first.results[0]!.external_key).toBe('bench-1');
    expect(first.meta.rows_read).toBeLessThanOrEqual(25);

    const deep = await page({ scopes: [{ siteId: site.id, categoryIds: null }], cursor: { id: first.results[0]!.id - 1519 * 600 * 1_048_576, score: 0 } }); // after bench-1520
    expect(deep.results[0]!.external_key).toBe('bench-1521');
    expect(deep.meta.rows_read).toBeLessThanOrEqual(25);
  });

  it('reads at most 25 rows for 20 articles of one category, and a page per site plus the merge for two sites', async () => {
    const category = await page({ scopes: [{ siteId: site.id, categoryIds: [categories[1]!] }] });
    expect(category.results).toHaveLength(21);
    expect(category.meta.rows_read).toBeLessThanOrEqual(25);

    const merged = await page({ scopes: [{ siteId: site.id, categoryIds: null }, { siteId: neighbour.id, categoryIds: null }] });
    expect(merged.results.map((row) => row.external_key).slice(0, 4)).toEqual(['other-1', 'bench-1', 'other-2', 'bench-2']); // same times: by id
    // each site's index gives its 21 newest; merging them reads the 21 kept once more
    expect(merged.meta.rows_read).toBeLessThanOrEqual(3 * 21 + 4);
  });

  it('reads about two rows per hit for the first page of a search', async () => {
    const scopes = [{ siteId: site.id, categoryIds: null }];
    const search = await page({ scopes, match: ftsQuery('hop tac xa', scopes) });
    expect(search.results).toHaveLength(21);
    expect(search.results.every((row) => row.external_key.startsWith('bench-'))).toBe(true);
    expect(search.meta.rows_read).toBeLessThanOrEqual(2 * 21 + 4);
  });
});
