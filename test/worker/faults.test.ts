// When D1 fails inside the worker, the reader's widget gets a JSON 503 to retry, not a crash.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { PORTAL, adminApi, adminCall, api, article, createSite, errorJson, putVote, rows } from './helpers.js';

/** Runs `during` while a table is out of reach, then puts it back. */
async function withoutTable(table: string, during: () => Promise<void>) {
  await env.DB.prepare(`ALTER TABLE ${table} RENAME TO ${table}_away`).run();
  try {
    await during();
  } finally {
    await env.DB.prepare(`ALTER TABLE ${table}_away RENAME TO ${table}`).run();
  }
}

/**
 * Runs `during` while D1 fails on one row: a trigger aborts the insert into `table` of the row that
 * `when` picks (SQL on `new`), so a batch fails midway, after its earlier statements ran.
 */
async function failingOn(table: string, when: string, during: () => Promise<void>) {
  await env.DB.prepare(`CREATE TRIGGER fail_${table} BEFORE INSERT ON ${table} WHEN ${when} BEGIN SELECT RAISE(ABORT, 'injected failure'); END`).run();
  try {
    await during();
  } finally {
    await env.DB.prepare(`DROP TRIGGER fail_${table}`).run();
  }
}

describe('database failures', () => {
  it('answers a read with 503 JSON and Retry-After when D1 fails', async () => {
    const site = await createSite();
    await withoutTable('rating_totals', async () => {
      const response = await api(`/api/v1/sites/${site.slug}/ratings/news-1`, { headers: { Origin: PORTAL } });
      expect(response.status).toBe(503);
      expect(response.headers.get('Retry-After')).toBe('5');
      expect((await errorJson(response)).error.code).toBe('unavailable');
    });
  });

  it('answers a vote with 503 JSON when D1 fails mid-batch, and writes nothing', async () => {
    const site = await createSite();
    await withoutTable('rating_votes', async () => {
      const response = await putVote(site.slug, 'news-2', 4, { ip: '198.51.100.9' });
      expect(response.status).toBe(503);
      expect((await errorJson(response)).error.code).toBe('unavailable');
    });
    // the batch rolled back: not even the rate-limit counter or the totals moved
    const totals = await env.DB.prepare('SELECT count(*) AS n FROM rating_totals WHERE site_id = ?1').bind(site.id).first('n');
    const hits = await env.DB.prepare('SELECT count(*) AS n FROM rate_limits WHERE site_id = ?1').bind(site.id).first('n');
    expect([totals, hits]).toEqual([0, 0]);
  });

  it('imports a feed all or none: D1 failing on its third item leaves no article and the feed as it was', async () => {
    const site = await createSite();
    const key = `poison-${Date.now()}`;
    const item = (guid: string) => `<item><title>Tin ${guid}</title><link>https://portal.test/${guid}.html</link><guid>${guid}</guid></item>`;
    const path = `/faults-${Date.now()}.rss`;
    await fetch(`http://feeds.test${path}`, {
      method: 'PUT',
      body: `<rss version="2.0"><channel><link>https://portal.test/</link>${item('a')}${item('b')}${item(key)}</channel></rss>`,
    });
    const feed = await (await adminApi(site, 'POST', '/feeds', { url: `http://feeds.test${path}` })).json<{ id: number }>();
    // D1 fails on the third statement of the batch's writes, after two articles went in
    const trigger = `fail_${key.replace(/\W/g, '_')}`;
    await env.DB.prepare(
      `CREATE TRIGGER ${trigger} BEFORE INSERT ON articles WHEN new.external_key = '${key}' BEGIN SELECT RAISE(ABORT, 'simulated failure'); END`,
    ).run();
    try {
      const response = await adminApi(site, 'POST', `/feeds/${feed.id}/sync`);
      expect(response.status).toBe(503);
      expect((await errorJson(response)).error.code).toBe('unavailable');
      expect(await rows('SELECT external_key FROM articles WHERE site_id = ?1', site.id)).toEqual([]);
      expect(await rows('SELECT status, fetched_at, etag FROM feeds WHERE id = ?1', feed.id)).toEqual([{ status: 'new', fetched_at: 0, etag: null }]);
    } finally {
      await env.DB.prepare(`DROP TRIGGER ${trigger}`).run();
    }
    // D1 back: the same feed imports whole
    expect(await (await adminApi(site, 'POST', `/feeds/${feed.id}/sync`)).json()).toMatchObject({ created: 3, feed: { status: 'ok' } });
  });

  it('writes all of a bulk article upsert or none: D1 failing on the third article leaves nothing', async () => {
    const site = await createSite();
    expect((await adminCall(site, 'POST', '/articles/bulk', { articles: [article('co-san', { title: 'Tin có sẵn' })] })).status).toBe(200);
    const held = () => rows('SELECT external_key, title FROM articles WHERE site_id = ?1 ORDER BY external_key', site.id);
    const before = await held();
    const articles = [
      article('co-san', { title: 'Tin có sẵn, sửa lại' }),
      article('moi-1', { title: 'Hợp tác xã chè Tân Cương' }),
      article('hong', { title: 'Bài làm hỏng lô' }),
      article('moi-2', { title: 'Đại hội Đảng bộ xã' }),
    ];
    await failingOn('articles', "new.external_key = 'hong'", async () => {
      const response = await adminCall(site, 'POST', '/articles/bulk', { articles });
      expect(response.status).toBe(503);
      expect((await errorJson(response)).error.code).toBe('unavailable');
    });
    expect(await held()).toEqual(before);
    // nor did the search index take the rolled-back titles
    const found = await api(`/api/v1/sites/${site.slug}/articles?q=${encodeURIComponent('hợp tác')}`);
    expect((await found.json<{ items: unknown[] }>()).items).toEqual([]);
  });

  it('imports a link directory all or none: D1 failing on one link leaves the directory as it was', async () => {
    const site = await createSite();
    await adminCall(site, 'POST', '/links/categories', { slug: 'cu', title: 'Nhóm cũ' });
    await adminCall(site, 'POST', '/links', { category: 'cu', title: 'Cổng tỉnh', url: 'https://thainguyen.gov.vn/' });
    const held = () =>
      Promise.all([
        rows('SELECT slug, title, weight FROM link_categories WHERE site_id = ?1 ORDER BY slug', site.id),
        rows('SELECT id, title, url, weight FROM links WHERE site_id = ?1 ORDER BY id', site.id),
      ]);
    const before = await held();
    const file = {
      categories: [
        {
          slug: 'moi',
          title: 'Nhóm mới',
          weight: 0,
          links: [
            { title: 'Chính phủ', url: 'https://chinhphu.vn/', weight: 0 },
            { title: 'Hỏng', url: 'https://hong.example.gov.vn/', weight: 1 },
          ],
        },
      ],
    };
    await failingOn('links', "new.url = 'https://hong.example.gov.vn/'", async () => {
      for (const replace of ['false', 'true']) {
        const response = await adminCall(site, 'POST', `/links/import?replace=${replace}`, file);
        expect(response.status, `replace=${replace}`).toBe(503);
        expect((await errorJson(response)).error.code).toBe('unavailable');
        expect(await held(), `replace=${replace}`).toEqual(before);
      }
    });
  });
});
