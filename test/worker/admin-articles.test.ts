// The console's article list, GET /api/v1/sites/:site/articles?admin=1…: every status, each
// filter, paging, who may read it, and what a page costs in D1 (`meta.rows_read`).
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ArticleAdminPage, ArticlePage, Feed, FeedSyncResult } from '@civic-widgets/contract';
import { adminArticlePageStatement, type AdminPageQuery } from '../../worker/src/db/articles.js';
import { fillArticlesSql } from '../bench/fill-articles.mjs';
import { OPERATOR_TOKEN, adminApi, api, article, createSite, errorJson, rows, type TestSite } from './helpers.js';

const rss = (items: string) => `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Tin</title><link>https://portal.test/</link>${items}</channel></rss>`;
const item = (guid: string, title: string, date: string) =>
  `<item><title>${title}</title><link>https://portal.test/tin-tuc/${guid}.html</link><guid>${guid}</guid><pubDate>${date}</pubDate></item>`;

let paths = 0;
async function serve(body: string) {
  const path = `/admin-list-${++paths}-${Date.now()}.rss`;
  await fetch(`http://feeds.test${path}`, { method: 'PUT', body });
  return `http://feeds.test${path}`;
}

const list = (site: TestSite, query: string, token: string | null = site.token) => adminApi(site, 'GET', `/articles?admin=1${query}`, undefined, { token });
const keys = async (site: TestSite, query: string) => {
  const response = await list(site, query);
  expect(response.status).toBe(200);
  return (await response.json<ArticleAdminPage>()).items.map((a) => a.key);
};

describe('the console article list', () => {
  let site: TestSite;
  let feed: Feed;

  beforeAll(async () => {
    site = await createSite();
    await adminApi(site, 'POST', '/categories', { slug: 'tin-tuc', title: 'Tin tức' });
    await adminApi(site, 'POST', '/categories', { slug: 'xa', title: 'Tin xã', parent: 'tin-tuc' });
    await adminApi(site, 'POST', '/categories', { slug: 'thong-bao', title: 'Thông báo' });
    const write = async (key: string, overrides: Record<string, unknown>) =>
      expect((await adminApi(site, 'POST', '/articles', article(key, overrides))).status).toBe(201);
    await write('a-pub', { title: 'Hội nghị cán bộ', publishedAt: '2026-01-01T08:00:00+07:00', category: 'tin-tuc' });
    await write('b-hidden', { title: 'Đường giao thông nông thôn', publishedAt: '2026-01-02T08:00:00+07:00', category: 'xa', status: 'hidden' });
    await write('c-pub', { title: 'Lịch tiếp công dân', publishedAt: '2026-01-03T08:00:00+07:00', category: 'thong-bao' });
    const created = await adminApi(site, 'POST', '/feeds', {
      url: await serve(
        rss(item('f-1', 'Đường liên xã hoàn thành', 'Sun, 04 Jan 2026 01:00:00 GMT') + item('f-2', 'Giá lúa vụ xuân', 'Mon, 05 Jan 2026 01:00:00 GMT')),
      ),
      category: 'thong-bao',
    });
    feed = await created.json<Feed>();
    const synced = await (await adminApi(site, 'POST', `/feeds/${feed.id}/sync`)).json<FeedSyncResult>();
    expect(synced).toMatchObject({ created: 2 });
    // the editor hides one imported article: it stays the feed's
    expect((await adminApi(site, 'PATCH', '/articles/f-1', { status: 'hidden' })).status).toBe(200);
  });

  it('lists hidden articles for the admin, newest first, and never for the public', async () => {
    const response = await list(site, '');
    expect(response.status).toBe(200);
    expect(response.headers.get('Cache-Control')).toBe('no-store');
    const page = await response.json<ArticleAdminPage>();
    expect(page.items.map((a) => [a.key, a.status, a.feed])).toEqual([
      ['f-2', 'published', feed.id],
      ['f-1', 'hidden', feed.id],
      ['c-pub', 'published', null],
      ['b-hidden', 'hidden', null],
      ['a-pub', 'published', null],
    ]);
    expect(page.nextCursor).toBeNull();

    const anonymous = await api(`/api/v1/sites/${site.slug}/articles?limit=50`);
    expect((await anonymous.json<ArticlePage>()).items.map((a) => a.key)).toEqual(['f-2', 'c-pub', 'a-pub']);
    // nor in a public search: hidden articles are in the full-text index under other scope tokens
    const search = await api(`/api/v1/sites/${site.slug}/articles?q=${encodeURIComponent('đường')}`);
    expect((await search.json<ArticlePage>()).items).toEqual([]);
  });

  it('filters by status, feed, category (with its subcategories) and words, each alone and together', async () => {
    expect(await keys(site, '&status=hidden')).toEqual(['f-1', 'b-hidden']);
    expect(await keys(site, '&status=published')).toEqual(['f-2', 'c-pub', 'a-pub']);
    expect(await keys(site, `&feed=${feed.id}`)).toEqual(['f-2', 'f-1']);
    expect(await keys(site, `&feed=${feed.id}&status=hidden`)).toEqual(['f-1']);
    expect(await keys(site, '&category=tin-tuc')).toEqual(['b-hidden', 'a-pub']);
    expect(await keys(site, '&category=thong-bao&status=published')).toEqual(['f-2', 'c-pub']);
    expect(await keys(site, `&category=thong-bao&feed=${feed.id}`)).toEqual(['f-2', 'f-1']);
    // words: hidden articles are found too, without diacritics
    expect(await keys(site, `&q=${encodeURIComponent('đường')}`)).toEqual(['f-1', 'b-hidden']);
    expect(await keys(site, '&q=duong&status=hidden&category=tin-tuc')).toEqual(['b-hidden']);
    expect(await keys(site, `&q=duong&feed=${feed.id}`)).toEqual(['f-1']);
    expect(await keys(site, '&q=duong&status=published')).toEqual([]);
  });

  it('follows a hide and a show at once', async () => {
    expect((await adminApi(site, 'PATCH', '/articles/a-pub', { status: 'hidden' })).status).toBe(200);
    expect(await keys(site, '&status=hidden')).toEqual(['f-1', 'b-hidden', 'a-pub']);
    expect((await adminApi(site, 'PATCH', '/articles/a-pub', { status: 'published' })).status).toBe(200);
    expect(await keys(site, '&status=hidden')).toEqual(['f-1', 'b-hidden']);
    // an editor's write keeps the feed that imported the article
    expect((await (await adminApi(site, 'PATCH', '/articles/f-1', { title: 'Đường liên xã đã xong' })).json<{ feed: number }>()).feed).toBe(feed.id);
  });

  it('pages by cursor, with and without a filter and words', async () => {
    for (const query of ['', '&status=hidden', '&q=duong', `&feed=${feed.id}`]) {
      const all = await keys(site, query);
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const response = await list(site, `${query}&limit=1${cursor ? `&cursor=${cursor}` : ''}`);
        const page: ArticleAdminPage = await response.json();
        seen.push(...page.items.map((a) => a.key));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen, query).toEqual(all);
    }
  });

  it('counts each feed’s articles, hidden ones too', async () => {
    const feeds = await (await adminApi(site, 'GET', '/feeds')).json<{ items: Feed[] }>();
    expect(feeds.items.find((f) => f.id === feed.id)?.articleCount).toBe(2);
    expect((await adminApi(site, 'DELETE', '/articles/f-2')).status).toBe(204);
    const after = await (await adminApi(site, 'GET', '/feeds')).json<{ items: Feed[] }>();
    expect(after.items.find((f) => f.id === feed.id)?.articleCount).toBe(1);
  });

  it('attributes an article stored before feeds were recorded on the next import, and forgets a deleted feed', async () => {
    const own = await createSite();
    const url = await serve(rss(item('old-1', 'Tin cũ', 'Sat, 03 Jan 2026 01:00:00 GMT')));
    expect(
      (
        await adminApi(own, 'POST', '/articles/bulk', {
          articles: [article('old-1', { title: 'Tin cũ', url: 'https://portal.test/tin-tuc/old-1.html', publishedAt: '2026-01-03T08:00:00+07:00' })],
        })
      ).status,
    ).toBe(200);
    const created = await (await adminApi(own, 'POST', '/feeds', { url })).json<Feed>();
    expect(created.articleCount).toBe(0);
    // the same item, unchanged but for its feed: the upsert writes the feed
    expect(await (await adminApi(own, 'POST', `/feeds/${created.id}/sync`)).json<FeedSyncResult>()).toMatchObject({
      created: 0,
      updated: 1,
      feed: { articleCount: 1 },
    });
    expect(await keys(own, `&feed=${created.id}`)).toEqual(['old-1']);

    expect((await adminApi(own, 'DELETE', `/feeds/${created.id}`)).status).toBe(204);
    expect(await rows('SELECT feed_id FROM articles WHERE site_id = ?1', own.id)).toEqual([{ feed_id: null }]);
    expect(await keys(own, '')).toEqual(['old-1']);
  });

  it('is the operator’s too; another site’s token is 403, no token 401, a bad one 401', async () => {
    expect((await list(site, '', OPERATOR_TOKEN)).status).toBe(200);
    const other = await createSite();
    const refused = await list(site, '', other.token);
    expect(refused.status).toBe(403);
    expect((await errorJson(refused)).error.code).toBe('forbidden');
    const anonymous = await list(site, '', null);
    expect(anonymous.status).toBe(401);
    expect((await errorJson(anonymous)).error.code).toBe('unauthorized');
    expect((await list(site, '', 'cw_nobody')).status).toBe(401);
    // the filters without a token are no way around it either
    expect((await list(site, '&status=hidden', null)).status).toBe(401);
  });

  it('refuses bad filter values with a 400 naming the field', async () => {
    const other = await createSite();
    const otherFeed = await (await adminApi(other, 'POST', '/feeds', { url: await serve(rss('')) })).json<Feed>();
    const cases: [string, string][] = [
      ['&status=deleted', 'status'],
      ['&feed=abc', 'feed'],
      ['&feed=0', 'feed'],
      [`&feed=${otherFeed.id}`, 'feed'],
      ['&category=khong-co', 'category'],
      ['&limit=0', 'limit'],
      ['&limit=51', 'limit'],
      ['&cursor=zzz', 'cursor'],
      ['&sort=top-rated', 'query'], // (a key the list does not take: zod names no path, the message names it)
    ];
    for (const [query, path] of cases) {
      const response = await list(site, query);
      expect(response.status, query).toBe(400);
      const body = await errorJson(response);
      expect(body.error.code, query).toBe('validation_failed');
      expect(
        body.error.issues?.map((issue) => issue.path),
        query,
      ).toContain(path);
      expect(body.error.message, query).toMatch(path === 'query' ? /sort/ : new RegExp(`"${path}"`));
    }
  });
});

describe('what a page of the console list costs', () => {
  let site: TestSite;
  let categories: number[];
  let feedId: number;
  const page = (query: Partial<AdminPageQuery>) =>
    adminArticlePageStatement(env.DB, {
      siteId: site.id,
      statuses: ['published', 'hidden'],
      categoryIds: null,
      feedId: null,
      cursor: null,
      take: 21,
      q: null,
      ...query,
    }).all<{ id: number; status: string }>();

  beforeAll(async () => {
    site = await createSite();
    const neighbour = await createSite();
    for (const slug of ['tin-tuc', 'thong-bao', 'van-ban']) {
      await env.DB.prepare('INSERT INTO categories (site_id, slug, title) VALUES (?1, ?2, ?2)').bind(site.id, slug).run();
    }
    categories = (await rows<{ id: number }>('SELECT id FROM categories WHERE site_id = ?1 ORDER BY id', site.id)).map((row) => row.id);
    feedId = (await env.DB.prepare("INSERT INTO feeds (site_id, url) VALUES (?1, 'http://feeds.test/bench.rss') RETURNING id")
      .bind(site.id)
      .first<number>('id'))!;
    await env.DB.exec(fillArticlesSql({ siteId: site.id, count: 3000, categoryIds: categories }).replace(/\n/g, ' '));
    await env.DB.exec(fillArticlesSql({ siteId: neighbour.id, count: 1000, prefix: 'other' }).replace(/\n/g, ' '));
    // one in ten hidden, one in four the feed's (scattered through time)
    await env.DB.prepare("UPDATE articles SET status = 'hidden' WHERE site_id = ?1 AND CAST(substr(external_key, 7) AS INTEGER) % 10 = 3").bind(site.id).run();
    await env.DB.prepare('UPDATE articles SET feed_id = ?2 WHERE site_id = ?1 AND CAST(substr(external_key, 7) AS INTEGER) % 4 = 3')
      .bind(site.id, feedId)
      .run();
  });

  it('keeps the feed counts by trigger', async () => {
    expect((await rows<{ article_count: number }>('SELECT article_count FROM feeds WHERE id = ?1', feedId))[0]!.article_count).toBe(750);
  });

  it('reads about one row per article per arm, whatever the filter, on the first page and deep', async () => {
    const cases: [string, Partial<AdminPageQuery>, number][] = [
      ['every status', {}, 2 * 21 + 25],
      ['hidden', { statuses: ['hidden'] }, 25],
      ['published', { statuses: ['published'] }, 25],
      ['feed', { feedId }, 2 * 21 + 25],
      ['feed, hidden', { feedId, statuses: ['hidden'] }, 25],
      ['category', { categoryIds: [categories[1]!] }, 2 * 21 + 25],
      ['category, hidden', { categoryIds: [categories[1]!], statuses: ['hidden'] }, 25],
      ['category and feed', { categoryIds: [categories[1]!], feedId }, 2 * 21 + 25],
    ];
    for (const [name, query, most] of cases) {
      const first = await page(query);
      expect(first.results, name).toHaveLength(21);
      expect(first.meta.rows_read, name).toBeLessThanOrEqual(most);
      const deep = await page({ ...query, cursor: first.results[0]!.id - 1500 * 600 * 1_048_576 });
      expect(deep.results, name).toHaveLength(21);
      expect(deep.meta.rows_read, name).toBeLessThanOrEqual(most);
    }
  });

  it('reads about two rows per hit for words, narrowed by status and feed inside the index', async () => {
    // ("Giá lúa…" is every eighth article from the fourth: some hidden, some the feed's)
    const cases: [string, Partial<AdminPageQuery>][] = [
      ['words', { q: 'gia lua' }],
      ['words, hidden', { q: 'gia lua', statuses: ['hidden'] }],
      ['words, feed', { q: 'gia lua', feedId }],
      ['words, category, hidden', { q: 'gia lua', categoryIds: [categories[0]!], statuses: ['hidden'] }],
    ];
    for (const [name, query] of cases) {
      const first = await page(query);
      expect(first.results.length, name).toBeGreaterThan(0);
      if (query.statuses)
        expect(
          first.results.every((row) => row.status === query.statuses![0]),
          name,
        ).toBe(true);
      expect(first.meta.rows_read, name).toBeLessThanOrEqual(2 * 21 + 4);
    }
  });
});
