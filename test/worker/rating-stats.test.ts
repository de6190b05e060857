// The console's ratings statistics: ranking, votes per day, and an item's reset (with its audit row).
import { describe, expect, it } from 'vitest';
import { adminApi, article, createSite, errorJson, getRating, putVote, rows, type TestSite } from './helpers.js';

interface Stats {
  items: { item: string; count: number; average: number; lastVoteAt: string | null }[];
  nextCursor: string | null;
}

let reader = 0;
/** Votes `stars` on `item`, one reader (one network) each. */
async function votes(site: TestSite, item: string, ...stars: number[]) {
  for (const value of stars) {
    const n = ++reader;
    expect((await putVote(site.slug, item, value, { ip: `203.0.${(n >> 8) & 255}.${n & 255}` })).status).toBe(200);
  }
}

const stats = async (site: TestSite, query: string) => (await adminApi(site, 'GET', `/ratings${query}`)).json<Stats>();

describe('GET …/ratings (admin)', () => {
  it('ranks items by number of votes or by average, and pages through them', async () => {
    const site = await createSite();
    await votes(site, 'news-1', 5, 5, 4);
    await votes(site, 'news-2', 1, 2);
    await votes(site, 'news-3', 5);
    await votes(site, 'https://portal.test/tin-tuc/bai-4.html', 3, 3, 3, 3);

    const most = await stats(site, '?sort=most-rated');
    expect(most.items.map((row) => [row.item, row.count, row.average])).toEqual([
      ['https://portal.test/tin-tuc/bai-4.html', 4, 3],
      ['news-1', 3, 4.67],
      ['news-2', 2, 1.5],
      ['news-3', 1, 5],
    ]);
    expect(Date.parse(most.items[0]!.lastVoteAt!)).toBeGreaterThan(Date.now() - 60_000);

    const top = await stats(site, '?sort=top-rated&limit=2');
    expect(top.items.map((row) => row.item)).toEqual(['news-3', 'news-1']);
    const rest = await stats(site, `?sort=top-rated&limit=2&cursor=${encodeURIComponent(top.nextCursor!)}`);
    expect(rest.items.map((row) => row.item)).toEqual(['https://portal.test/tin-tuc/bai-4.html', 'news-2']);
    expect(rest.nextCursor).toBeNull();

    const bad = await adminApi(site, 'GET', '/ratings?cursor=not-a-cursor');
    expect(bad.status).toBe(400);
    expect((await errorJson(bad)).error.issues?.[0]?.path).toBe('cursor');
    expect((await adminApi(site, 'GET', '/ratings?sort=newest')).status).toBe(400);
  });

  it('is for the admin only, and only of the own site', async () => {
    const site = await createSite();
    const other = await createSite();
    expect((await adminApi(site, 'GET', '/ratings', undefined, { token: null })).status).toBe(401);
    expect((await adminApi(site, 'GET', '/ratings', undefined, { token: other.token })).status).toBe(403);
    expect((await adminApi(site, 'GET', '/ratings-daily', undefined, { token: other.token })).status).toBe(403);
  });
});

describe('GET …/ratings-daily (admin)', () => {
  it("counts votes per day in the site's time zone, the site's or one item's, with empty days", async () => {
    const site = await createSite();
    await votes(site, 'news-1', 4, 5);
    await votes(site, 'news-2', 3);
    const now = Math.floor(Date.now() / 1000);
    // two votes three days ago, written as the vote route would have
    for (const voter of ['old-1', 'old-2']) {
      await rows(
        'INSERT INTO rating_votes (site_id, item, voter_key, stars, voted_at) VALUES (?1, ?2, ?3, 4, ?4) RETURNING 1',
        site.id,
        'news-1',
        voter,
        now - 3 * 86_400,
      );
    }

    const site7 = await (await adminApi(site, 'GET', '/ratings-daily?days=7')).json<{ days: { date: string; votes: number }[] }>();
    expect(site7.days).toHaveLength(7);
    const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10); // Asia/Ho_Chi_Minh
    expect(site7.days.at(-1)).toEqual({ date: today, votes: 3 });
    expect(site7.days.at(-4)!.votes).toBe(2);
    expect(site7.days.reduce((sum, day) => sum + day.votes, 0)).toBe(5);

    const item = await (await adminApi(site, 'GET', '/ratings-daily?days=7&item=news-2')).json<{ days: { votes: number }[] }>();
    expect(item.days.map((day) => day.votes)).toEqual([0, 0, 0, 0, 0, 0, 1]);

    expect((await adminApi(site, 'GET', '/ratings-daily?days=0')).status).toBe(400);
    expect((await adminApi(site, 'GET', '/ratings-daily?days=abc')).status).toBe(400);
  });
});

describe('DELETE …/ratings/:item (admin)', () => {
  it("forgets an item's votes, leaves the others, and records it in the audit log", async () => {
    const site = await createSite();
    await votes(site, 'news-1', 1, 1, 1);
    await votes(site, 'news-2', 5);
    const response = await adminApi(site, 'DELETE', '/ratings/news-1');
    expect(response.status).toBe(204);
    expect(await (await getRating(site.slug, 'news-1')).json()).toMatchObject({ count: 0 });
    expect(await rows('SELECT item FROM rating_votes WHERE site_id = ?1', site.id)).toEqual([{ item: 'news-2' }]);
    expect(await rows('SELECT item, count FROM rating_totals WHERE site_id = ?1', site.id)).toEqual([{ item: 'news-2', count: 1 }]);
    expect(await rows('SELECT method, resource, key, actor FROM audit_log WHERE site_id = ?1', site.id)).toEqual([
      { method: 'DELETE', resource: 'ratings', key: 'news-1', actor: 'test' },
    ]);

    expect((await adminApi(site, 'DELETE', '/ratings/news-1')).status).toBe(404);
    const other = await createSite();
    expect((await adminApi(site, 'DELETE', '/ratings/news-2', undefined, { token: other.token })).status).toBe(403);
    expect(await rows('SELECT item FROM rating_votes WHERE site_id = ?1', site.id)).toHaveLength(1);
  });

  it('forgets the votes copied on the article too, and the item leaves the all-time item count', async () => {
    const site = await createSite();
    const { url } = article('reset-1');
    expect((await adminApi(site, 'POST', '/articles', article('reset-1'))).status).toBe(201);
    await votes(site, 'reset-1', 5, 4);
    await votes(site, url, 3);
    await votes(site, 'other', 2);
    const copied = 'SELECT key_votes, key_points, url_votes, url_points FROM articles WHERE site_id = ?1';
    expect(await rows(copied, site.id)).toEqual([{ key_votes: 2, key_points: 9, url_votes: 1, url_points: 3 }]);
    const allTime = 'SELECT items FROM rating_item_counts WHERE site_id = ?1 AND day = 0';
    expect(await rows(allTime, site.id)).toEqual([{ items: 3 }]);

    expect((await adminApi(site, 'DELETE', '/ratings/reset-1')).status).toBe(204);
    expect(await rows(copied, site.id)).toEqual([{ key_votes: 0, key_points: 0, url_votes: 1, url_points: 3 }]);
    expect((await adminApi(site, 'DELETE', `/ratings/${encodeURIComponent(url)}`)).status).toBe(204);
    expect(await rows(copied, site.id)).toEqual([{ key_votes: 0, key_points: 0, url_votes: 0, url_points: 0 }]);
    expect(await rows(allTime, site.id)).toEqual([{ items: 1 }]);
    // "top rated" orders by the score computed from the copy
    expect(await rows('SELECT rating_score FROM articles WHERE site_id = ?1', site.id)).toEqual([{ rating_score: 0 }]);
  });
});
