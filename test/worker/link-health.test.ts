// Link health: the Cron Trigger's checks against local stand-in web servers (fixture-sites.ts,
// started by vitest in Node), so no test reaches the outside network.
import { createScheduledController } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, inject, it } from 'vitest';
import { RECHECK_SECONDS } from '../../worker/src/db/links.js';
import * as health from '../../worker/src/lib/link-health.js';
import worker from '../../worker/src/index.js';
import type { LinkDirectory } from '../../packages/contract/src/index.js';
import { adminCall, api, createSite, rows, type TestSite } from './helpers.js';

// The stand-in servers listen on 127.0.0.1: a private target only the tests (and local development) may reach.
const checkLinks = (db: D1Database, options: health.HealthCheckOptions) => health.checkLinks(db, { allowPrivate: true, ...options });
const probe = (url: string, fetcher: typeof fetch = fetch, timeoutMs?: number) => health.probe(url, fetcher, timeoutMs, true);

const fixture = inject('fixtureOrigin');
const at = (path: string) => `${fixture}${path}`;

/** The methods of the requests the fixture has had for `path`, in order. */
async function requestsTo(path: string) {
  const log = await (await fetch(at('/__log'))).json<{ method: string; path: string }[]>();
  return log.filter((entry) => entry.path === path).map((entry) => entry.method);
}

const setSwitch = (name: string, status: number) => fetch(at(`/switch/${name}`), { method: 'PUT', body: String(status) });

interface HealthRow {
  url: string;
  health: string;
  failures: number;
  checked_at: number | null;
  due_at: number;
}

const healthOf = (site: TestSite) => rows<HealthRow>('SELECT url, health, failures, checked_at, due_at FROM links WHERE site_id = ?1 ORDER BY id', site.id);

/** A site whose links point at the fixture; every other site's links are put out of the way. */
async function siteWithLinks(...paths: string[]) {
  // The check runs over all sites: park the links of earlier tests far in the future.
  await rows('UPDATE links SET due_at = 99999999999');
  const site = await createSite();
  await adminCall(site, 'POST', '/links/categories', { slug: 'lien-ket', title: 'Liên kết' });
  for (const path of paths) {
    const response = await adminCall(site, 'POST', '/links', { category: 'lien-ket', title: path, url: at(path) });
    expect(response.status).toBe(201);
  }
  return site;
}

const MINUTE = 60_000;
let clock = Date.UTC(2030, 0, 1);
/** A run's time: later than every earlier run of this file. */
const later = (ms = 0) => (clock += ms + MINUTE);

describe('probe', () => {
  const cases: [path: string, answers: boolean][] = [
    ['/status/200', true],
    ['/status/204', true],
    ['/redirect', true],
    ['/no-head', true],
    ['/status/403', true],
    ['/status/404', false],
    ['/status/410', false],
    ['/status/500', false],
    ['/status/503', false],
  ];
  it.each(cases)('%s answers: %s', async (path, answers) => {
    expect(await probe(at(path), fetch, 2000)).toBe(answers);
  });

  it('tries HEAD first and falls back to GET', async () => {
    expect(await probe(at('/no-head'))).toBe(true);
    expect(await requestsTo('/no-head')).toEqual(expect.arrayContaining(['HEAD', 'GET']));
    const before = (await requestsTo('/status/204')).length;
    await probe(at('/status/204'));
    // a HEAD that answers is enough
    expect((await requestsTo('/status/204')).slice(before)).toEqual(['HEAD']);
  });

  it('falls back to GET when HEAD does not answer in time', async () => {
    expect(await probe(at('/head-hangs'), fetch, 300)).toBe(true);
    expect(await requestsTo('/head-hangs')).toEqual(['HEAD', 'GET']);
  });

  it('gives up on a server that does not answer in time', async () => {
    const started = Date.now();
    expect(await probe(at('/hang'), fetch, 300)).toBe(false);
    // HEAD and GET, each stopped by the timeout
    expect(Date.now() - started).toBeLessThan(3000);
  });
});

describe('checkLinks', () => {
  it('marks a link broken after two failed checks in a row, and ok again once it answers', async () => {
    const site = await siteWithLinks('/switch/agency-moves', '/status/200');
    await setSwitch('agency-moves', 200);
    let now = later();
    // and names the sites where a link's health changed (unknown → ok), whose cached directories the Cron Trigger then refreshes
    expect(await checkLinks(env.DB, { now })).toEqual({ checked: 2, failed: 0, sites: [site.id] });
    expect((await healthOf(site)).map((row) => [row.health, row.failures])).toEqual([
      ['ok', 0],
      ['ok', 0],
    ]);
    const [checked] = await healthOf(site);
    expect(checked!.checked_at).toBe(Math.floor(now / 1000));
    expect(checked!.due_at).toBe(Math.floor(now / 1000) + RECHECK_SECONDS.answered);
    const admin = await (await adminCall(site, 'GET', '/links/export')).json<{ categories: { links: { checkedAt: string }[] }[] }>();
    expect(admin.categories[0]!.links[0]!.checkedAt).toBe(new Date(Math.floor(now / 1000) * 1000).toISOString());

    // the agency's site goes down: one failure is not enough to call it broken
    await setSwitch('agency-moves', 503);
    now = later(RECHECK_SECONDS.answered * 1000);
    // no link's health changed: no site named, so no cache is passed over
    expect(await checkLinks(env.DB, { now })).toEqual({ checked: 2, failed: 1, sites: [] });
    let [row] = await healthOf(site);
    expect([row!.health, row!.failures]).toEqual(['ok', 1]);
    // a failed link is checked again sooner
    expect(row!.due_at).toBe(Math.floor(now / 1000) + RECHECK_SECONDS.failed);

    // not due yet: nothing is checked
    expect(await checkLinks(env.DB, { now: later() })).toMatchObject({ checked: 0, failed: 0 });

    // the second failure in a row: broken
    now = later(RECHECK_SECONDS.failed * 1000);
    expect(await checkLinks(env.DB, { now })).toEqual({ checked: 1, failed: 1, sites: [site.id] });
    [row] = await healthOf(site);
    expect([row!.health, row!.failures]).toEqual(['broken', 2]);
    // and readers' widgets learn it
    const { categories } = await (await api(`/api/v1/sites/${site.slug}/links`)).json<LinkDirectory>();
    expect(categories[0]!.links.map((link) => link.health)).toEqual(['broken', 'ok']);

    // it answers again: ok at once
    await setSwitch('agency-moves', 200);
    now = later(RECHECK_SECONDS.failed * 1000);
    expect(await checkLinks(env.DB, { now })).toEqual({ checked: 1, failed: 0, sites: [site.id] });
    [row] = await healthOf(site);
    expect([row!.health, row!.failures]).toEqual(['ok', 0]);
  });

  it('resets the count when a failure is followed by an answer', async () => {
    const site = await siteWithLinks('/switch/flaky');
    for (const status of [500, 200, 500]) {
      await setSwitch('flaky', status);
      await rows('UPDATE links SET due_at = 0 WHERE site_id = ?1', site.id);
      await checkLinks(env.DB, { now: later() });
    }
    expect((await healthOf(site)).map((row) => [row.health, row.failures])).toEqual([['ok', 1]]);
  });

  it('checks at most `limit` links a run, those waiting longest first', async () => {
    const site = await siteWithLinks('/status/200?a', '/status/200?b', '/status/200?c', '/status/200?d', '/status/200?e');
    await rows('UPDATE links SET due_at = 100 - id WHERE site_id = ?1', site.id);
    expect(await checkLinks(env.DB, { now: later(), limit: 2 })).toMatchObject({ checked: 2, failed: 0 });
    expect((await healthOf(site)).map((row) => row.health)).toEqual(['unknown', 'unknown', 'unknown', 'ok', 'ok']);
    expect(await checkLinks(env.DB, { now: later(), limit: 2 })).toMatchObject({ checked: 2, failed: 0 });
    expect(await checkLinks(env.DB, { now: later(), limit: 2 })).toMatchObject({ checked: 1, failed: 0 });
    expect((await healthOf(site)).every((row) => row.health === 'ok')).toBe(true);
  });

  it('counts a server that does not answer in time as a failure', async () => {
    const site = await siteWithLinks('/hang');
    expect(await checkLinks(env.DB, { now: later(), timeoutMs: 200 })).toMatchObject({ checked: 1, failed: 1 });
    expect((await healthOf(site))[0]).toMatchObject({ health: 'unknown', failures: 1 });
  });

  it('leaves a link whose URL the admin changed during the check for its next check', async () => {
    const site = await siteWithLinks('/status/404');
    const [link] = await rows<{ id: number }>('SELECT id FROM links WHERE site_id = ?1', site.id);
    // the admin fixes the URL while the check of the old one is under way
    const slowFetch: typeof fetch = async (input, init) => {
      await adminCall(site, 'PATCH', `/links/${link!.id}`, { url: at('/status/200') });
      return fetch(input, init);
    };
    await rows(`UPDATE links SET failures = 1 WHERE site_id = ?1`, site.id);
    await checkLinks(env.DB, { now: later(), fetcher: slowFetch });
    expect((await healthOf(site))[0]).toMatchObject({ url: at('/status/200'), health: 'unknown', failures: 0, due_at: 0 });
  });

  it('forgets clicks once their 30 minutes are over', async () => {
    const site = await siteWithLinks('/status/200');
    const [link] = await rows<{ id: number }>('SELECT id FROM links WHERE site_id = ?1', site.id);
    const now = later();
    const seconds = Math.floor(now / 1000);
    for (const [key, age] of [
      ['old', 31 * 60],
      ['recent', 29 * 60],
    ] as const) {
      await rows('INSERT INTO link_clicks (site_id, link_id, reader_key, clicked_at) VALUES (?1, ?2, ?3, ?4)', site.id, link!.id, key, seconds - age);
    }
    await checkLinks(env.DB, { now });
    expect(await rows('SELECT reader_key FROM link_clicks WHERE site_id = ?1', site.id)).toEqual([{ reader_key: 'recent' }]);
  });
});

describe('the Cron Trigger', () => {
  it('checks due links on its schedule', async () => {
    const site = await siteWithLinks('/status/200?cron', '/status/410?cron');
    const controller = createScheduledController({ scheduledTime: later(), cron: '*/15 * * * *' });
    await worker.scheduled(controller, env);
    expect((await healthOf(site)).map((row) => [row.health, row.failures])).toEqual([
      ['ok', 0],
      ['unknown', 1],
    ]);
  });
});
