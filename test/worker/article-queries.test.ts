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
  categories = (await env.DB.prepare('SELECT id FROM categories WHERE site_id = ?1 ORDER BY id').bind(site.id).all<{ id: number }>()).results.map(
    (row) => row.id,
  );
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

    const merged = await page({
      scopes: [
        { siteId: site.id, categoryIds: null },
        { siteId: neighbour.id, categoryIds: null },
      ],
    });
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

  it('reads about two rows per hit deep in a search too: the cursor is a seek inside the index', async () => {
    const scopes = [{ siteId: site.id, categoryIds: null }];
    const match = ftsQuery('hop tac xa', scopes);
    const first = await page({ scopes, match });
    // after bench-1520: the next "Hợp tác xã" headline is bench-1528 (every eighth article)
    const deep = await page({ scopes, match, cursor: { id: first.results[0]!.id - 1519 * 600 * 1_048_576, score: 0 } });
    expect(deep.results[0]!.external_key).toBe('bench-1528');
    expect(deep.results).toHaveLength(21);
    expect(deep.meta.rows_read).toBeLessThanOrEqual(2 * 21 + 4);
  });

  it('reads a bounded number of rows for a top-rated search, however many articles match', async () => {
    const scopes = [{ siteId: site.id, categoryIds: null }];
    const search = await page({ scopes, match: ftsQuery('tin', scopes), sort: 'top-rated' }); // every article matches
    expect(search.results).toHaveLength(21);
    // the goal for every public request: at most 200 rows
    expect(search.meta.rows_read).toBeLessThanOrEqual(200);
  });

  it('reads a one-letter search as a whole word: no prefix merges every term it starts', async () => {
    const scopes = [{ siteId: site.id, categoryIds: null }];
    expect(ftsQuery('t', scopes)).toContain('("t")');
    expect(ftsQuery('hop t', scopes)).toContain('("hop" AND "t")');
    expect(ftsQuery('hop ta', scopes)).toContain('("hop" AND "ta"*)');
    expect(ftsQuery('nghiêng', scopes)).toContain('("nghiêng")');
    for (const q of ['t', 'x', 'hop t']) {
      const search = await page({ scopes, match: ftsQuery(q, scopes) });
      expect(search.meta.rows_read, q).toBeLessThanOrEqual(2 * 21 + 4);
    }
  });

  it('reads a list of more than 24 categories from the index’s scope tokens, newest first, in bounded rows', async () => {
    // the three real categories and 22 that hold nothing: every article of the site is in the list
    const many = [{ siteId: site.id, categoryIds: [...categories, ...Array.from({ length: 22 }, (_, i) => 1_000_000 + i)] }];
    const list = await page({ scopes: many });
    const all = await page({ scopes: [{ siteId: site.id, categoryIds: null }] });
    expect(list.results.map((row) => row.external_key)).toEqual(all.results.map((row) => row.external_key));
    expect(list.meta.rows_read).toBeLessThanOrEqual(2 * 21 + 4);
    const top = await page({ scopes: many, sort: 'top-rated' });
    expect(top.results).toHaveLength(21);
    expect(top.meta.rows_read).toBeLessThanOrEqual(200);
  });
});
