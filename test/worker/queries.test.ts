// worker/src/db/ratings.ts against the real D1: what the functions answer, what they leave in the
// tables, and what the summary read costs (`meta.rows_read`, what D1 bills by).
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { castVote, deleteExpiredRateLimits, getRatingSummary, ratingSummaryStatement, type Vote } from '../../worker/src/db/ratings.js';
import { createSite, rows } from './helpers.js';

const WINDOW = 29_000_000; // any fixed minute number
const DAY = 20_138; // the day that minute falls in

function vote(siteId: number, overrides: Partial<Vote> = {}): Vote {
  return {
    siteId,
    item: 'article-1',
    voterKey: 'voter-a',
    stars: 4,
    networkKey: 'network-a',
    window: WINDOW,
    limit: 10,
    day: DAY,
    itemsPerDay: 5000,
    itemsTotal: 50000,
    ...overrides,
  };
}

describe('castVote and getRatingSummary', () => {
  it('summarises an item nobody rated as zeros without writing anything', async () => {
    const { id } = await createSite();
    expect(await getRatingSummary(env.DB, id, 'article-0')).toEqual({
      item: 'article-0',
      average: 0,
      count: 0,
      total: 0,
    });
    expect(await rows('SELECT * FROM rating_totals WHERE site_id = ?1', id)).toEqual([]);
  });

  it('casts, then replaces, a vote', async () => {
    const { id } = await createSite();
    expect(await castVote(env.DB, vote(id, { stars: 4 }))).toEqual({
      ok: true,
      summary: { item: 'article-1', average: 4, count: 1, total: 4, mine: 4 },
    });
    expect(await castVote(env.DB, vote(id, { voterKey: 'voter-b', stars: 1 }))).toEqual({
      ok: true,
      summary: { item: 'article-1', average: 2.5, count: 2, total: 5, mine: 1 },
    });
    // voter-a changes their mind: 4 → 2.
    expect(await castVote(env.DB, vote(id, { stars: 2 }))).toEqual({
      ok: true,
      summary: { item: 'article-1', average: 1.5, count: 2, total: 3, mine: 2 },
    });

    expect(await getRatingSummary(env.DB, id, 'article-1')).toEqual({ item: 'article-1', average: 1.5, count: 2, total: 3 });
    expect(await rows('SELECT voter_key, stars FROM rating_votes WHERE site_id = ?1 ORDER BY voter_key', id)).toEqual([
      { voter_key: 'voter-a', stars: 2 },
      { voter_key: 'voter-b', stars: 1 },
    ]);
    expect(await rows('SELECT count, total FROM rating_totals WHERE site_id = ?1', id)).toEqual([{ count: 2, total: 3 }]);
    expect(await rows('SELECT bucket, window, hits FROM rate_limits WHERE site_id = ?1', id)).toEqual([{ bucket: 'network-a', window: WINDOW, hits: 3 }]);
  });

  it('refuses a vote past the limit and writes neither the vote nor the totals', async () => {
    const { id } = await createSite();
    expect((await castVote(env.DB, vote(id, { limit: 2, item: 'a' }))).ok).toBe(true);
    expect((await castVote(env.DB, vote(id, { limit: 2, item: 'b' }))).ok).toBe(true);
    expect(await castVote(env.DB, vote(id, { limit: 2, item: 'c' }))).toEqual({ ok: false, hits: 3 });
    expect(await castVote(env.DB, vote(id, { limit: 2, item: 'a', stars: 1 }))).toEqual({ ok: false, hits: 4 });

    expect(await rows('SELECT item, stars FROM rating_votes WHERE site_id = ?1 ORDER BY item', id)).toEqual([
      { item: 'a', stars: 4 },
      { item: 'b', stars: 4 },
    ]);
    expect(await rows('SELECT item, count, total FROM rating_totals WHERE site_id = ?1 ORDER BY item', id)).toEqual([
      { item: 'a', count: 1, total: 4 },
      { item: 'b', count: 1, total: 4 },
    ]);

    // Another window, or another network, is not limited.
    expect((await castVote(env.DB, vote(id, { limit: 2, item: 'c', window: WINDOW + 1 }))).ok).toBe(true);
    expect((await castVote(env.DB, vote(id, { limit: 2, item: 'd', networkKey: 'network-b' }))).ok).toBe(true);
  });

  it('counts concurrent votes exactly', async () => {
    const { id } = await createSite();
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) => castVote(env.DB, vote(id, { voterKey: `voter-${i}`, networkKey: `network-${i}`, stars: (i % 5) + 1 }))),
    );
    expect(results.every((result) => result.ok)).toBe(true);
    expect(await getRatingSummary(env.DB, id, 'article-1')).toEqual({
      item: 'article-1',
      average: 3,
      count: 40,
      total: 120,
    });
  });

  it('keeps sites apart', async () => {
    const siteA = await createSite();
    const siteB = await createSite();
    await castVote(env.DB, vote(siteA.id, { stars: 5 }));
    expect(await getRatingSummary(env.DB, siteB.id, 'article-1')).toMatchObject({ count: 0, total: 0 });
  });
});

describe('cost of the rating summary', () => {
  it('reads at most 2 rows, however many votes the item and the site hold', async () => {
    const { id } = await createSite();
    // Many votes on this item and on its neighbours, one statement per 20 rows (100 binds max).
    for (const item of ['article-0', 'article-1', 'article-2']) {
      for (let batch = 0; batch < 5; batch++) {
        const values = Array.from({ length: 20 }, (_, i) => `(?1, ?2, ?${i + 3}, 3, 0)`).join(', ');
        await env.DB.prepare(`INSERT INTO rating_votes (site_id, item, voter_key, stars, voted_at) VALUES ${values}`)
          .bind(id, item, ...Array.from({ length: 20 }, (_, i) => `bulk-${batch}-${i}`))
          .run();
      }
      await env.DB.prepare('INSERT INTO rating_totals (site_id, item, count, total) VALUES (?1, ?2, 100, 300)').bind(id, item).run();
    }
    await castVote(env.DB, vote(id, { voterKey: 'me', stars: 5 }));

    const rated = await ratingSummaryStatement(env.DB, id, 'article-1').all();
    expect(rated.results).toEqual([{ count: 101, total: 305 }]);
    expect(rated.meta.rows_read).toBeGreaterThan(0);
    expect(rated.meta.rows_read).toBeLessThanOrEqual(2);

    const unrated = await ratingSummaryStatement(env.DB, id, 'article-9').all();
    expect(unrated.results).toEqual([{ count: null, total: null }]);
    expect(unrated.meta.rows_read).toBeLessThanOrEqual(2);
  });
});

describe('deleteExpiredRateLimits', () => {
  it('drops only the windows before the one given', async () => {
    const { id } = await createSite();
    for (const window of [WINDOW - 2, WINDOW - 1, WINDOW]) {
      await castVote(env.DB, vote(id, { window, item: `w-${window}` }));
    }
    const deleted = await deleteExpiredRateLimits(env.DB, WINDOW - 1);
    expect(deleted).toBeGreaterThanOrEqual(1);
    expect(await rows('SELECT window FROM rate_limits WHERE site_id = ?1 ORDER BY window', id)).toEqual([{ window: WINDOW - 1 }, { window: WINDOW }]);
    // The votes themselves stay.
    expect(await rows('SELECT count(*) AS n FROM rating_votes WHERE site_id = ?1', id)).toEqual([{ n: 3 }]);
  });
});
