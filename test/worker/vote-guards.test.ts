// What makes a vote costly to forge (issue 10): a reader is their network (an IPv4 address or an
// IPv6 /64), whatever the browser says; refused attempts write nothing to D1; a site may ask for
// Turnstile on votes and link reports; and a site caps the new items its readers may start rating.
// Checked against the answers and what D1 holds.
import type { RatingSummary } from '@civic-widgets/contract';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { networkOf } from '../../worker/src/lib/network.js';
import { OPERATOR_TOKEN, PORTAL, adminCall, api, bearer, createSite, errorJson, getRating, putVote, readerHeaders, rows, type TestSite } from './helpers.js';

type Summary = RatingSummary;

const votesOf = (site: TestSite, item: string) =>
  rows<{ voter_key: string; stars: number }>('SELECT voter_key, stars FROM rating_votes WHERE site_id = ?1 AND item = ?2', site.id, item);
const totalsOf = (site: TestSite) =>
  rows<{ item: string; count: number; total: number }>('SELECT item, count, total FROM rating_totals WHERE site_id = ?1 ORDER BY item', site.id);
const rateLimitsOf = (site: TestSite) => rows<{ hits: number }>('SELECT hits FROM rate_limits WHERE site_id = ?1', site.id);
const itemCountsOf = (site: TestSite) =>
  rows<{ day: number; items: number }>('SELECT day, items FROM rating_item_counts WHERE site_id = ?1 ORDER BY day', site.id);

/** Freezes the worker's clock (it shares the test's isolate) at `seconds` into a minute. */
function freezeClock(seconds = 5) {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(Math.floor(Date.now() / 60_000) * 60_000 + seconds * 1000);
}
const nextMinute = () => vi.setSystemTime(Date.now() + 60_000);

afterEach(() => {
  vi.useRealTimers();
});

describe('a reader’s network', () => {
  it('is one string for every textual form of an address: IPv4 as is, IPv6 as its /64', () => {
    const ipv6 = '2001:db8:12:34::/64';
    for (const form of [
      '2001:db8:12:34::1',
      '2001:0DB8:0012:0034:0000:0000:0000:0001',
      '2001:db8:12:34:ffff:ffff:ffff:ffff',
      '[2001:db8:12:34::abcd]',
      '2001:db8:12:34::1%eth0',
      ' 2001:db8:12:34:1:2:3:4 ',
    ]) {
      expect(networkOf(form), form).toBe(ipv6);
    }
    expect(networkOf('2001:db8:12:35::1')).toBe('2001:db8:12:35::/64');
    for (const form of ['198.51.100.7', '::ffff:198.51.100.7', '::FFFF:c633:6407', '[::ffff:198.51.100.7]']) expect(networkOf(form), form).toBe('198.51.100.7');
    // not an address (or an ambiguous legacy form): all one network, so it cannot be varied
    for (const junk of [undefined, null, '', 'unknown', '198.51.100.07', '0xc6.51.100.7', '1.2.3', 'evil.test', '2001:db8::1::2', '<script>']) {
      expect(networkOf(junk), String(junk)).toBe('unknown');
    }
  });

  it('counts 20 votes on one item from one address with 20 user agents as one vote', async () => {
    freezeClock();
    const site = await createSite();
    const statuses: number[] = [];
    for (let i = 1; i <= 20; i++) {
      // ten a minute is the limit per network: spread the 20 over two minutes, so none is refused
      if (i === 11) nextMinute();
      const response = await putVote(site.slug, 'news-ua', (i % 5) + 1, { ip: '198.51.100.20', userAgent: `Browser/${i}.0 (forged ${i})` });
      statuses.push(response.status);
    }
    expect(statuses).toEqual(Array(20).fill(200));
    // the 20th vote (20 % 5 + 1 = 1 star) replaced the 19 before it
    const summary = await (await getRating(site.slug, 'news-ua', { ip: '198.51.100.99' })).json<Summary>();
    expect(summary).toMatchObject({ count: 1, total: 1 });
    expect(await votesOf(site, 'news-ua')).toEqual([{ voter_key: expect.stringMatching(/^[0-9a-f]{64}$/), stars: 1 }]);
    expect(await totalsOf(site)).toEqual([{ item: 'news-ua', count: 1, total: 1 }]);
  });

  it('gives two addresses in one IPv6 /64 one voter key and one rate-limit bucket; another /64 is another reader', async () => {
    freezeClock();
    const site = await createSite();
    expect((await putVote(site.slug, 'news-v6', 5, { ip: '2001:db8:aa:1::1' })).status).toBe(200);
    const same = await putVote(site.slug, 'news-v6', 2, { ip: '2001:0db8:00aa:0001:8f3e:1c2d:0:99', userAgent: 'Other/2' });
    expect(await same.json<Summary>()).toMatchObject({ count: 1, total: 2, mine: 2 });
    expect((await votesOf(site, 'news-v6')).map((v) => v.stars)).toEqual([2]);

    const other = await putVote(site.slug, 'news-v6', 4, { ip: '2001:db8:aa:2::1' });
    expect(await other.json<Summary>()).toMatchObject({ count: 2, total: 6, mine: 4 });
    expect(await votesOf(site, 'news-v6')).toHaveLength(2);

    // One bucket for the /64: 8 more votes from 8 more of its addresses reach the limit of 10…
    for (let i = 1; i <= 8; i++) expect((await putVote(site.slug, `v6-${i}`, 3, { ip: `2001:db8:aa:1:${i}::${i}` })).status).toBe(200);
    // …so an 11th address in it is refused, while the other /64 still votes.
    const refused = await putVote(site.slug, 'v6-9', 3, { ip: '2001:db8:aa:1:ffff::9' });
    expect(refused.status).toBe(429);
    expect((await errorJson(refused)).error.code).toBe('rate_limited');
    expect((await putVote(site.slug, 'v6-9', 3, { ip: '2001:db8:aa:2::7' })).status).toBe(200);
    expect((await rateLimitsOf(site)).map((r) => r.hits).sort((a, b) => a - b)).toEqual([2, 10]);
  });

  it('takes an IPv4-mapped IPv6 address as the IPv4 reader it is', async () => {
    const site = await createSite();
    await putVote(site.slug, 'news-mapped', 5, { ip: '198.51.100.30' });
    const mapped = await putVote(site.slug, 'news-mapped', 3, { ip: '::ffff:198.51.100.30' });
    expect(await mapped.json<Summary>()).toMatchObject({ count: 1, total: 3, mine: 3 });
  });
});

describe('refused attempts', () => {
  it('write nothing to D1: votes past the limit leave the rate-limit row at the limit', async () => {
    freezeClock(30);
    const site = await createSite();
    const network = { ip: '198.51.100.40' };
    for (let i = 1; i <= 10; i++) expect((await putVote(site.slug, `refused-${i}`, 4, network)).status).toBe(200);
    expect(await rateLimitsOf(site)).toEqual([{ hits: 10 }]);
    for (let i = 11; i <= 25; i++) {
      const response = await putVote(site.slug, `refused-${i}`, 4, { ...network, userAgent: `Bot/${i}` });
      expect(response.status).toBe(429);
      expect(response.headers.get('Retry-After')).toBe('30');
    }
    // 15 refusals later: still one row, still 10 hits, no vote rows or totals, no item counted
    expect(await rateLimitsOf(site)).toEqual([{ hits: 10 }]);
    expect(await rows('SELECT count(*) AS n FROM rating_votes WHERE site_id = ?1', site.id)).toEqual([{ n: 10 }]);
    expect(await totalsOf(site)).toHaveLength(10);
    expect(await itemCountsOf(site)).toEqual([
      { day: 0, items: 10 },
      { day: Math.floor(Date.now() / 86_400_000), items: 10 },
    ]);
    // the next minute opens a new window
    nextMinute();
    expect((await putVote(site.slug, 'refused-26', 4, network)).status).toBe(200);
  });
});

const SITE_KEY = '0x4AAAAAAATestSiteKey';

/** A site that asks for Turnstile, with the worker's secret (`own` sets the site's own). */
async function turnstileSite(own?: string) {
  const site = await createSite();
  const response = await adminCall(site, 'PATCH', '/settings', { turnstile: { siteKey: SITE_KEY, ...(own ? { secret: own } : {}) } });
  expect(response.status).toBe(200);
  return site;
}

const vote = (site: TestSite, item: string, turnstile: string | undefined, ip = '198.51.100.50') =>
  putVote(site.slug, item, 4, { ip, body: JSON.stringify({ stars: 4, ...(turnstile === undefined ? {} : { turnstile }) }) });

describe('Turnstile', () => {
  it('is a site setting whose site key anyone may read and whose secret nobody may', async () => {
    const site = await turnstileSite('site-own-secret');
    const settings = await adminCall(site, 'GET', '/settings');
    const text = await settings.text();
    expect(JSON.parse(text)).toMatchObject({ turnstile: { siteKey: SITE_KEY, ownSecret: true } });
    expect(text).not.toContain('site-own-secret');
    const publicInfo = await api(`/api/v1/sites/${site.slug}`);
    const publicText = await publicInfo.text();
    expect(JSON.parse(publicText)).toMatchObject({ turnstile: { siteKey: SITE_KEY } });
    expect(publicText).not.toContain('site-own-secret');

    // a new site key keeps the stored secret; null turns Turnstile off
    const rekeyed = await adminCall(site, 'PATCH', '/settings', { turnstile: { siteKey: 'another-key' } });
    expect(await rekeyed.json()).toMatchObject({ turnstile: { siteKey: 'another-key', ownSecret: true } });
    const off = await adminCall(site, 'PATCH', '/settings', { turnstile: null });
    expect(await off.json()).toMatchObject({ turnstile: null });
    expect(await rows('SELECT turnstile_site_key, turnstile_secret FROM sites WHERE id = ?1', site.id)).toEqual([
      { turnstile_site_key: null, turnstile_secret: null },
    ]);
    expect((await vote(site, 'news-off', undefined)).status).toBe(200);
  });

  it('refuses bad Turnstile settings with 400 and changes nothing', async () => {
    const site = await createSite();
    for (const turnstile of [{ siteKey: '<script>' }, { siteKey: '' }, { siteKey: 'k', secret: 'a b' }, { siteKey: 'k', extra: 1 }, 'on']) {
      const response = await adminCall(site, 'PATCH', '/settings', { turnstile });
      expect(response.status, JSON.stringify(turnstile)).toBe(400);
      expect((await errorJson(response)).error.issues?.[0]?.path).toMatch(/^turnstile/);
    }
    expect(await rows('SELECT turnstile_site_key FROM sites WHERE id = ?1', site.id)).toEqual([{ turnstile_site_key: null }]);
  });

  it('refuses a vote without a token, or with a bad one, with 403 JSON and writes nothing; a good token votes', async () => {
    const site = await turnstileSite();
    for (const token of [undefined, 'forged-token', 'x'.repeat(2048)]) {
      const response = await vote(site, 'news-ts', token);
      expect(response.status, String(token).slice(0, 20)).toBe(403);
      const body = await errorJson(response);
      expect(body.error.code).toBe('forbidden');
      expect(body.error.issues?.map((issue) => issue.path)).toEqual(['turnstile']);
    }
    expect(await totalsOf(site)).toEqual([]);
    expect(await rateLimitsOf(site)).toEqual([]);

    const tooLong = await vote(site, 'news-ts', 'x'.repeat(2049));
    expect(tooLong.status).toBe(400);

    const good = await vote(site, 'news-ts', 'good-token');
    expect(good.status).toBe(200);
    expect(await good.json<Summary>()).toMatchObject({ count: 1, total: 4, mine: 4 });
    expect(await totalsOf(site)).toEqual([{ item: 'news-ts', count: 1, total: 4 }]);
  });

  it('checks with the site’s own secret when it has one', async () => {
    const site = await turnstileSite('a-secret-siteverify-refuses');
    const response = await vote(site, 'news-own', 'good-token');
    expect(response.status).toBe(403);
    expect(await totalsOf(site)).toEqual([]);
    const fixed = await turnstileSite('site-own-secret');
    expect((await vote(fixed, 'news-own', 'good-token')).status).toBe(200);
  });

  it('answers 503 JSON, writing nothing, when siteverify cannot answer', async () => {
    const site = await turnstileSite();
    const response = await vote(site, 'news-down', 'siteverify-down');
    expect(response.status).toBe(503);
    expect(response.headers.get('Retry-After')).toBe('5');
    expect((await errorJson(response)).error.code).toBe('unavailable');
    expect(await totalsOf(site)).toEqual([]);
  });

  it('guards readers’ link reports too', async () => {
    const site = await turnstileSite();
    await adminCall(site, 'POST', '/links/categories', { slug: 'lien-ket', title: 'Liên kết' });
    const { id } = await (
      await adminCall(site, 'POST', '/links', { category: 'lien-ket', title: 'Chính phủ', url: 'https://chinhphu.vn/' })
    ).json<{ id: number }>();
    const report = (body: object) =>
      api(`/api/v1/sites/${site.slug}/links/${id}/reports`, {
        method: 'POST',
        headers: { ...readerHeaders({ ip: '198.51.100.51' }), Origin: PORTAL, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
    for (const body of [{ reason: 'broken' }, { reason: 'broken', turnstile: 'forged-token' }]) {
      const response = await report(body);
      expect(response.status).toBe(403);
      expect((await errorJson(response)).error.issues?.[0]?.path).toBe('turnstile');
    }
    expect(await rows('SELECT * FROM link_reports WHERE site_id = ?1', site.id)).toEqual([]);
    expect((await report({ reason: 'broken', turnstile: 'good-token' })).status).toBe(202);
    expect(await rows('SELECT reason FROM link_reports WHERE site_id = ?1', site.id)).toEqual([{ reason: 'broken' }]);
  });
});

/** The caps are the operator's to set. */
const setCaps = (site: TestSite, body: Record<string, unknown>) => adminCall(site, 'PATCH', '/settings', body, bearer(OPERATOR_TOKEN));

describe('item caps', () => {
  it("are the operator's: a site's token that sends them is refused with 403, changing nothing", async () => {
    const site = await createSite();
    for (const body of [{ ratingItemsPerDay: 100000 }, { name: 'Tên mới', ratingItemsTotal: 1000000 }]) {
      const response = await adminCall(site, 'PATCH', '/settings', body);
      expect(response.status).toBe(403);
      expect((await errorJson(response)).error.issues?.map((issue) => issue.path)).toEqual(Object.keys(body).filter((key) => key !== 'name'));
    }
    expect(await rows('SELECT name, rating_items_per_day, rating_items_total FROM sites WHERE id = ?1', site.id)).toEqual([
      { name: `Test site ${site.slug}`, rating_items_per_day: 5000, rating_items_total: 50000 },
    ]);
    expect((await adminCall(site, 'PATCH', '/settings', { name: 'Tên mới' })).status).toBe(200);
  });

  it('defaults to 5,000 new items a day and 50,000 in all', async () => {
    const site = await createSite();
    expect(await (await adminCall(site, 'GET', '/settings')).json()).toMatchObject({ ratingItemsPerDay: 5000, ratingItemsTotal: 50000 });
  });

  it('refuses a vote that would start an item past the day’s cap with 429, writing nothing; known items still vote', async () => {
    freezeClock();
    const site = await createSite();
    expect((await setCaps(site, { ratingItemsPerDay: 3 })).status).toBe(200);
    for (let i = 1; i <= 3; i++) expect((await putVote(site.slug, `cap-${i}`, 5, { ip: `198.51.100.${60 + i}` })).status).toBe(200);

    const fourth = await putVote(site.slug, 'cap-4', 5, { ip: '198.51.100.70' });
    expect(fourth.status).toBe(429);
    expect(Number(fourth.headers.get('Retry-After'))).toBeGreaterThan(0);
    const body = await errorJson(fourth);
    expect(body.error.code).toBe('rate_limited');
    expect(body.error.issues?.[0]?.path).toBe('item');
    expect((await totalsOf(site)).map((t) => t.item)).toEqual(['cap-1', 'cap-2', 'cap-3']);

    // an item already rated takes new readers' votes and changes of mind
    expect((await putVote(site.slug, 'cap-2', 1, { ip: '198.51.100.70' })).status).toBe(200);
    expect((await putVote(site.slug, 'cap-1', 2, { ip: '198.51.100.61' })).status).toBe(200);
    expect(await totalsOf(site)).toEqual([
      { item: 'cap-1', count: 1, total: 2 },
      { item: 'cap-2', count: 2, total: 6 },
      { item: 'cap-3', count: 1, total: 5 },
    ]);
    const today = Math.floor(Date.now() / 86_400_000);
    expect(await itemCountsOf(site)).toEqual([
      { day: 0, items: 3 },
      { day: today, items: 3 },
    ]);

    // the next day has room again
    vi.setSystemTime(Date.now() + 86_400_000);
    expect((await putVote(site.slug, 'cap-4', 5, { ip: '198.51.100.70' })).status).toBe(200);
    expect(await itemCountsOf(site)).toEqual([
      { day: 0, items: 4 },
      { day: today, items: 3 },
      { day: today + 1, items: 1 },
    ]);
  });

  it('refuses a vote that would start an item past the total cap with 403, writing nothing', async () => {
    const site = await createSite();
    expect((await setCaps(site, { ratingItemsTotal: 2 })).status).toBe(200);
    for (const item of ['total-1', 'total-2']) expect((await putVote(site.slug, item, 3, { ip: '198.51.100.80' })).status).toBe(200);
    const third = await putVote(site.slug, 'total-3', 3, { ip: '198.51.100.81' });
    expect(third.status).toBe(403);
    expect((await errorJson(third)).error.issues?.[0]?.path).toBe('item');
    expect((await totalsOf(site)).map((t) => t.item)).toEqual(['total-1', 'total-2']);
    expect(await votesOf(site, 'total-3')).toEqual([]);
    expect((await putVote(site.slug, 'total-1', 5, { ip: '198.51.100.81' })).status).toBe(200);
  });

  it('admits exactly the cap of 20 first votes on 20 new items sent at once', async () => {
    freezeClock();
    const site = await createSite();
    expect((await setCaps(site, { ratingItemsPerDay: 5 })).status).toBe(200);
    const responses = await Promise.all(Array.from({ length: 20 }, (_, i) => putVote(site.slug, `rush-${i}`, 4, { ip: `198.51.100.${100 + i}` })));
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(5);
    expect(statuses.filter((status) => status === 429)).toHaveLength(15);
    for (const response of responses.filter((r) => r.status === 429)) expect((await errorJson(response)).error.issues?.[0]?.path).toBe('item');
    expect(await totalsOf(site)).toHaveLength(5);
    expect(await rows('SELECT count(*) AS n FROM rating_votes WHERE site_id = ?1', site.id)).toEqual([{ n: 5 }]);
    expect(await itemCountsOf(site)).toEqual([
      { day: 0, items: 5 },
      { day: Math.floor(Date.now() / 86_400_000), items: 5 },
    ]);
  });

  it('refuses bad caps with 400', async () => {
    const site = await createSite();
    for (const body of [{ ratingItemsPerDay: -1 }, { ratingItemsPerDay: 1.5 }, { ratingItemsTotal: '10' }, { ratingItemsTotal: 1e12 }]) {
      expect((await setCaps(site, body)).status, JSON.stringify(body)).toBe(400);
    }
  });
});
