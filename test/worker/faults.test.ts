// When D1 fails inside the worker, the reader's widget gets a JSON 503 to retry, not a crash.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { PORTAL, adminApi, api, createSite, errorJson, putVote, rows } from './helpers.js';

/** Runs `during` while a table is out of reach, then puts it back. */
async function withoutTable(table: string, during: () => Promise<void>) {
  await env.DB.prepare(`ALTER TABLE ${table} RENAME TO ${table}_away`).run();
  try {
    await during();
  } finally {
    await env.DB.prepare(`ALTER TABLE ${table}_away RENAME TO ${table}`).run();
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
    await fetch(`http://feeds.test${path}`, { method: 'PUT', body: `<rss version="2.0"><channel><link>https://portal.test/</link>${item('a')}${item('b')}${item(key)}</channel></rss>` });
    const feed = await (await adminApi(site, 'POST', '/feeds', { url: `http://feeds.test${path}` })).json<{ id: number }>();
    // D1 fails on the third statement of the batch's writes, after two articles went in
    const trigger = `fail_${key.replace(/\W/g, '_')}`;
    await env.DB.prepare(`CREATE TRIGGER ${trigger} BEFORE INSERT ON articles WHEN new.external_key = '${key}' BEGIN SELECT RAISE(ABORT, 'simulated failure'); END`).run();
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
});
