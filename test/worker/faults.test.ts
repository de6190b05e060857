// When D1 fails inside the worker, the reader's widget gets a JSON 503 to retry, not a crash.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { PORTAL, api, createSite, errorJson, putVote } from './helpers.js';

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
});
