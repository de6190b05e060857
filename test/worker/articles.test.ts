// /api/v1/sites/:site/articles and /categories through the whole worker: what the admin API
// accepts and refuses, what D1 then holds, and what the public list shows.
import { describe, expect, it } from 'vitest';
import type { ArticleAdmin, ArticlePage, BulkResult, Category } from '@civic-widgets/contract';
import { FOREIGN, PORTAL, WORKER, adminApi, api, article, createSite, errorJson, putVote, rows, type TestSite } from './helpers.js';
import { TOP_RATED_CANDIDATES } from '../../worker/src/db/articles.js';

const list = async (site: TestSite, query = '') => {
  const response = await api(`/api/v1/sites/${site.slug}/articles${query}`);
  expect(response.status).toBe(200);
  return response.json<ArticlePage>();
};
const keys = (page: ArticlePage) => page.items.map((item) => item.key);

/** Everything D1 holds about a site's articles, in a stable order. */
const stored = (site: TestSite) => rows('SELECT * FROM articles WHERE site_id = ?1 ORDER BY external_key', site.id);

async function bulk(site: TestSite, articles: unknown[]) {
  const response = await adminApi(site, 'POST', '/articles/bulk', { articles });
  expect(response.status).toBe(200);
  return response.json<BulkResult>();
}

async function category(site: TestSite, body: Record<string, unknown>) {
  const response = await adminApi(site, 'POST', '/categories', body);
  expect(response.status).toBe(201);
  return response.json<Category>();
}

/** `n` articles one hour apart, the newest first in time at 2018-04-19 15:00 +07:00. */
const hourly = (prefix: string, n: number, extra: Record<string, unknown> = {}) =>
  Array.from({ length: n }, (_, i) => article(`${prefix}-${i}`, { publishedAt: new Date(Date.UTC(2018, 3, 19, 8) - i * 3_600_000).toISOString(), ...extra }));

describe('writing articles', () => {
  it('creates an article with every field, and lists it as portals show it', async () => {
    const site = await createSite();
    await category(site, { slug: 'tin-tuc', title: 'Tin tức' });
    const response = await adminApi(site, 'POST', '/articles', {
      key: 'news-1234',
      title: 'Vai trò của Liên minh HTX tỉnh trong phát triển kinh tế tập thể',
      summary: 'Những năm qua, Liên minh HTX tỉnh Thái Nguyên đã có nhiều đổi mới về tổ chức và hoạt động.',
      url: 'https://htx.example.gov.vn/tin-tuc/vai-tro-1234.html',
      image: { url: 'https://htx.example.gov.vn/uploads/hoi-nghi.jpg', alt: 'Đồng chí Lê Huy Nhỡn phát biểu', width: 800, height: 450 },
      author: 'Lê Huy Nhỡn',
      poster: 'Nguyễn Văn Dũng',
      source: 'Liên minh HTX tỉnh',
      category: 'tin-tuc',
      publishedAt: '2018-04-19T15:00:00+07:00',
    });
    expect(response.status).toBe(201);
    const created = await response.json<ArticleAdmin>();
    expect(created).toMatchObject({
      key: 'news-1234',
      status: 'published',
      publishedAt: '2018-04-19T08:00:00.000Z',
      category: { slug: 'tin-tuc', title: 'Tin tức' },
    });

    const page = await list(site);
    expect(page.items).toEqual([
      {
        site: site.slug,
        key: 'news-1234',
        title: 'Vai trò của Liên minh HTX tỉnh trong phát triển kinh tế tập thể',
        summary: 'Những năm qua, Liên minh HTX tỉnh Thái Nguyên đã có nhiều đổi mới về tổ chức và hoạt động.',
        url: 'https://htx.example.gov.vn/tin-tuc/vai-tro-1234.html',
        image: { url: 'https://htx.example.gov.vn/uploads/hoi-nghi.jpg', alt: 'Đồng chí Lê Huy Nhỡn phát biểu', width: 800, height: 450 },
        author: 'Lê Huy Nhỡn',
        poster: 'Nguyễn Văn Dũng',
        source: 'Liên minh HTX tỉnh',
        category: { slug: 'tin-tuc', title: 'Tin tức' },
        publishedAt: '2018-04-19T08:00:00.000Z',
        updatedAt: created.updatedAt,
        rating: { item: 'https://htx.example.gov.vn/tin-tuc/vai-tro-1234.html', average: 0, count: 0, total: 0 },
      },
    ]);
    expect(page.nextCursor).toBe(null);
    expect(page.sites).toEqual({ [site.slug]: { name: `Test site ${site.slug}`, timeZone: 'Asia/Ho_Chi_Minh' } });
  });

  it('answers an image stored as a path on this server as an absolute URL', async () => {
    const site = await createSite();
    await bulk(site, [article('a', { image: { url: '/img/hoi-nghi-bcd.svg', alt: 'Hội nghị' } })]);
    expect((await list(site)).items[0]!.image).toEqual({ url: `${WORKER}/img/hoi-nghi-bcd.svg`, alt: 'Hội nghị', width: null, height: null });
  });

  it('refuses a second article with the same key, and keeps the first', async () => {
    const site = await createSite();
    expect((await adminApi(site, 'POST', '/articles', article('a', { title: 'Bản đầu' }))).status).toBe(201);
    const again = await adminApi(site, 'POST', '/articles', article('a', { title: 'Bản sau' }));
    expect(again.status).toBe(409);
    expect((await errorJson(again)).error.code).toBe('conflict');
    expect((await stored(site)).map((row) => row.title)).toEqual(['Bản đầu']);
  });

  it('changes only what a PATCH names, and moves the article when its time changes', async () => {
    const site = await createSite();
    await bulk(site, [article('a', { summary: 'Tóm tắt', author: 'Ban Biên tập' }), article('b', { publishedAt: '2018-04-20T09:00:00+07:00' })]);
    expect(keys(await list(site))).toEqual(['b', 'a']);

    const response = await adminApi(site, 'PATCH', '/articles/a', { title: 'Tiêu đề mới', publishedAt: '2018-04-21T09:00:00+07:00' });
    expect(response.status).toBe(200);
    expect(await response.json<ArticleAdmin>()).toMatchObject({ title: 'Tiêu đề mới', summary: 'Tóm tắt', author: 'Ban Biên tập', status: 'published' });
    expect(keys(await list(site))).toEqual(['a', 'b']);
    expect(keys(await list(site, '?q=tieu de moi'))).toEqual(['a']);

    expect((await adminApi(site, 'PATCH', '/articles/nope', { title: 'x' })).status).toBe(404);
    expect((await adminApi(site, 'PATCH', '/articles/a', {})).status).toBe(400);
  });

  it('hides an article from the list and from search, and deletes one', async () => {
    const site = await createSite();
    await bulk(site, [article('a', { title: 'Tin ẩn' }), article('b', { title: 'Tin xóa' }), article('c')]);
    expect((await adminApi(site, 'PATCH', '/articles/a', { status: 'hidden' })).status).toBe(200);
    expect((await adminApi(site, 'DELETE', '/articles/b')).status).toBe(204);

    expect(keys(await list(site))).toEqual(['c']);
    expect(keys(await list(site, '?q=tin an'))).toEqual([]);
    expect(keys(await list(site, '?q=tin xoa'))).toEqual([]);
    expect((await stored(site)).map((row) => [row.external_key, row.status])).toEqual([
      ['a', 'hidden'],
      ['c', 'published'],
    ]);
    expect((await adminApi(site, 'GET', '/articles/a')).status).toBe(200);
    expect((await adminApi(site, 'DELETE', '/articles/b')).status).toBe(404);

    // shown again, it is found again
    await adminApi(site, 'PATCH', '/articles/a', { status: 'published' });
    expect(keys(await list(site, '?q=tin an'))).toEqual(['a']);
  });

  it('upserts in bulk by key, and the same batch twice changes nothing', async () => {
    const site = await createSite();
    const batch = [article('a'), article('b', { summary: 'Tóm tắt b' }), article('c', { updatedAt: '2018-04-20T08:00:00+07:00' })];
    expect(await bulk(site, batch)).toEqual({ created: 3, updated: 0, unchanged: 0 });
    const before = await stored(site);

    expect(await bulk(site, batch)).toEqual({ created: 0, updated: 0, unchanged: 3 });
    expect(await stored(site)).toEqual(before);

    const changed = [article('a'), article('b', { summary: 'Tóm tắt mới' }), article('c', { updatedAt: '2018-04-20T08:00:00+07:00' }), article('d')];
    expect(await bulk(site, changed)).toEqual({ created: 1, updated: 1, unchanged: 2 });
    const after = await stored(site);
    expect(after.map((row) => row.summary)).toEqual(['', 'Tóm tắt mới', '', '']);
    expect(after[0]).toEqual(before[0]);
    expect(after[2]).toEqual(before[2]);
  });

  it('takes 100 articles in one batch and refuses 101, writing none of them', async () => {
    const site = await createSite();
    expect(await bulk(site, hourly('x', 100))).toEqual({ created: 100, updated: 0, unchanged: 0 });
    const response = await adminApi(site, 'POST', '/articles/bulk', { articles: hourly('y', 101) });
    expect(response.status).toBe(400);
    expect(await rows('SELECT count(*) AS n FROM articles WHERE site_id = ?1', site.id)).toEqual([{ n: 100 }]);
  });
});

describe('who may write', () => {
  const writes: [string, string, unknown][] = [
    ['POST', '/articles', article('w')],
    ['POST', '/articles/bulk', { articles: [article('w')] }],
    ['PATCH', '/articles/existing', { title: 'Đổi' }],
    ['DELETE', '/articles/existing', undefined],
    ['GET', '/articles/existing', undefined],
    ['POST', '/categories', { slug: 'moi', title: 'Mới' }],
    ['PATCH', '/categories/cu', { title: 'Đổi' }],
    ['DELETE', '/categories/cu', undefined],
    ['GET', '/feeds', undefined],
    ['POST', '/feeds', { url: 'http://feeds.test/nukeviet.rss' }],
  ];

  it('answers 401 without a token or with an unknown one, 403 with another site’s, and writes nothing', async () => {
    const site = await createSite();
    const other = await createSite();
    await bulk(site, [article('existing')]);
    await category(site, { slug: 'cu', title: 'Cũ' });
    const before = [await stored(site), await rows('SELECT slug, title FROM categories WHERE site_id = ?1', site.id)];
    for (const [method, path, body] of writes) {
      for (const [token, status] of [
        [null, 401],
        ['tok_unknown_unknown_unknown', 401],
        [other.token, 403],
      ] as const) {
        const response = await adminApi(site, method, path, body, { token });
        expect({ method, path, token: token === other.token ? 'other' : token, status: response.status }).toEqual({
          method,
          path,
          token: token === other.token ? 'other' : token,
          status,
        });
        expect((await errorJson(response)).error.code).toBe(status === 401 ? 'unauthorized' : 'forbidden');
      }
    }
    expect([await stored(site), await rows('SELECT slug, title FROM categories WHERE site_id = ?1', site.id)]).toEqual(before);
    expect(await rows('SELECT * FROM feeds WHERE site_id = ?1', site.id)).toEqual([]);
  });
});

describe('bad input', () => {
  const cases: [string, unknown, number, string?][] = [
    ['no title', { key: 'k', url: 'https://portal.test/a', publishedAt: '2018-04-19T15:00:00+07:00' }, 400, 'title'],
    ['a number for a title', article('k', { title: 42 }), 400, 'title'],
    ['an empty title', article('k', { title: '   ' }), 400, 'title'],
    ['a script tag in the title', article('k', { title: '<script>alert(1)</script>' }), 400, 'title'],
    ['HTML in the summary', article('k', { summary: 'Xem <a href="x">đây</a>' }), 400, 'summary'],
    ['a character reference in the summary', article('k', { summary: 'Hợp tác &amp; phát triển' }), 400, 'summary'],
    ['a control character', article('k', { title: 'Tin\u0007' }), 400, 'title'],
    ['a javascript: URL', article('k', { url: 'javascript:alert(1)' }), 400, 'url'],
    ['a relative URL', article('k', { url: '/tin-tuc/a.html' }), 400, 'url'],
    ['a data: image', article('k', { image: { url: 'data:image/png;base64,AAAA' } }), 400, 'image.url'],
    ['a protocol-relative image', article('k', { image: { url: '//evil.test/x.png' } }), 400, 'image.url'],
    ['a time without offset', article('k', { publishedAt: '2018-04-19 15:00' }), 400, 'publishedAt'],
    ['a time before 1970', article('k', { publishedAt: '1969-12-31T23:00:00Z' }), 400, 'publishedAt'],
    ['an unknown status', article('k', { status: 'draft' }), 400, 'status'],
    ['an unknown field', article('k', { views: 10 }), 400],
    ['a key of 513 characters', article('x'.repeat(513)), 400, 'key'],
    ['a title of 301 characters', article('k', { title: 'ă'.repeat(301) }), 400, 'title'],
    ['a category the site lacks', article('k', { category: 'khong-co' }), 400, 'category'],
    ['an array', [article('k')], 400],
  ];

  it('answers each with a 4xx JSON error naming the field, and writes nothing', async () => {
    const site = await createSite();
    for (const [name, body, status, path] of cases) {
      const response = await adminApi(site, 'POST', '/articles', body);
      const error = await errorJson(response);
      expect({ name, status: response.status }).toEqual({ name, status });
      if (path) expect({ name, paths: error.error.issues?.map((issue) => issue.path) }).toEqual({ name, paths: expect.arrayContaining([path]) });
    }
    expect(await stored(site)).toEqual([]);
  });

  it('refuses a whole batch for one bad article, a repeated key, or a foreign category', async () => {
    const site = await createSite();
    for (const [articles, path] of [
      [[article('a'), article('b', { url: 'javascript:void(0)' })], 'articles.1.url'],
      [[article('a'), article('a')], 'articles.1.key'],
      [[article('a'), article('b', { category: 'khong-co' })], 'articles.1.category'],
    ] as const) {
      const response = await adminApi(site, 'POST', '/articles/bulk', { articles });
      expect(response.status).toBe(400);
      expect((await errorJson(response)).error.issues?.map((issue) => issue.path)).toContain(path);
    }
    expect((await adminApi(site, 'POST', '/articles/bulk', { articles: [] })).status).toBe(400);
    expect(await stored(site)).toEqual([]);
  });

  it('answers 415 to a body that is not JSON, 400 to broken JSON and 413 to an oversized one', async () => {
    const site = await createSite();
    const plain = await adminApi(site, 'POST', '/articles', JSON.stringify(article('k')), { headers: { 'Content-Type': 'text/plain' } });
    expect(plain.status).toBe(415);
    const broken = await adminApi(site, 'POST', '/articles', '{"key":', {});
    expect(broken.status).toBe(400);
    expect((await errorJson(broken)).error.code).toBe('validation_failed');
    const huge = await adminApi(site, 'POST', '/articles/bulk', JSON.stringify({ articles: [article('k')], pad: 'x'.repeat(4 * 1024 * 1024) }));
    expect(huge.status).toBe(413);
    expect((await errorJson(huge)).error.code).toBe('payload_too_large');
    expect(await stored(site)).toEqual([]);

    // while the largest batch there can be passes, even with every letter escaped as \uXXXX (PHP's json_encode)
    const largest = JSON.stringify({
      articles: hourly('h', 100, {
        summary: 'ư'.repeat(2000),
        title: 'ơ'.repeat(300),
        author: 'ă'.repeat(200),
        poster: 'â'.repeat(200),
        source: 'ê'.repeat(200),
      }),
    });
    const escaped = largest.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
    expect(escaped.length).toBeGreaterThan(1_500_000);
    expect((await adminApi(site, 'POST', '/articles/bulk', escaped)).status).toBe(200);
  });

  it('answers 400 to a bad list query, 404 to an unknown category, never 5xx', async () => {
    const site = await createSite();
    for (const query of [
      '?limit=0',
      '?limit=51',
      '?limit=abc',
      '?sort=oldest',
      '?cursor=zzz',
      '?cursor=n123&sort=top-rated',
      '?sites=' + 'a,'.repeat(11) + 'b',
      '?sites=khong-co-site-nay',
      '?category=Tin%20Tuc',
      '?q=' + 'a'.repeat(201),
      '?page=2',
    ]) {
      const response = await api(`/api/v1/sites/${site.slug}/articles${query}`);
      expect({ query, status: response.status }).toEqual({ query, status: 400 });
      expect((await errorJson(response)).error.code).toBe('validation_failed');
    }
    const missing = await api(`/api/v1/sites/${site.slug}/articles?category=khong-co`);
    expect(missing.status).toBe(404);
    for (const q of ['"', 'NEAR(a b)', 'a OR', '*', '^tin', 'title:x', '(((', 'AND', "'; DROP TABLE articles; --"]) {
      const response = await api(`/api/v1/sites/${site.slug}/articles?q=${encodeURIComponent(q)}`);
      expect({ q, status: response.status }).toEqual({ q, status: 200 });
    }
  });
});

describe('categories', () => {
  it('nests categories, lists them in menu order, and refuses a loop', async () => {
    const site = await createSite();
    await category(site, { slug: 'tin-tuc', title: 'Tin tức', weight: 1 });
    await category(site, { slug: 'thong-bao', title: 'Thông báo', weight: 2 });
    await category(site, { slug: 'hoat-dong', title: 'Hoạt động Liên minh', parent: 'tin-tuc' });
    const response = await api(`/api/v1/sites/${site.slug}/categories`);
    expect((await response.json<{ items: Category[] }>()).items).toEqual([
      { slug: 'hoat-dong', title: 'Hoạt động Liên minh', parent: 'tin-tuc', weight: 0 },
      { slug: 'tin-tuc', title: 'Tin tức', parent: null, weight: 1 },
      { slug: 'thong-bao', title: 'Thông báo', parent: null, weight: 2 },
    ]);

    const loop = await adminApi(site, 'PATCH', '/categories/tin-tuc', { parent: 'hoat-dong' });
    expect(loop.status).toBe(400);
    expect((await adminApi(site, 'PATCH', '/categories/tin-tuc', { parent: 'tin-tuc' })).status).toBe(400);
    expect((await adminApi(site, 'POST', '/categories', { slug: 'x', title: 'X', parent: 'khong-co' })).status).toBe(400);
    expect((await adminApi(site, 'POST', '/categories', { slug: 'tin-tuc', title: 'Lần nữa' })).status).toBe(409);
    expect((await adminApi(site, 'POST', '/categories', { slug: 'x', title: '<b>X</b>' })).status).toBe(400);
    const renamed = await adminApi(site, 'PATCH', '/categories/thong-bao', { title: 'Thông báo mới' });
    expect(await renamed.json()).toEqual({ slug: 'thong-bao', title: 'Thông báo mới', parent: null, weight: 2 });
  });

  it('lists a category with its subcategories; deleting one keeps its articles', async () => {
    const site = await createSite();
    await category(site, { slug: 'tin-tuc', title: 'Tin tức' });
    await category(site, { slug: 'hoat-dong', title: 'Hoạt động', parent: 'tin-tuc' });
    await category(site, { slug: 'dao-tao', title: 'Đào tạo', parent: 'hoat-dong' });
    await category(site, { slug: 'van-ban', title: 'Văn bản' });
    await bulk(site, [
      article('top', { category: 'tin-tuc', publishedAt: '2018-04-19T10:00:00+07:00' }),
      article('child', { category: 'hoat-dong', publishedAt: '2018-04-19T11:00:00+07:00' }),
      article('grandchild', { category: 'dao-tao', publishedAt: '2018-04-19T12:00:00+07:00' }),
      article('other', { category: 'van-ban' }),
      article('none'),
    ]);
    expect(keys(await list(site, '?category=tin-tuc'))).toEqual(['grandchild', 'child', 'top']);
    expect(keys(await list(site, '?category=hoat-dong'))).toEqual(['grandchild', 'child']);
    expect(keys(await list(site, '?category=tin-tuc&q=tin'))).toEqual(['grandchild', 'child', 'top']);
    expect((await list(site, '?category=dao-tao')).items[0]!.category).toEqual({ slug: 'dao-tao', title: 'Đào tạo' });

    expect((await adminApi(site, 'DELETE', '/categories/hoat-dong')).status).toBe(204);
    const page = await list(site);
    expect(page.items.find((item) => item.key === 'child')!.category).toBe(null);
    expect(keys(await list(site, '?category=tin-tuc'))).toEqual(['top']);
    expect(keys(await list(site, '?category=dao-tao'))).toEqual(['grandchild']);
    expect(await rows('SELECT count(*) AS n FROM articles WHERE site_id = ?1', site.id)).toEqual([{ n: 5 }]);
  });
});

describe('the public list', () => {
  it('pages newest first with a cursor, without duplicates or gaps while articles are added', async () => {
    const site = await createSite();
    // 25 articles, some published in the same second
    await bulk(site, [
      ...hourly('a', 22),
      article('same-1', { publishedAt: '2018-04-19T10:00:00+07:00' }),
      article('same-2', { publishedAt: '2018-04-19T10:00:00+07:00' }),
      article('same-3', { publishedAt: '2018-04-19T10:00:00+07:00' }),
    ]);
    const everything = keys(await list(site, '?limit=50'));
    expect(everything).toHaveLength(25);

    const first = await list(site, '?limit=10');
    // news arrives between pages: newer articles, one in the very second of the cursor, one older
    await bulk(site, [
      article('newer-1', { publishedAt: '2018-05-01T08:00:00+07:00' }),
      article('same-4', { publishedAt: '2018-04-19T10:00:00+07:00' }),
      article('older', { publishedAt: '2017-01-01T08:00:00+07:00' }),
    ]);
    const second = await list(site, `?limit=10&cursor=${first.nextCursor}`);
    const third = await list(site, `?limit=10&cursor=${second.nextCursor}`);
    expect(third.nextCursor).toBe(null);
    const seen = [...keys(first), ...keys(second), ...keys(third)];
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.filter((key) => everything.includes(key))).toEqual(everything);
    expect(seen).toContain('older');
    expect(seen).not.toContain('newer-1');
    const times = [...first.items, ...second.items, ...third.items].map((item) => item.publishedAt);
    expect([...times].sort().reverse()).toEqual(times);
  });

  it('caps a page at 50 and answers ETag and 304', async () => {
    const site = await createSite();
    await bulk(site, hourly('b', 60));
    const page = await list(site, '?limit=50');
    expect(page.items).toHaveLength(50);
    expect(page.nextCursor).not.toBe(null);

    const response = await api(`/api/v1/sites/${site.slug}/articles?limit=5`);
    const etag = response.headers.get('ETag')!;
    expect(response.headers.get('Cache-Control')).toBe('public, max-age=60');
    const again = await api(`/api/v1/sites/${site.slug}/articles?limit=5`, { headers: { 'If-None-Match': etag } });
    expect(again.status).toBe(304);
    await bulk(site, [article('newest', { publishedAt: '2019-01-01T00:00:00Z' })]);
    const changed = await api(`/api/v1/sites/${site.slug}/articles?limit=5`, { headers: { 'If-None-Match': etag } });
    expect(changed.status).toBe(200);
  });

  it('answers CORS for the site’s own origins only', async () => {
    const site = await createSite();
    const allowed = await api(`/api/v1/sites/${site.slug}/articles`, { headers: { Origin: PORTAL } });
    expect(allowed.headers.get('Access-Control-Allow-Origin')).toBe(PORTAL);
    const foreign = await api(`/api/v1/sites/${site.slug}/articles`, { headers: { Origin: FOREIGN } });
    expect(foreign.headers.get('Access-Control-Allow-Origin')).toBe(null);
  });

  it('carries the rating given on the portal page, under the article’s key or its URL', async () => {
    const site = await createSite();
    // votes cast on portal pages before the articles were imported
    await putVote(site.slug, 'news-1', 5, { ip: '198.51.100.1' });
    await putVote(site.slug, 'news-1', 4, { ip: '198.51.100.2' });
    await bulk(site, [
      article('news-1', { publishedAt: '2018-04-19T10:00:00+07:00' }),
      article('news-2', { publishedAt: '2018-04-19T09:00:00+07:00' }),
      article('news-3', { publishedAt: '2018-04-19T08:00:00+07:00' }),
    ]);
    // votes after: one under the URL (a page rated by its canonical URL), one under a key
    await putVote(site.slug, 'https://portal.test/tin-tuc/news-2.html', 2, { ip: '198.51.100.3' });
    await putVote(site.slug, 'news-3', 3, { ip: '198.51.100.4' });
    await putVote(site.slug, 'news-3', 1, { ip: '198.51.100.4' }); // the same reader changes their mind

    const ratings = (await list(site)).items.map((item) => item.rating);
    expect(ratings).toEqual([
      { item: 'news-1', average: 4.5, count: 2, total: 9 },
      { item: 'https://portal.test/tin-tuc/news-2.html', average: 2, count: 1, total: 2 },
      { item: 'news-3', average: 1, count: 1, total: 1 },
    ]);

    expect(keys(await list(site, '?sort=top-rated'))).toEqual(['news-1', 'news-2', 'news-3']);
    // top-rated pages with its own cursor
    const first = await list(site, '?sort=top-rated&limit=2');
    expect(keys(first)).toEqual(['news-1', 'news-2']);
    expect(keys(await list(site, `?sort=top-rated&limit=2&cursor=${first.nextCursor}`))).toEqual(['news-3']);
    // a newest-first cursor is not a top-rated one
    expect((await api(`/api/v1/sites/${site.slug}/articles?sort=top-rated&cursor=${(await list(site, '?limit=1')).nextCursor}`)).status).toBe(400);
  });

  it('merges several sites’ articles by date with sites=', async () => {
    const province = await createSite({ name: 'Tỉnh' });
    const daitu = await createSite({ name: 'Huyện Đại Từ' });
    const phuluong = await createSite({ name: 'Huyện Phú Lương' });
    await bulk(daitu, [article('d1', { publishedAt: '2018-04-19T10:00:00+07:00' }), article('d2', { publishedAt: '2018-04-17T10:00:00+07:00' })]);
    await bulk(phuluong, [article('p1', { publishedAt: '2018-04-18T10:00:00+07:00' }), article('p2', { publishedAt: '2018-04-16T10:00:00+07:00' })]);
    await bulk(province, [article('own')]);

    const page = await list(province, `?sites=${daitu.slug},${phuluong.slug}&limit=3`);
    expect(page.items.map((item) => `${item.site}:${item.key}`)).toEqual([`${daitu.slug}:d1`, `${phuluong.slug}:p1`, `${daitu.slug}:d2`]);
    expect(page.sites).toEqual({
      [daitu.slug]: { name: 'Huyện Đại Từ', timeZone: 'Asia/Ho_Chi_Minh' },
      [phuluong.slug]: { name: 'Huyện Phú Lương', timeZone: 'Asia/Ho_Chi_Minh' },
    });
    const rest = await list(province, `?sites=${daitu.slug},${phuluong.slug}&limit=3&cursor=${page.nextCursor}`);
    expect(rest.items.map((item) => item.key)).toEqual(['p2']);
    expect(rest.nextCursor).toBe(null);

    expect(keys(await list(province, `?sites=${province.slug},${daitu.slug}&q=tin`))).toEqual(['own', 'd1', 'd2']);
    const unknown = await api(`/api/v1/sites/${province.slug}/articles?sites=${daitu.slug},khong-co`);
    expect(unknown.status).toBe(400);
    expect((await errorJson(unknown)).error.issues).toEqual([{ path: 'sites', message: 'no site named "khong-co"' }]);
  });
});

describe('search', () => {
  it('finds Vietnamese words without regard to diacritics or case, đ as d, the last word as a prefix', async () => {
    const site = await createSite();
    const other = await createSite();
    await bulk(site, [
      article('che', { title: 'Hợp tác xã chè Tân Cương', publishedAt: '2018-04-19T12:00:00+07:00' }),
      article('nn', { title: 'HỢP TÁC XÃ NÔNG NGHIỆP', publishedAt: '2018-04-19T11:00:00+07:00' }),
      article('dac-san', { title: 'Đặc sản Thái Nguyên', summary: 'Gạo bao thai Định Hóa', publishedAt: '2018-04-19T10:00:00+07:00' }),
      article('duong', { title: 'Đường giao thông nông thôn', publishedAt: '2018-04-19T09:00:00+07:00' }),
    ]);
    await bulk(other, [article('elsewhere', { title: 'Hợp tác xã ở nơi khác' })]);

    const find = async (q: string) => keys(await list(site, `?q=${encodeURIComponent(q)}`));
    expect(await find('hop tac xa')).toEqual(['che', 'nn']);
    expect(await find('HỢP TÁC XÃ')).toEqual(['che', 'nn']);
    expect(await find('Hop Tac Xa Nong Nghiep')).toEqual(['nn']);
    expect(await find('dac san')).toEqual(['dac-san']);
    expect(await find('ĐẶC SẢN')).toEqual(['dac-san']);
    expect(await find('dinh hoa')).toEqual(['dac-san']);
    expect(await find('duong')).toEqual(['duong']);
    expect(await find('nông th')).toEqual(['duong']);
    expect(await find('tan cuong che')).toEqual(['che']);
    expect(await find('nong')).toEqual(['nn', 'duong']);
    expect(await find('thai binh')).toEqual([]);
    expect(await find('  ')).toEqual(['che', 'nn', 'dac-san', 'duong']);
    // decomposed input (as some keyboards send it) is the same text
    expect(await find('hợp tác xã'.normalize('NFD'))).toEqual(['che', 'nn']);

    const first = await list(site, '?q=hop%20tac&limit=1');
    expect(keys(first)).toEqual(['che']);
    expect(keys(await list(site, `?q=hop%20tac&limit=1&cursor=${first.nextCursor}`))).toEqual(['nn']);

    // the last word is a prefix from 2 to 6 letters; one letter, or 7 and more, is a whole word
    expect(await find('hợ')).toEqual(['che', 'nn', 'dac-san']); // "Hóa" too: diacritics aside
    expect(await find('nông t')).toEqual([]);
    expect(await find('h')).toEqual([]);
    expect(await find('nghiệ')).toEqual(['nn']);
    expect(await find('nghiep')).toEqual(['nn']);
  });

  it('ranks a top-rated search among its newest matches only', async () => {
    const site = await createSite();
    const old = Array.from({ length: TOP_RATED_CANDIDATES }, (_, i) =>
      article(`moi-${i}`, { title: `Hợp tác xã số ${i}`, publishedAt: new Date(Date.UTC(2018, 3, 19, 8, i)).toISOString() }),
    );
    await bulk(site, [article('cu', { title: 'Hợp tác xã cũ', publishedAt: '2017-01-01T08:00:00+07:00' })]);
    await bulk(site, old);
    // the oldest match has the best rating; one recent match has a good one
    for (const [item, stars] of [
      ['cu', 5],
      ['moi-3', 4],
    ] as const) {
      for (let i = 0; i < 3; i++) expect((await putVote(site.slug, item, stars, { ip: `198.51.100.${i + 20}` })).status).toBe(200);
    }
    const top = keys(await list(site, '?q=hop%20tac&sort=top-rated&limit=3'));
    expect(top[0]).toBe('moi-3');
    expect(top).not.toContain('cu');
    // without words, top rated walks its index: the oldest article leads
    expect(keys(await list(site, '?sort=top-rated&limit=1'))).toEqual(['cu']);
  });
});

describe('the OpenAPI document', () => {
  it('describes the article routes with the contract’s own limits', async () => {
    const document = await (
      await api('/api/v1/openapi.json')
    ).json<{
      paths: Record<
        string,
        Record<
          string,
          {
            parameters?: { name: string; schema: Record<string, unknown> }[];
            requestBody?: { content: Record<string, { schema: { properties: Record<string, Record<string, unknown>> } }> };
          }
        >
      >;
    }>();
    const list = document.paths['/sites/{site}/articles']!.get!;
    expect(list.parameters!.find((p) => p.name === 'limit')!.schema).toMatchObject({ maximum: 50 });
    const bulk = document.paths['/sites/{site}/articles/bulk']!.post!.requestBody!.content['application/json']!.schema;
    expect(bulk.properties.articles).toMatchObject({ maxItems: 100 });
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/sites/{site}/categories', '/sites/{site}/feeds/{id}/sync']));
  });
});
