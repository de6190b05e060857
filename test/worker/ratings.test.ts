// PUT/GET /api/v1/sites/:site/ratings/:item through the whole worker, checked against what the
// response says and what D1 holds. Every test has its own site, so rows never mix between tests.
import { env } from 'cloudflare:workers';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FOREIGN, PORTAL, WORKER, api, createSite, errorJson, getRating, putVote, ratingPath, rows, type TestSite, type VoteOptions } from './helpers.js';

interface Summary {
  item: string;
  average: number;
  count: number;
  total: number;
  /** the reader's own vote: only in a PUT's answer */
  mine?: number;
}

interface VoteRow {
  item: string;
  voter_key: string;
  stars: number;
}

const votesOf = (site: TestSite) => rows<VoteRow>('SELECT item, voter_key, stars FROM rating_votes WHERE site_id = ?1 ORDER BY item, stars', site.id);
const totalsOf = (site: TestSite) =>
  rows<{ item: string; count: number; total: number }>('SELECT item, count, total FROM rating_totals WHERE site_id = ?1 ORDER BY item', site.id);
const rateLimitsOf = (site: TestSite) => rows('SELECT * FROM rate_limits WHERE site_id = ?1', site.id);

/** Asserts that nothing about votes was written for the site. */
async function expectNothingWritten(site: TestSite) {
  expect(await votesOf(site)).toEqual([]);
  expect(await totalsOf(site)).toEqual([]);
}

/** A vote's answer without its bookmark (an opaque D1 position, checked to be there). */
async function voted(response: Response): Promise<Summary> {
  const { bookmark, ...summary } = await response.json<Summary & { bookmark: string }>();
  expect(bookmark).toMatch(/^[\w-]+$/);
  return summary;
}

const alice = { ip: '198.51.100.11', userAgent: 'Mozilla/5.0 (Alice)' };
const bob = { ip: '198.51.100.12', userAgent: 'Mozilla/5.0 (Bob)' };

describe('voting', () => {
  it('counts a first vote', async () => {
    const site = await createSite();
    const response = await putVote(site.slug, 'news-1', 4, alice);
    expect(response.status).toBe(200);
    expect(response.headers.get('Cache-Control')).toBe('no-store');
    expect(await voted(response)).toEqual({ item: 'news-1', average: 4, count: 1, total: 4, mine: 4 });

    const votes = await votesOf(site);
    expect(votes).toHaveLength(1);
    expect(votes[0]).toMatchObject({ item: 'news-1', stars: 4 });
    expect(await totalsOf(site)).toEqual([{ item: 'news-1', count: 1, total: 4 }]);
  });

  it('replaces a repeat vote by the same reader: count stays, total moves by the difference', async () => {
    const site = await createSite();
    await putVote(site.slug, 'news-2', 3, bob);
    const first = await putVote(site.slug, 'news-2', 2, alice);
    expect(await voted(first)).toEqual({ item: 'news-2', average: 2.5, count: 2, total: 5, mine: 2 });

    const repeat = await putVote(site.slug, 'news-2', 5, alice);
    expect(repeat.status).toBe(200);
    expect(await voted(repeat)).toEqual({ item: 'news-2', average: 4, count: 2, total: 8, mine: 5 });

    expect((await votesOf(site)).map((v) => v.stars)).toEqual([3, 5]);
    expect(await totalsOf(site)).toEqual([{ item: 'news-2', count: 2, total: 8 }]);

    // Voting the same stars again changes nothing.
    const same = await putVote(site.slug, 'news-2', 5, alice);
    expect(await voted(same)).toEqual({ item: 'news-2', average: 4, count: 2, total: 8, mine: 5 });
    expect(await totalsOf(site)).toEqual([{ item: 'news-2', count: 2, total: 8 }]);
  });

  it('counts two readers separately; a second browser on one network is the same reader', async () => {
    const site = await createSite();
    expect((await putVote(site.slug, 'news-3', 5, alice)).status).toBe(200);
    const second = await putVote(site.slug, 'news-3', 2, bob);
    expect(await voted(second)).toEqual({ item: 'news-3', average: 3.5, count: 2, total: 7, mine: 2 });

    // Same network, another browser: the voter key covers the network only, so this replaces Alice's vote.
    const third = await putVote(site.slug, 'news-3', 1, { ip: alice.ip, userAgent: 'Another/1.0' });
    expect(await voted(third)).toEqual({ item: 'news-3', average: 1.5, count: 2, total: 3, mine: 1 });

    const votes = await votesOf(site);
    expect(votes.map((v) => v.stars)).toEqual([1, 2]);
    expect(new Set(votes.map((v) => v.voter_key)).size).toBe(2);
    expect(await totalsOf(site)).toEqual([{ item: 'news-3', count: 2, total: 3 }]);
  });

  it('GET answers every reader the same summary, without their own vote, and writes nothing', async () => {
    const site = await createSite();
    await putVote(site.slug, 'news-4', 3, alice);

    const asAlice = await getRating(site.slug, 'news-4', alice);
    expect(asAlice.status).toBe(200);
    expect(await asAlice.json<Summary>()).toEqual({ item: 'news-4', average: 3, count: 1, total: 3 });

    const asBob = await getRating(site.slug, 'news-4', bob);
    expect(await asBob.json<Summary>()).toEqual({ item: 'news-4', average: 3, count: 1, total: 3 });

    // An item nobody rated need not exist anywhere: zeros, and still nothing written for it.
    const unrated = await getRating(site.slug, 'never-rated', bob);
    expect(await unrated.json<Summary>()).toEqual({ item: 'never-rated', average: 0, count: 0, total: 0 });
    expect(await rows('SELECT * FROM rating_totals WHERE site_id = ?1 AND item = ?2', site.id, 'never-rated')).toEqual([]);
    expect(await votesOf(site)).toHaveLength(1);
  });

  it('sends ETag and Cache-Control, and answers If-None-Match with 304', async () => {
    const site = await createSite();
    await putVote(site.slug, 'news-5', 4, alice);

    const first = await getRating(site.slug, 'news-5', alice);
    expect(first.status).toBe(200);
    const etag = first.headers.get('ETag');
    expect(etag).toMatch(/^"[0-9a-f]{32}"$/);
    // shared by every reader (the edge cache keeps it); browsers revalidate each time
    expect(first.headers.get('Cache-Control')).toBe('public, no-cache');
    expect(first.headers.get('Content-Type')).toMatch(/^application\/json/);

    const again = await getRating(site.slug, 'news-5', alice, { 'If-None-Match': etag! });
    expect(again.status).toBe(304);
    expect(again.headers.get('ETag')).toBe(etag);
    expect(await again.text()).toBe('');

    // A weak form of the same tag, in a list, also matches.
    const weak = await getRating(site.slug, 'news-5', alice, { 'If-None-Match': `"nope", W/${etag}` });
    expect(weak.status).toBe(304);
    // So does "*" (any version the client holds).
    expect((await getRating(site.slug, 'news-5', alice, { 'If-None-Match': '*' })).status).toBe(304);

    // Once the summary changes, the old tag no longer matches.
    await putVote(site.slug, 'news-5', 2, bob);
    const changed = await getRating(site.slug, 'news-5', alice, { 'If-None-Match': etag! });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('ETag')).not.toBe(etag);
    expect(await changed.json<Summary>()).toMatchObject({ count: 2, total: 6 });
  });

  it('counts 50 votes sent at once from 50 readers exactly', async () => {
    const site = await createSite();
    const stars = Array.from({ length: 50 }, (_, i) => (i % 5) + 1);
    const responses = await Promise.all(stars.map((n, i) => putVote(site.slug, 'news-busy', n, { ip: `192.0.2.${i + 1}`, userAgent: 'Mozilla/5.0' })));
    expect(responses.map((r) => r.status)).toEqual(stars.map(() => 200));
    const expectedTotal = stars.reduce((sum, n) => sum + n, 0); // 150

    const summary = await (await getRating(site.slug, 'news-busy', { ip: '192.0.2.200' })).json<Summary>();
    expect(summary).toEqual({ item: 'news-busy', average: 3, count: 50, total: expectedTotal });

    expect(await rows('SELECT count(*) AS n, sum(stars) AS sum FROM rating_votes WHERE site_id = ?1', site.id)).toEqual([{ n: 50, sum: expectedTotal }]);
    expect(await totalsOf(site)).toEqual([{ item: 'news-busy', count: 50, total: expectedTotal }]);
  });
});

describe('origin checks on writes', () => {
  it('refuses a foreign Origin with 403 JSON and writes nothing', async () => {
    const site = await createSite();
    const response = await putVote(site.slug, 'news-10', 5, { ...alice, origin: FOREIGN });
    expect(response.status).toBe(403);
    const body = await errorJson(response);
    expect(body.error.code).toBe('forbidden');
    expect(body.error.message).toContain(FOREIGN);
    await expectNothingWritten(site);
    expect(await rateLimitsOf(site)).toEqual([]);
  });

  it('refuses a write without an Origin header', async () => {
    const site = await createSite();
    const response = await putVote(site.slug, 'news-11', 5, { ...alice, origin: null });
    expect(response.status).toBe(403);
    expect((await errorJson(response)).error.code).toBe('forbidden');
    await expectNothingWritten(site);
  });

  it('refuses a text/plain write from a foreign origin (the preflight-free CORS gap) and writes nothing', async () => {
    const site = await createSite();
    const response = await putVote(site.slug, 'news-12', 5, { ...alice, origin: FOREIGN, contentType: 'text/plain' });
    expect(response.status).toBe(403);
    await expectNothingWritten(site);
  });

  it("accepts the worker's own origin (the demo pages it serves)", async () => {
    const site = await createSite();
    const response = await putVote(site.slug, 'news-13', 5, { ...alice, origin: WORKER });
    expect(response.status).toBe(200);
    expect(await totalsOf(site)).toEqual([{ item: 'news-13', count: 1, total: 5 }]);
  });

  it('does not take an origin that only looks like an allowed one', async () => {
    const site = await createSite();
    for (const origin of [`${PORTAL}.evil.test`, `${PORTAL}/`, PORTAL.toUpperCase(), 'null', `${PORTAL}:443`]) {
      const response = await putVote(site.slug, 'news-14', 5, { ...alice, origin });
      expect(response.status, origin).toBe(403);
    }
    await expectNothingWritten(site);
  });
});

/** One bad request, what it must answer, and what the error must say. */
interface BadCase {
  name: string;
  item?: string;
  stars?: unknown;
  options?: VoteOptions;
  status: number;
  code: string;
  issuePath?: string;
}

const badVotes: BadCase[] = [
  { name: 'stars 0', stars: 0, status: 400, code: 'validation_failed', issuePath: 'stars' },
  { name: 'stars 6', stars: 6, status: 400, code: 'validation_failed', issuePath: 'stars' },
  { name: 'stars -1', stars: -1, status: 400, code: 'validation_failed', issuePath: 'stars' },
  { name: 'stars 2.5', stars: 2.5, status: 400, code: 'validation_failed', issuePath: 'stars' },
  { name: 'stars "3"', stars: '3', status: 400, code: 'validation_failed', issuePath: 'stars' },
  { name: 'stars null', stars: null, status: 400, code: 'validation_failed', issuePath: 'stars' },
  { name: 'stars 1e308', stars: 1e308, status: 400, code: 'validation_failed', issuePath: 'stars' },
  { name: 'stars missing', options: { body: '{}' }, status: 400, code: 'validation_failed', issuePath: 'stars' },
  {
    name: 'extra field',
    options: { body: JSON.stringify({ stars: 3, extra: true }) },
    status: 400,
    code: 'validation_failed',
  },
  { name: 'malformed JSON', options: { body: '{"stars": 3' }, status: 400, code: 'validation_failed' },
  { name: 'empty body', options: { body: '' }, status: 400, code: 'validation_failed' },
  { name: 'JSON null', options: { body: 'null' }, status: 400, code: 'validation_failed' },
  { name: 'JSON array', options: { body: '[3]' }, status: 400, code: 'validation_failed' },
  { name: '__proto__ key', options: { body: '{"stars":3,"__proto__":{"x":1}}' }, status: 400, code: 'validation_failed' },
  {
    name: 'oversize body (> 4096 bytes)',
    options: { body: JSON.stringify({ stars: 3, pad: 'x'.repeat(4200) }) },
    status: 413,
    code: 'payload_too_large',
  },
  {
    name: 'valid vote padded past 4096 bytes with whitespace',
    options: { body: `{"stars":3}${' '.repeat(4200)}` },
    status: 413,
    code: 'payload_too_large',
  },
  { name: 'text/plain body', stars: 3, options: { contentType: 'text/plain' }, status: 415, code: 'unsupported_media_type' },
  { name: 'no Content-Type', stars: 3, options: { contentType: null }, status: 415, code: 'unsupported_media_type' },
  {
    name: 'form body',
    options: { contentType: 'application/x-www-form-urlencoded', body: 'stars=3' },
    status: 415,
    code: 'unsupported_media_type',
  },
  { name: 'item of 513 characters', item: 'a'.repeat(513), stars: 3, status: 400, code: 'validation_failed', issuePath: 'item' },
  { name: 'item with a newline', item: 'news\n1', stars: 3, status: 400, code: 'validation_failed', issuePath: 'item' },
  { name: 'item with a NUL', item: 'news\u00001', stars: 3, status: 400, code: 'validation_failed', issuePath: 'item' },
  { name: 'item with DEL', item: 'news\u007f1', stars: 3, status: 400, code: 'validation_failed', issuePath: 'item' },
];

describe('bad votes', () => {
  it.each(badVotes)('$name → $status $code, nothing written', async ({ item = 'news-bad', stars, options, status, code, issuePath }) => {
    const site = await createSite();
    const response = await putVote(site.slug, item, stars, { ...alice, ...options });
    expect(response.status).toBe(status);
    const body = await errorJson(response);
    expect(body.error.code).toBe(code);
    expect(body.error.message).toBeTruthy();
    if (issuePath) expect(body.error.issues?.map((issue) => issue.path)).toContain(issuePath);
    await expectNothingWritten(site);
  });

  it('names the unexpected field of a vote', async () => {
    const site = await createSite();
    const response = await putVote(site.slug, 'news-20', 3, { ...alice, body: JSON.stringify({ stars: 3, extra: true }) });
    const body = await errorJson(response);
    expect(body.error.issues).toHaveLength(1);
    expect(body.error.issues![0]!.message).toContain('extra');
  });

  it('says why a malformed body is refused', async () => {
    const site = await createSite();
    const response = await putVote(site.slug, 'news-21', 3, { ...alice, body: '{"stars": 3' });
    expect((await errorJson(response)).error.message).toMatch(/JSON/);
  });

  it('answers 404 for an unknown site, on reads and writes', async () => {
    for (const slug of ['no-such-site', 'Not_A-Slug', '-x', 'a'.repeat(65)]) {
      const put = await putVote(slug, 'news-1', 3, alice);
      expect(put.status, slug).toBe(404);
      expect((await errorJson(put)).error.code).toBe('not_found');
      const get = await getRating(slug, 'news-1', alice);
      expect(get.status, slug).toBe(404);
      expect((await errorJson(get)).error.code).toBe('not_found');
    }
    expect(await rows("SELECT * FROM rating_votes WHERE item = 'news-1' AND site_id NOT IN (SELECT id FROM sites)")).toEqual([]);
    // a widget on any page can read that answer, and so tell its reader the site is unknown
    const fromPortal = await getRating('no-such-site', 'news-1', alice, { Origin: 'https://portal.example.gov.vn' });
    expect(fromPortal.headers.get('Access-Control-Allow-Origin')).toBe('*');
  });

  it('GET refuses a bad item key with 400', async () => {
    const site = await createSite();
    // too long, control characters, blank, an invisible right-to-left override
    for (const item of ['a'.repeat(513), 'news\n1', 'tab\there', '   ', 'news\u202e1']) {
      const response = await getRating(site.slug, item, alice);
      expect(response.status).toBe(400);
      expect((await errorJson(response)).error.issues?.[0]?.path).toBe('item');
    }
  });

  it('never answers 5xx to bad or hostile input, and always answers JSON', async () => {
    const site = await createSite();
    const attempts: Promise<Response>[] = [];
    for (const [i, bad] of badVotes.entries()) {
      // Each from its own network, so the rate limit does not mask anything.
      attempts.push(putVote(site.slug, bad.item ?? 'news-bad', bad.stars, { ip: `198.51.100.${100 + i}`, ...bad.options }));
    }
    const hostileItems = [
      '<script>alert(1)</script>',
      'javascript:alert(1)',
      "news'; DROP TABLE rating_votes; --",
      '../../etc/passwd',
      '%00%ff%',
      '\u202e\u0000',
      '🙂'.repeat(200),
      ' ',
    ];
    for (const [i, item] of hostileItems.entries()) {
      attempts.push(putVote(site.slug, item, 3, { ip: `198.51.100.${200 + i}` }));
      attempts.push(getRating(site.slug, item, { ip: `198.51.100.${200 + i}` }));
    }
    const rawPaths = [
      `/api/v1/sites/${site.slug}/ratings/%`,
      `/api/v1/sites/${site.slug}/ratings/%E0%A4%A`,
      `/api/v1/sites/${site.slug}/ratings/%25%32%35`,
      `/api/v1/sites/${site.slug}/ratings/a%2F..%2F..`,
      `/api/v1/sites/${site.slug}/ratings/`,
      `/api/v1/sites/%00/ratings/x`,
      `/api/v1/sites/${site.slug}/ratings/x/y`,
    ];
    for (const path of rawPaths) {
      attempts.push(api(path, { headers: { 'CF-Connecting-IP': '198.51.100.250' } }));
      attempts.push(
        api(path, {
          method: 'PUT',
          headers: { 'CF-Connecting-IP': '198.51.100.251', Origin: PORTAL, 'Content-Type': 'application/json' },
          body: '{"stars":3}',
        }),
      );
    }
    const responses = await Promise.all(attempts);
    for (const response of responses) {
      expect(response.status, response.url).toBeLessThan(500);
      expect(response.headers.get('Content-Type'), response.url).toMatch(/^application\/json/);
      await response.json(); // parses
    }
    expect(await rows('SELECT count(*) AS n FROM rating_totals WHERE total < 0 OR count < 0')).toEqual([{ n: 0 }]);
  });
});

describe('item keys', () => {
  it('takes a URL with slashes, query and Vietnamese text as the item', async () => {
    const site = await createSite();
    const item = 'https://htx.thainguyen.gov.vn/tin-tuc/hop-tac-xa-che-tan-cuong-1234.html?lang=vi&page=2#binh-luan';
    const put = await putVote(site.slug, item, 5, alice);
    expect(put.status).toBe(200);
    expect(await put.json<Summary>()).toMatchObject({ item, count: 1, total: 5, mine: 5 });
    expect(await totalsOf(site)).toEqual([{ item, count: 1, total: 5 }]);

    const vietnamese = 'Đánh giá bài viết: Hợp tác xã chè Tân Cương / 100% sạch';
    expect((await putVote(site.slug, vietnamese, 4, alice)).status).toBe(200);
    const get = await getRating(site.slug, vietnamese, bob);
    expect(await get.json<Summary>()).toMatchObject({ item: vietnamese, count: 1, total: 4 });
    expect((await votesOf(site)).map((v) => v.item).sort()).toEqual([item, vietnamese].sort());
  });

  it('takes an item of exactly 512 characters', async () => {
    const site = await createSite();
    const item = 'x'.repeat(512);
    const response = await putVote(site.slug, item, 2, alice);
    expect(response.status).toBe(200);
    expect(await totalsOf(site)).toEqual([{ item, count: 1, total: 2 }]);
  });

  it('keeps a percent sign in an item as it is (no double decoding)', async () => {
    const site = await createSite();
    const item = 'giam-50%25-hoc-phi';
    const response = await putVote(site.slug, item, 3, alice);
    expect(await response.json<Summary>()).toMatchObject({ item });
    expect((await votesOf(site)).map((v) => v.item)).toEqual([item]);
  });

  it('gives one reader different voter keys on two items', async () => {
    const site = await createSite();
    await putVote(site.slug, 'news-30', 4, alice);
    await putVote(site.slug, 'news-31', 4, alice);
    const votes = await votesOf(site);
    expect(votes).toHaveLength(2);
    for (const vote of votes) expect(vote.voter_key).toMatch(/^[0-9a-f]{64}$/);
    expect(votes[0]!.voter_key).not.toBe(votes[1]!.voter_key);
  });

  it('keeps the same item on two sites apart', async () => {
    const siteA = await createSite();
    const siteB = await createSite();
    await putVote(siteA.slug, 'shared-item', 5, alice);
    await putVote(siteB.slug, 'shared-item', 1, alice);
    expect(await (await getRating(siteA.slug, 'shared-item', bob)).json<Summary>()).toMatchObject({ count: 1, total: 5 });
    expect(await (await getRating(siteB.slug, 'shared-item', bob)).json<Summary>()).toMatchObject({ count: 1, total: 1 });
  });
});

describe('rate limit', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('answers the 11th vote of a minute from one network with 429 and Retry-After, and does not write it', async () => {
    // Freeze the clock 30 s into a minute, so all votes fall in one window and Retry-After is known.
    // (The worker runs in the test's isolate, so it sees the same clock.)
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Math.floor(Date.now() / 60_000) * 60_000 + 30_000);

    const site = await createSite();
    const network = { ip: '198.51.100.60' };
    for (let i = 1; i <= 10; i++) {
      // Different items and browsers: the limit counts the network on this site.
      const response = await putVote(site.slug, `rl-${i}`, 3, { ...network, userAgent: `Browser/${i}` });
      expect(response.status, `vote ${i}`).toBe(200);
    }
    const eleventh = await putVote(site.slug, 'rl-11', 3, { ...network, userAgent: 'Browser/11' });
    expect(eleventh.status).toBe(429);
    expect(eleventh.headers.get('Retry-After')).toBe('30');
    const body = await errorJson(eleventh);
    expect(body.error.code).toBe('rate_limited');

    expect(await rows('SELECT * FROM rating_votes WHERE site_id = ?1 AND item = ?2', site.id, 'rl-11')).toEqual([]);
    expect(await rows('SELECT * FROM rating_totals WHERE site_id = ?1 AND item = ?2', site.id, 'rl-11')).toEqual([]);
    expect(await votesOf(site)).toHaveLength(10);

    // A replacement of an earlier vote is a vote too: refused, and the earlier vote stays.
    const replace = await putVote(site.slug, 'rl-1', 5, { ...network, userAgent: 'Browser/1' });
    expect(replace.status).toBe(429);
    expect(await rows('SELECT stars FROM rating_votes WHERE site_id = ?1 AND item = ?2', site.id, 'rl-1')).toEqual([{ stars: 3 }]);
    expect(await rows('SELECT count, total FROM rating_totals WHERE site_id = ?1 AND item = ?2', site.id, 'rl-1')).toEqual([{ count: 1, total: 3 }]);

    // Another network on the same site, and the same network on another site, still vote.
    expect((await putVote(site.slug, 'rl-11', 3, { ip: '198.51.100.61' })).status).toBe(200);
    const otherSite = await createSite();
    expect((await putVote(otherSite.slug, 'rl-11', 3, network)).status).toBe(200);

    // Reads are not limited.
    expect((await getRating(site.slug, 'rl-1', network)).status).toBe(200);

    // The next minute opens a new window.
    vi.setSystemTime(Date.now() + 60_000);
    expect((await putVote(site.slug, 'rl-12', 3, network)).status).toBe(200);
  });
});

describe('privacy', () => {
  it('stores no raw IP address or user agent anywhere', async () => {
    const ip = '203.0.113.77';
    const userAgent = 'TestAgent/9.9';
    const site = await createSite();
    expect((await putVote(site.slug, 'news-40', 4, { ip, userAgent })).status).toBe(200);
    expect((await putVote(site.slug, 'news-41', 2, { ip, userAgent })).status).toBe(200);
    expect((await putVote(site.slug, 'news-41', 3, { ip, userAgent })).status).toBe(200);
    await getRating(site.slug, 'news-40', { ip, userAgent });
    // A refused write must not leave it behind either.
    await putVote(site.slug, 'news-42', 9, { ip, userAgent });
    await putVote(site.slug, 'news-42', 3, { ip, userAgent, origin: FOREIGN });

    const tables = await rows<{ name: string }>(
      `SELECT name FROM sqlite_master WHERE type = 'table'
         AND name NOT LIKE '\\_cf%' ESCAPE '\\' AND name NOT LIKE 'sqlite%' AND name <> 'd1_migrations'`,
    );
    const names = tables.map((t) => t.name).sort();
    expect(names).toEqual(expect.arrayContaining(['rate_limits', 'rating_totals', 'rating_votes', 'site_tokens', 'sites']));

    let dump = '';
    for (const name of names) {
      const all = await env.DB.prepare(`SELECT * FROM "${name}"`).all();
      dump += `${name}\n${JSON.stringify(all.results)}\n`;
    }
    // The dump is not vacuous: it holds this site's votes…
    expect(dump).toContain('news-41');
    // …but not who cast them.
    expect(dump).not.toContain(ip);
    expect(dump).not.toContain(userAgent);
    expect(dump).not.toContain('TestAgent');
    expect(dump).not.toContain('203.0.113');
  });
});

describe('paths', () => {
  it('answers an unknown path under /api with 404 JSON', async () => {
    const response = await api('/api/v1/nothing-here');
    expect(response.status).toBe(404);
    expect((await errorJson(response)).error.code).toBe('not_found');
  });

  it('answers an unsupported method on a rating with a JSON error, not 5xx', async () => {
    const site = await createSite();
    const response = await api(ratingPath(site.slug, 'news-50'), {
      method: 'DELETE',
      headers: { Origin: PORTAL },
    });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    await errorJson(response);
    await expectNothingWritten(site);
  });
});
