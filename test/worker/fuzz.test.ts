// Property-based fuzzing of the write endpoints: random JSON, wrong types, huge strings, odd
// Unicode. Whatever arrives, the answer is JSON, never 5xx, and a refused write leaves no row.
// The generator is seeded, so a failure names the case that reproduces it.
import { describe, expect, it } from 'vitest';
import { PORTAL, adminCall, api, article, createSite, putVote, rows } from './helpers.js';

/** mulberry32: a small seeded PRNG */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ODD = ['', ' ', '\u0000', '\u202e', '\ud800', '💥', 'Đ', '<script>alert(1)</script>', 'javascript:alert(1)', '"', '\\', '%00', '\n'];

const FIELDS = ['stars', 'name', 'origins', 'timeZone', 'language', 'extra', '__proto__'];
/** the link directory's fields, and values that are nearly right for them */
const NEWS_AND_GALLERY_FIELDS = [
  'key',
  'title',
  'summary',
  'url',
  'image',
  'author',
  'category',
  'publishedAt',
  'status',
  'articles',
  'slug',
  'parent',
  'src',
  'width',
  'height',
  'alt',
  'caption',
  'order',
  '__proto__',
];
const LINK_FIELDS = ['category', 'title', 'url', 'description', 'logo', 'weight', 'slug', 'categories', 'links', 'reason', '__proto__'];
const NEARLY = ['lien-ket', 'https://thainguyen.gov.vn/', 'HTTPS://x.gov.vn', '//evil.test', ' javascript:alert(1)', 'https://u:p@x.gov.vn/', 'broken'];

function anyValue(next: () => number, depth = 0, keys = FIELDS): unknown {
  const pick = Math.floor(next() * (depth > 2 ? 7 : 9));
  switch (pick) {
    case 0:
      return null;
    case 1:
      return next() < 0.5;
    case 2:
      return Math.floor(next() * 12) - 3; // around the valid stars
    case 3:
      return [Infinity, -0, 2.5, 1e308, Number.MAX_SAFE_INTEGER + 2][Math.floor(next() * 5)];
    case 4:
      return keys === FIELDS || next() < 0.5 ? ODD[Math.floor(next() * ODD.length)] : NEARLY[Math.floor(next() * NEARLY.length)];
    case 5:
      return 'x'.repeat(Math.floor(next() * 3000));
    case 6:
      return String(Math.floor(next() * 6));
    case 7:
      return Array.from({ length: Math.floor(next() * 4) }, () => anyValue(next, depth + 1, keys));
    default: {
      return Object.fromEntries(
        Array.from({ length: Math.floor(next() * 4) }, () => [keys[Math.floor(next() * keys.length)], anyValue(next, depth + 1, keys)]),
      );
    }
  }
}

const body = (value: unknown, next: () => number) => (next() < 0.1 ? JSON.stringify(value).slice(0, -1) : (JSON.stringify(value) ?? 'null'));

/**
 * Sends `cases` seeded random bodies round the `writes` (method, path); each answer must be JSON
 * and below 500, and a refused one must leave `held()` (what D1 holds) as it was.
 */
async function fuzzWrites(
  options: { seed: number; cases: number; fields: string[]; writes: readonly (readonly [string, string])[]; held: () => Promise<unknown> },
  send: (method: string, path: string, payload: string, i: number) => Promise<Response>,
) {
  const next = random(options.seed);
  for (let i = 0; i < options.cases; i++) {
    const [method, path] = options.writes[i % options.writes.length]!;
    const before = await options.held();
    const response = await send(method, path, body(anyValue(next, 0, options.fields), next), i);
    const text = await response.text();
    expect(response.status, `case ${i}: ${method} ${path} ${text}`).toBeLessThan(500);
    if (response.status !== 204) expect(() => JSON.parse(text), `case ${i}`).not.toThrow();
    if (response.status >= 400) expect(await options.held(), `case ${i}`).toEqual(before);
  }
}

describe('fuzzing', () => {
  it('PUT …/ratings/:item: JSON, no 5xx, and a refused vote writes nothing', async () => {
    const site = await createSite();
    const next = random(20261127);
    for (let i = 0; i < 150; i++) {
      const value = anyValue(next);
      const item = next() < 0.2 ? String(anyValue(next)) : `fuzz-${i}`;
      const response = await putVote(site.slug, item, 0, { ip: `203.0.113.${i % 250}`, body: body(value, next) });
      const text = await response.text();
      expect(response.status, `case ${i}: ${text}`).toBeLessThan(500);
      expect(() => JSON.parse(text), `case ${i}`).not.toThrow();
      if (response.status !== 200) expect(await rows('SELECT * FROM rating_votes WHERE site_id = ?1 AND item = ?2', site.id, item), `case ${i}`).toEqual([]);
    }
  }, 30_000);

  it('PATCH …/settings: JSON, no 5xx, and a refused update changes nothing', async () => {
    const site = await createSite();
    const next = random(19042018);
    for (let i = 0; i < 150; i++) {
      const before = await rows('SELECT name, origins, time_zone, language FROM sites WHERE id = ?1', site.id);
      const response = await api(`/api/v1/sites/${site.slug}/settings`, {
        method: 'PATCH',
        headers: { Authorization: `Bearer ${site.token}`, 'Content-Type': 'application/json', Origin: PORTAL },
        body: body(anyValue(next), next),
      });
      const text = await response.text();
      expect(response.status, `case ${i}: ${text}`).toBeLessThan(500);
      expect(() => JSON.parse(text), `case ${i}`).not.toThrow();
      if (response.status !== 200)
        expect(await rows('SELECT name, origins, time_zone, language FROM sites WHERE id = ?1', site.id), `case ${i}`).toEqual(before);
    }
  }, 30_000);

  it('the link directory’s writes: JSON, no 5xx, and a refused write changes nothing', async () => {
    const site = await createSite();
    const admin = { Authorization: `Bearer ${site.token}`, 'Content-Type': 'application/json', Origin: PORTAL };
    await api(`/api/v1/sites/${site.slug}/links/categories`, { method: 'POST', headers: admin, body: '{"slug":"lien-ket","title":"Liên kết"}' });
    const created = await api(`/api/v1/sites/${site.slug}/links`, {
      method: 'POST',
      headers: admin,
      body: '{"category":"lien-ket","title":"Tỉnh","url":"https://thainguyen.gov.vn/"}',
    });
    const { id } = await created.json<{ id: number }>();
    const writes = [
      ['POST', `/links`],
      ['PATCH', `/links/${id}`],
      ['POST', `/links/categories`],
      ['PUT', `/links/order`],
      ['POST', `/links/import?replace=true`],
      ['POST', `/links/${id}/reports`],
    ] as const;
    const directory = () =>
      rows(
        'SELECT l.*, c.slug, c.title AS category_title FROM links l JOIN link_categories c ON c.id = l.category_id WHERE l.site_id = ?1 ORDER BY l.id',
        site.id,
      );
    await fuzzWrites({ seed: 27112026, cases: 90, fields: LINK_FIELDS, writes, held: directory }, (method, path, payload, i) =>
      api(`/api/v1/sites/${site.slug}${path}`, { method, headers: { ...admin, 'CF-Connecting-IP': `203.0.113.${i}` }, body: payload }),
    );
  }, 60_000);

  it('the news and gallery writes: JSON, no 5xx, and a refused write changes nothing', async () => {
    const site = await createSite();
    await adminCall(site, 'POST', '/categories', { slug: 'tin-tuc', title: 'Tin tức' });
    await adminCall(site, 'POST', '/albums', { slug: 'anh', title: 'Ảnh' });
    const writes = [
      ['POST', '/articles'],
      ['POST', '/articles/bulk'],
      ['POST', '/categories'],
      ['POST', '/feeds'],
      ['POST', '/albums'],
      ['PATCH', '/albums/anh'],
      ['POST', '/albums/anh/photos'],
      ['PUT', '/albums/order'],
    ] as const;
    const held = async () =>
      Promise.all(
        ['articles', 'categories', 'feeds', 'albums', 'photos'].map((table) => rows(`SELECT * FROM ${table} WHERE site_id = ?1 ORDER BY id`, site.id)),
      );
    await fuzzWrites({ seed: 1042018, cases: 96, fields: NEWS_AND_GALLERY_FIELDS, writes, held }, (method, path, payload) =>
      adminCall(site, method, path, payload),
    );
  }, 60_000);

  it('PATCH and DELETE by key of articles, photos and categories, and feed sync: JSON, no 5xx, a refused one changes nothing', async () => {
    const site = await createSite();
    await adminCall(site, 'POST', '/categories', { slug: 'tin-tuc', title: 'Tin tức' });
    await adminCall(site, 'POST', '/articles', article('bai-1', { category: 'tin-tuc', title: 'Hợp tác xã chè' }));
    await adminCall(site, 'POST', '/albums', { slug: 'anh', title: 'Ảnh' });
    const photo = await (
      await adminCall(site, 'POST', '/albums/anh/photos', { src: 'https://portal.test/anh/1.jpg', width: 800, height: 600, alt: 'Đại hội' })
    ).json<{ id: number }>();
    const feed = await (await adminCall(site, 'POST', '/feeds', { url: 'http://feeds.test/portal.rss' })).json<{ id: number }>();
    const next = random(29112026);
    const oddKeys = [
      '0',
      '-1',
      '1e3',
      '0x10',
      '99999999999999999999',
      '9007199254740993',
      'x'.repeat(600),
      '..%2F..%2Fsites',
      '%00',
      '%F0%9F%92%A5',
      encodeURIComponent('Đ'),
      encodeURIComponent('<script>'),
      '%25',
      '%E2%80%AE',
    ];
    // the real key most of the time, else a nearly-right or odd one; DELETE never gets the real key
    const key = (real: string | number, mayBeReal: boolean) => {
      const pick = next();
      if (mayBeReal && pick < 0.5) return String(real);
      const suffix = ODD[Math.floor(next() * ODD.length)]!;
      // a lone surrogate has no UTF-8: sent as the bytes a careless client would send for it
      const nearly = suffix === '\ud800' ? `${real}%ED%A0%80` : encodeURIComponent(`${real}${suffix}`);
      if (pick < 0.7 && nearly !== String(real)) return nearly;
      return oddKeys[Math.floor(next() * oddKeys.length)]!;
    };
    const writes = [
      ['PATCH', (real: boolean) => `/articles/${key('bai-1', real)}`],
      ['DELETE', () => `/articles/${key('bai-1', false)}`],
      ['PATCH', (real: boolean) => `/photos/${key(photo.id, real)}`],
      ['DELETE', () => `/photos/${key(photo.id, false)}`],
      ['PATCH', (real: boolean) => `/categories/${key('tin-tuc', real)}`],
      ['DELETE', () => `/categories/${key('tin-tuc', false)}`],
      ['POST', (real: boolean) => `/feeds/${key(feed.id, real)}/sync`],
    ] as const;
    const held = async () =>
      Promise.all(
        ['articles', 'categories', 'feeds', 'albums', 'photos'].map((table) => rows(`SELECT * FROM ${table} WHERE site_id = ?1 ORDER BY id`, site.id)),
      );
    const fields = [...NEWS_AND_GALLERY_FIELDS, 'album', 'weight', 'takenAt', 'credit', 'variants', 'thumbnail', 'parent'];
    await fuzzWrites({ seed: 29112026, cases: 105, fields, writes: writes.map(([method]) => [method, ''] as const), held }, (method, _path, payload, i) => {
      const path = writes[i % writes.length]![1](true);
      return adminCall(site, method, path, method === 'DELETE' ? undefined : payload);
    });
  }, 120_000);

  it('the public reads’ query strings and path keys: JSON, never 5xx', async () => {
    const site = await createSite();
    const next = random(3072025);
    const params = ['category', 'q', 'limit', 'cursor', 'sort', 'sites', 'album', 'extra'];
    const text = () => {
      const value = anyValue(next);
      return typeof value === 'string' ? value : (JSON.stringify(value) ?? '');
    };
    const paths = ['/articles', '/albums', '/albums/anh', '/photos/1', '/links', '/ratings/x', '/categories'];
    for (let i = 0; i < 140; i++) {
      const query = new URLSearchParams(
        Array.from({ length: 1 + Math.floor(next() * 3) }, (): [string, string] => [params[Math.floor(next() * params.length)]!, text()]),
      );
      const path = next() < 0.2 ? `/ratings/${encodeURIComponent(text() || 'x')}` : paths[i % paths.length]!;
      const response = await api(`/api/v1/sites/${site.slug}${path}?${query}`, { headers: { Origin: PORTAL } });
      const body = await response.text();
      expect(response.status, `case ${i}: ${path}?${query} ${body.slice(0, 200)}`).toBeLessThan(500);
      if (response.status !== 304) expect(() => JSON.parse(body), `case ${i}`).not.toThrow();
    }
  }, 60_000);
});
