// GET /go/:link (count a click, 302 to the stored URL, never anywhere else) and readers' reports
// of broken or bad links, checked against the responses and what D1 holds.
import { env } from 'cloudflare:workers';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CLICK_WINDOW_SECONDS } from '../../worker/src/db/links.js';
import { FOREIGN, PORTAL, adminCall, api, createSite, errorJson, readerHeaders, rows, type Reader, type TestSite } from './helpers.js';

/** A site with one category and the given links (URLs); resolves with their ids in order. */
async function siteWithLinks(...urls: string[]) {
  const site = await createSite();
  await adminCall(site, 'POST', '/links/categories', { slug: 'lien-ket', title: 'Liên kết' });
  const ids: number[] = [];
  for (const [i, url] of urls.entries()) {
    const response = await adminCall(site, 'POST', '/links', { category: 'lien-ket', title: `Liên kết ${i + 1}`, url });
    ids.push((await response.json<{ id: number }>()).id);
  }
  return { site, ids };
}

const click = (path: string | number, reader: Reader = {}, init: RequestInit = {}) =>
  api(`/go/${path}`, { redirect: 'manual', ...init, headers: { ...readerHeaders(reader), ...(init.headers as Record<string, string>) } });

const hitsOf = async (id: number) => (await rows<{ hits: number }>('SELECT hits FROM links WHERE id = ?1', id))[0]?.hits;

const alice = { ip: '203.0.113.1', userAgent: 'Mozilla/5.0 (Alice)' };
const bob = { ip: '203.0.113.2', userAgent: 'Mozilla/5.0 (Bob)' };

describe('GET /go/:link', () => {
  it('redirects to the stored URL with a 302 and counts the click', async () => {
    const { ids } = await siteWithLinks('https://thainguyen.gov.vn/', 'https://vca.org.vn/');
    const response = await click(ids[1]!, alice);
    expect(response.status).toBe(302);
    expect(response.headers.get('Location')).toBe('https://vca.org.vn/');
    expect(response.headers.get('Cache-Control')).toBe('no-store');
    expect(await hitsOf(ids[1]!)).toBe(1);
    expect(await hitsOf(ids[0]!)).toBe(0);
  });

  it('counts a reader’s repeat clicks within 30 minutes once, another reader’s apart, and again after 30 minutes', async () => {
    const { site, ids } = await siteWithLinks('https://thainguyen.gov.vn/');
    const [id] = ids as [number];
    for (let i = 0; i < 3; i++) expect((await click(id, alice)).status).toBe(302);
    expect(await hitsOf(id)).toBe(1);
    // the same address with another browser is another reader
    await click(id, { ...alice, userAgent: 'Mozilla/5.0 (Alice, phone)' });
    await click(id, bob);
    expect(await hitsOf(id)).toBe(3);

    // 29 minutes later: still the same visit
    await rows('UPDATE link_clicks SET clicked_at = clicked_at - ?2 WHERE site_id = ?1', site.id, CLICK_WINDOW_SECONDS - 60);
    await click(id, alice);
    expect(await hitsOf(id)).toBe(3);
    // 31 minutes after her counted click: counted again
    await rows('UPDATE link_clicks SET clicked_at = clicked_at - 120 WHERE site_id = ?1', site.id);
    await click(id, alice);
    expect(await hitsOf(id)).toBe(4);
  });

  it('stores no raw address or user agent, and keys that differ from link to link', async () => {
    const { site, ids } = await siteWithLinks('https://thainguyen.gov.vn/', 'https://chinhphu.vn/');
    await click(ids[0]!, alice);
    await click(ids[1]!, alice);
    const stored = await rows<{ reader_key: string }>('SELECT * FROM link_clicks WHERE site_id = ?1', site.id);
    expect(stored).toHaveLength(2);
    expect(JSON.stringify(stored)).not.toContain(alice.ip);
    expect(JSON.stringify(stored)).not.toContain('Alice');
    expect(stored[0]!.reader_key).toMatch(/^[0-9a-f]{64}$/);
    expect(stored[0]!.reader_key).not.toBe(stored[1]!.reader_key);
  });

  it('counts concurrent clicks exactly: forty readers forty times, one reader once', async () => {
    const { ids } = await siteWithLinks('https://thainguyen.gov.vn/', 'https://chinhphu.vn/');
    await Promise.all(Array.from({ length: 40 }, (_, i) => click(ids[0]!, { ip: `198.18.0.${i}` })));
    expect(await hitsOf(ids[0]!)).toBe(40);
    await Promise.all(Array.from({ length: 20 }, () => click(ids[1]!, bob)));
    expect(await hitsOf(ids[1]!)).toBe(1);
  });

  it('answers a HEAD without counting it', async () => {
    const { ids } = await siteWithLinks('https://thainguyen.gov.vn/');
    const response = await click(ids[0]!, alice, { method: 'HEAD' });
    expect(response.status).toBe(302);
    expect(await hitsOf(ids[0]!)).toBe(0);
  });

  it('is no open redirect: whatever the request says, it goes to a stored URL or nowhere', async () => {
    const { ids } = await siteWithLinks('https://thainguyen.gov.vn/');
    const [id] = ids as [number];
    const stored = 'https://thainguyen.gov.vn/';
    const attempts = [
      `${id}?url=https://evil.test/`,
      `${id}?next=//evil.test&redirect=https://evil.test`,
      `${id}#https://evil.test`,
      `${id}/https://evil.test`,
      `${id}/..%2F..%2Fevil.test`,
      `${id}%2F%2Fevil.test`,
      `${id}@evil.test`,
      `${id}.evil.test`,
      `${id}%00https://evil.test`,
      `${id} `,
      `+${id}`,
      `0${id}`,
      `${id}e0`,
      `0x${id.toString(16)}`,
      '-1',
      '0',
      '1e3',
      '99999999999999999999',
      '9007199254740993',
      'https://evil.test',
      'https:%2F%2Fevil.test',
      '%2F%2Fevil.test',
      '//evil.test',
      '/\\evil.test',
      '\\\\evil.test',
      'javascript:alert(1)',
      'data:text/html,hi',
      '',
      encodeURIComponent('<script>alert(1)</script>'),
    ];
    for (const attempt of attempts) {
      const response = await api(`/go/${attempt}`, {
        redirect: 'manual',
        headers: { Referer: 'https://evil.test/', Host: 'evil.test', 'X-Forwarded-Host': 'evil.test', 'X-Original-URL': '/go/1?url=https://evil.test' },
      });
      const location = response.headers.get('Location');
      expect({ attempt, location: location === null || location === stored ? 'safe' : location }).toEqual({ attempt, location: 'safe' });
      expect(response.status, attempt).toBeLessThan(500);
      if (location === null) expect([404, 400], attempt).toContain(response.status);
    }
    // a link id that does not exist: 404 JSON
    const missing = await click(id + 100_000);
    expect(missing.status).toBe(404);
    expect((await errorJson(missing)).error.code).toBe('not_found');
  });

  it('never gives a deleted link’s id to another site: its /go answers 410, not the new link', async () => {
    const {
      site: a,
      ids: [old],
    } = await siteWithLinks('https://xa-a.thainguyen.gov.vn/');
    expect((await adminCall(a, 'DELETE', `/links/${old}`)).status).toBe(204);
    const {
      ids: [fresh],
    } = await siteWithLinks('https://xa-b.daitu.gov.vn/');
    expect(fresh).not.toBe(old);
    expect(fresh).toBeGreaterThan(old!);

    const response = await click(old!, alice);
    expect(response.status).toBe(410);
    expect(response.headers.get('Location')).toBeNull();
    expect((await errorJson(response)).error.code).toBe('gone');
    expect(await hitsOf(fresh!)).toBe(0);
    // the new link works as ever
    expect((await click(fresh!, alice)).headers.get('Location')).toBe('https://xa-b.daitu.gov.vn/');
  });

  it('shows a browser a readable 410 page, in Vietnamese with English, for a deleted link', async () => {
    const {
      site,
      ids: [id],
    } = await siteWithLinks('https://xa-c.thainguyen.gov.vn/');
    await adminCall(site, 'DELETE', `/links/${id}`);
    const response = await click(id!, alice, { headers: { Accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } });
    expect(response.status).toBe(410);
    expect(response.headers.get('Content-Type')).toMatch(/^text\/html/);
    const page = await response.text();
    expect(page).toContain('<html lang="vi">');
    expect(page).toContain('<h1>Liên kết này không còn nữa</h1>');
    expect(page).toContain('<div lang="en">');
    expect(page).not.toContain('xa-c.thainguyen.gov.vn');
  });

  it('answers 410 for links an import with replace removed, and 404 for ids never given', async () => {
    const {
      site,
      ids: [kept, dropped],
    } = await siteWithLinks('https://giu.thainguyen.gov.vn/', 'https://bo.thainguyen.gov.vn/');
    const file = {
      categories: [{ slug: 'lien-ket', title: 'Liên kết', weight: 0, links: [{ title: 'Giữ', url: 'https://giu.thainguyen.gov.vn/', weight: 0 }] }],
    };
    expect((await adminCall(site, 'POST', '/links/import?replace=true', file)).status).toBe(200);
    expect((await click(dropped!)).status).toBe(410);
    expect((await click(kept!)).status).toBe(302);
    expect((await click(dropped! + 1_000_000)).status).toBe(404);
  });

  it('has only http(s) URLs to send anyone to: D1 itself refuses anything else', async () => {
    const { site } = await siteWithLinks('https://thainguyen.gov.vn/');
    const category = (await rows<{ id: number }>('SELECT id FROM link_categories WHERE site_id = ?1', site.id))[0]!.id;
    for (const url of ['javascript:alert(1)', '//evil.test/', 'data:text/html,x', ' https://x.gov.vn/']) {
      await expect(
        env.DB.prepare('INSERT INTO links (site_id, category_id, title, url) VALUES (?1, ?2, ?3, ?4)').bind(site.id, category, 'x', url).run(),
      ).rejects.toThrow(/CHECK constraint failed/);
    }
  });
});

const reportPath = (site: TestSite, id: number) => `/api/v1/sites/${site.slug}/links/${id}/reports`;

function report(site: TestSite, id: number, body: unknown, reader: Reader = {}, origin: string | null = PORTAL) {
  return api(reportPath(site, id), {
    method: 'POST',
    headers: { ...readerHeaders(reader), 'Content-Type': 'application/json', ...(origin ? { Origin: origin } : {}) },
    body: JSON.stringify(body),
  });
}

const reportsOf = (site: TestSite) => rows('SELECT link_id, reader_key, reason FROM link_reports WHERE site_id = ?1 ORDER BY link_id', site.id);

describe('readers’ reports', () => {
  afterEach(() => vi.useRealTimers());

  it('records one report per reader and link, and brings a broken link’s check forward', async () => {
    const { site, ids } = await siteWithLinks('https://thainguyen.gov.vn/', 'https://chinhphu.vn/');
    await rows('UPDATE links SET due_at = 9999999999 WHERE site_id = ?1', site.id);
    const first = await report(site, ids[0]!, { reason: 'bad' }, alice);
    expect(first.status).toBe(202);
    // a change of mind replaces the report
    expect((await report(site, ids[0]!, { reason: 'broken' }, alice)).status).toBe(202);
    expect((await report(site, ids[0]!, { reason: 'broken' }, bob)).status).toBe(202);
    expect((await report(site, ids[1]!, { reason: 'bad' }, bob)).status).toBe(202);

    const stored = await reportsOf(site);
    expect(stored.map(({ link_id, reason }) => [link_id, reason])).toEqual([
      [ids[0], 'broken'],
      [ids[0], 'broken'],
      [ids[1], 'bad'],
    ]);
    expect(JSON.stringify(stored)).not.toContain(alice.ip);
    const dueAt = await rows<{ id: number; due_at: number }>('SELECT id, due_at FROM links WHERE site_id = ?1 ORDER BY id', site.id);
    expect(dueAt[0]!.due_at).toBeLessThanOrEqual(Date.now() / 1000);
    expect(dueAt[1]!.due_at).toBe(9999999999); // 'bad' is for the admin; a check would not tell
    const admin = await (await adminCall(site, 'GET', `/links/${ids[0]}`)).json();
    expect(admin).toMatchObject({ reports: { broken: 2, bad: 0 } });
  });

  it('limits reports per network: the 6th in a minute is a 429 and is not written', async () => {
    // a frozen clock: the minute cannot roll over mid-test and excuse a missing limit
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-04-19T08:00:10Z'));
    const { site, ids } = await siteWithLinks(...Array.from({ length: 7 }, (_, i) => `https://xa${i}.thainguyen.gov.vn/`));
    const network = (i: number) => ({ ip: '192.0.2.50', userAgent: `browser ${i}` });
    for (let i = 0; i < 5; i++) expect((await report(site, ids[i]!, { reason: 'broken' }, network(i))).status, `report ${i + 1}`).toBe(202);
    const sixth = await report(site, ids[5]!, { reason: 'broken' }, network(5));
    expect(sixth.status).toBe(429);
    expect(sixth.headers.get('Retry-After')).toBe('50');
    expect((await errorJson(sixth)).error.code).toBe('rate_limited');
    const stored = await reportsOf(site);
    expect(stored).toHaveLength(5);
    expect(stored.map((row) => row.link_id)).not.toContain(ids[5]);
    // another network is not limited; the same one is again in the next minute
    expect((await report(site, ids[6]!, { reason: 'broken' }, { ip: '192.0.2.51' })).status).toBe(202);
    vi.setSystemTime(new Date('2026-04-19T08:01:00Z'));
    expect((await report(site, ids[5]!, { reason: 'broken' }, network(5))).status).toBe(202);
  });

  it('refuses reports from other origins, bad reasons, and links of other sites, writing nothing', async () => {
    const { site, ids } = await siteWithLinks('https://thainguyen.gov.vn/');
    const { ids: otherIds } = await siteWithLinks('https://chinhphu.vn/');
    expect((await report(site, ids[0]!, { reason: 'broken' }, alice, FOREIGN)).status).toBe(403);
    expect((await report(site, ids[0]!, { reason: 'broken' }, alice, null)).status).toBe(403);
    const badReason = await report(site, ids[0]!, { reason: '<script>' }, alice);
    expect(badReason.status).toBe(400);
    expect((await errorJson(badReason)).error.issues?.[0]?.path).toBe('reason');
    expect((await report(site, ids[0]!, { reason: 'broken', note: 'x' }, alice)).status).toBe(400);
    expect((await report(site, otherIds[0]!, { reason: 'broken' }, alice)).status).toBe(404);
    expect((await report(site, 999_999_999, { reason: 'broken' }, alice)).status).toBe(404);
    const plain = await api(reportPath(site, ids[0]!), {
      method: 'POST',
      headers: { Origin: PORTAL, 'Content-Type': 'text/plain' },
      body: '{"reason":"broken"}',
    });
    expect(plain.status).toBe(415);
    expect(await reportsOf(site)).toEqual([]);
  });
});
