// The Cron Trigger across sites: a failing feed is that feed's problem only (the run goes on, the
// feed backs off), feeds and link checks are dealt fairly across sites, quotas hold, and no feed
// or link may point the worker at a private address. With the feeds queue bound, the run books the
// due feeds and sends them to it, and the queue's consumer imports them.
import { createExecutionContext, createMessageBatch, createScheduledController, getQueueResult } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, inject, it } from 'vitest';
import type { Feed } from '@civic-widgets/contract';
import { backoffSeconds } from '../../worker/src/db/feeds.js';
import { syncDueFeeds, type FeedMessage } from '../../worker/src/lib/feed-import.js';
import { checkLinks } from '../../worker/src/lib/link-health.js';
import { privateTargetReason } from '../../worker/src/lib/targets.js';
import worker from '../../worker/src/index.js';
import type { FeedRequest } from './feed-log.js';
import { adminApi, createSite, errorJson, rows, type TestSite, WORKER } from './helpers.js';

const fixture = inject('fixtureOrigin');
let paths = 0;
async function serve(body: string) {
  const path = `/sched-${++paths}-${Date.now()}.rss`;
  await fetch(`http://feeds.test${path}`, { method: 'PUT', body });
  return `http://feeds.test${path}`;
}
const fetchesOf = async (url: string) =>
  ((await (await fetch('http://feeds.test/__log')).json()) as FeedRequest[]).filter((entry) => entry.path === new URL(url).pathname).length;

const rss = (...guids: string[]) =>
  `<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><link>https://portal.test/</link>${guids
    .map((guid) => `<item><title>Tin ${guid}</title><link>https://portal.test/${guid}.html</link><guid>${guid}</guid></item>`)
    .join('')}</channel></rss>`;

async function register(site: TestSite, url: string) {
  const response = await adminApi(site, 'POST', '/feeds', { url });
  expect(response.status).toBe(201);
  return response.json<Feed>();
}

async function addLink(site: TestSite, url: string) {
  if ((await rows('SELECT 1 FROM link_categories WHERE site_id = ?1', site.id)).length === 0) {
    expect((await adminApi(site, 'POST', '/links/categories', { slug: 'lien-ket', title: 'Liên kết' })).status).toBe(201);
  }
  const response = await adminApi(site, 'POST', '/links', { category: 'lien-ket', title: 'Sở', url });
  expect(response.status).toBe(201);
  return (await response.json<{ id: number }>()).id;
}

/** Only what the test sets up is due: every earlier test's feeds and links are put far ahead. */
async function parkEverything() {
  await rows('UPDATE feeds SET next_attempt_at = 99999999999');
  await rows('UPDATE links SET due_at = 99999999999');
}

const keysOf = async (site: TestSite) =>
  (await rows<{ external_key: string }>('SELECT external_key FROM articles WHERE site_id = ?1 ORDER BY external_key', site.id)).map((row) => row.external_key);
const feedRow = (id: number) =>
  rows<{ status: string; failures: number; fetched_at: number; next_attempt_at: number; error: string | null }>(
    'SELECT status, failures, fetched_at, next_attempt_at, error FROM feeds WHERE id = ?1',
    id,
  ).then((list) => list[0]!);

/** Makes D1 fail while writing the article keyed `key` (mid-batch, after the items before it). */
async function poison(key: string) {
  await env.DB.prepare(
    `CREATE TRIGGER IF NOT EXISTS poison_${key.replace(/\W/g, '_')} BEFORE INSERT ON articles WHEN new.external_key = '${key}' BEGIN SELECT RAISE(ABORT, 'simulated disk failure'); END`,
  ).run();
}

/** A Cron run; without the feeds queue (as a deployment that has not created it) unless `bindings` gives one. */
const scheduled = (scheduledTime: number, bindings: Partial<typeof env> = {}) =>
  worker.scheduled(createScheduledController({ scheduledTime, cron: '*/15 * * * *' }), { ...env, FEED_QUEUE: undefined, ...bindings });

describe('one scheduled run', () => {
  it('goes on past a feed whose import fails: another site’s feed and a link check still run, and the bad feed backs off', async () => {
    await parkEverything();
    const bad = await createSite();
    const good = await createSite();
    const poisoned = `poison-${Date.now()}`;
    await poison(poisoned);
    const badFeed = await register(bad, await serve(rss('ok-1', poisoned)));
    await register(good, await serve(rss('good-1', 'good-2')));
    const linkId = await addLink(good, `${fixture}/status/200`);

    const now = Date.now();
    await scheduled(now);

    // the bad feed's batch rolled back whole, and its failure is on the feed, with its back-off
    expect(await keysOf(bad)).toEqual([]);
    const first = await feedRow(badFeed.id);
    expect(first).toMatchObject({ status: 'error', failures: 1, error: 'The import could not be saved; it will be tried again.' });
    expect(first.next_attempt_at - first.fetched_at).toBe(backoffSeconds(1));
    expect(backoffSeconds(1)).toBe(15 * 60);
    // the other site's feed and link were not held up
    expect(await keysOf(good)).toEqual(['good-1', 'good-2']);
    expect((await rows('SELECT health, checked_at FROM links WHERE id = ?1', linkId))[0]).toEqual({ health: 'ok', checked_at: Math.floor(now / 1000) });

    // before its back-off is over, the next run leaves it alone …
    const fetches = await fetchesOf(badFeed.url);
    await scheduled(now + 11 * 60_000);
    expect(await fetchesOf(badFeed.url)).toBe(fetches);
    // … after it, the feed is tried again; failing again doubles the wait
    await scheduled((first.next_attempt_at + 1) * 1000);
    expect(await fetchesOf(badFeed.url)).toBe(fetches + 1);
    const second = await feedRow(badFeed.id);
    expect(second.failures).toBe(2);
    expect(second.next_attempt_at - second.fetched_at).toBe(30 * 60);
    expect(backoffSeconds(20)).toBe(24 * 3600);
  });

  it('gives up on a feed that does not answer in time, backs it off, and still imports the next site’s feed', async () => {
    await parkEverything();
    const slow = await createSite();
    const next = await createSite();
    const hanging = await register(slow, 'http://feeds.test/hang');
    await register(next, await serve(rss('after-the-slow-one')));
    const started = Date.now();
    const { synced } = await syncDueFeeds(env.DB, { timeoutMs: 300 });
    expect(Date.now() - started).toBeLessThan(3000);
    expect(synced.map((result) => result.feed.status)).toEqual(['error', 'ok']);
    expect(await feedRow(hanging.id)).toMatchObject({ status: 'error', failures: 1, error: 'No answer within 0.3 s.' });
    expect(await keysOf(next)).toEqual(['after-the-slow-one']);
  });

  it('backs off a feed that answers with an error, and forgets its failures once it answers', async () => {
    await parkEverything();
    const site = await createSite();
    const feed = await register(site, 'http://feeds.test/status/503');
    await scheduled(Date.now());
    expect(await feedRow(feed.id)).toMatchObject({ status: 'error', failures: 1, error: 'The feed answered HTTP 503.' });
    await rows('UPDATE feeds SET url = ?2, fetched_at = 0, next_attempt_at = 0 WHERE id = ?1', feed.id, await serve(rss('back-1')));
    await scheduled(Date.now());
    const row = await feedRow(feed.id);
    expect(row).toMatchObject({ status: 'ok', failures: 0, error: null });
    expect(row.next_attempt_at - row.fetched_at).toBe(600);
    const listed = (await (await adminApi(site, 'GET', '/feeds')).json<{ items: Feed[] }>()).items[0]!;
    expect(listed).toMatchObject({ failures: 0, nextAttemptAt: new Date(row.next_attempt_at * 1000).toISOString() });
  });

  it('leaves a feed backed off even when the run dies on it before anything is recorded', async () => {
    await parkEverything();
    const killer = await createSite();
    const other = await createSite();
    const feed = await register(killer, await serve(rss('never-stored')));
    await register(other, await serve(rss('other-1')));
    // the run "dies" on this feed: neither its outcome nor the fallback record can be written
    await env.DB.prepare(
      `CREATE TRIGGER freeze_${feed.id} BEFORE UPDATE OF status ON feeds WHEN new.id = ${feed.id} BEGIN SELECT RAISE(ABORT, 'the invocation was ended'); END`,
    ).run();
    const now = Date.now();
    try {
      await scheduled(now);
    } finally {
      await env.DB.prepare(`DROP TRIGGER freeze_${feed.id}`).run();
    }
    const row = await feedRow(feed.id);
    expect(row).toMatchObject({ status: 'new', failures: 1 });
    expect(row.next_attempt_at).toBeGreaterThanOrEqual(Math.floor(now / 1000) + backoffSeconds(1));
    // so the next run does not pick it first again
    const fetches = await fetchesOf(feed.url);
    await scheduled(now + 60_000);
    expect(await fetchesOf(feed.url)).toBe(fetches);
    expect(await keysOf(other)).toEqual(['other-1']);
  });

  it('still cleans up click keys and checks links when the feeds step fails outright', async () => {
    await parkEverything();
    const site = await createSite();
    const linkId = await addLink(site, `${fixture}/status/200`);
    await rows("INSERT INTO link_clicks (site_id, link_id, reader_key, clicked_at) VALUES (?1, ?2, 'old-reader', 1)", site.id, linkId);
    await env.DB.prepare('ALTER TABLE feeds RENAME TO feeds_away').run();
    try {
      await scheduled(Date.now());
    } finally {
      await env.DB.prepare('ALTER TABLE feeds_away RENAME TO feeds').run();
    }
    expect(await rows('SELECT reader_key FROM link_clicks WHERE link_id = ?1', linkId)).toEqual([]);
    expect((await rows<{ health: string }>('SELECT health FROM links WHERE id = ?1', linkId))[0]!.health).toBe('ok');
  });
});

describe('fair picking across sites', () => {
  it('gives a site with one due feed its turn beside a site with many', async () => {
    await parkEverything();
    const busy = await createSite();
    const quiet = await createSite();
    for (let i = 0; i < 5; i++) await register(busy, await serve(rss(`busy-${i}`)));
    await register(quiet, await serve(rss('quiet-1')));
    const { synced } = await syncDueFeeds(env.DB, { limit: 2 });
    expect(synced.map((result) => result.feed.id).length).toBe(2);
    expect(await keysOf(quiet)).toEqual(['quiet-1']);
    expect((await keysOf(busy)).length).toBe(1);
  });

  it('checks a site’s one due link beside another site’s many older ones', async () => {
    await parkEverything();
    const busy = await createSite();
    const quiet = await createSite();
    for (let i = 0; i < 5; i++) await addLink(busy, `${fixture}/status/200?busy=${i}`);
    const quietLink = await addLink(quiet, `${fixture}/status/200?quiet`);
    // the busy site's links have waited longest
    await rows('UPDATE links SET due_at = 10 WHERE site_id = ?1', busy.id);
    await rows('UPDATE links SET due_at = 20 WHERE site_id = ?1', quiet.id);
    const now = Date.now();
    expect(await checkLinks(env.DB, { now, limit: 2, allowPrivate: true })).toEqual({ checked: 2, failed: 0, sites: [busy.id, quiet.id] });
    expect((await rows<{ checked_at: number | null }>('SELECT checked_at FROM links WHERE id = ?1', quietLink))[0]!.checked_at).toBe(Math.floor(now / 1000));
    expect((await rows('SELECT id FROM links WHERE site_id = ?1 AND checked_at IS NOT NULL', busy.id)).length).toBe(1);
  });
});

describe('quotas', () => {
  it('refuses a feed beyond the site’s quota with 409 JSON, and stores nothing', async () => {
    const site = await createSite();
    await rows('UPDATE sites SET feed_quota = 2 WHERE id = ?1', site.id);
    await register(site, 'http://feeds.test/nukeviet.rss');
    await register(site, 'http://feeds.test/portal.rss');
    const response = await adminApi(site, 'POST', '/feeds', { url: 'http://feeds.test/district.atom' });
    expect(response.status).toBe(409);
    expect((await errorJson(response)).error).toMatchObject({ code: 'conflict', message: expect.stringContaining('quota of feeds') });
    expect((await rows('SELECT url FROM feeds WHERE site_id = ?1', site.id)).length).toBe(2);
    // the default quota is twenty
    const other = await createSite();
    expect((await rows<{ feed_quota: number; link_quota: number }>('SELECT feed_quota, link_quota FROM sites WHERE id = ?1', other.id))[0]).toEqual({
      feed_quota: 20,
      link_quota: 2000,
    });
  });

  it('refuses links beyond the quota, one at a time or by import, and an import over it writes nothing', async () => {
    const site = await createSite();
    await rows('UPDATE sites SET link_quota = 2 WHERE id = ?1', site.id);
    await addLink(site, 'https://so-a.example.gov.vn/');
    await addLink(site, 'https://so-b.example.gov.vn/');
    const one = await adminApi(site, 'POST', '/links', { category: 'lien-ket', title: 'Sở C', url: 'https://so-c.example.gov.vn/' });
    expect(one.status).toBe(409);
    expect((await errorJson(one)).error.message).toContain('quota of links');
    const file = { categories: [{ slug: 'moi', title: 'Mới', links: [{ title: 'Sở D', url: 'https://so-d.example.gov.vn/' }] }] };
    const imported = await adminApi(site, 'POST', '/links/import', file);
    expect(imported.status).toBe(409);
    // all or nothing: not even the import's new category
    expect(await rows('SELECT slug FROM link_categories WHERE site_id = ?1', site.id)).toEqual([{ slug: 'lien-ket' }]);
    expect((await rows('SELECT id FROM links WHERE site_id = ?1', site.id)).length).toBe(2);
    // updating links it has is no new link
    expect(
      (
        await adminApi(site, 'POST', '/links/import', {
          categories: [{ slug: 'lien-ket', title: 'Liên kết', links: [{ title: 'Sở A mới', url: 'https://so-a.example.gov.vn/' }] }],
        })
      ).status,
    ).toBe(200);
  });
});

describe('private targets', () => {
  const PRIVATE = [
    'http://127.0.0.1/feed.rss',
    'http://127.1/feed.rss',
    'http://2130706433/feed.rss',
    'http://0x7f000001/feed.rss',
    'http://0177.0.0.1/feed.rss',
    'http://localhost:8080/feed.rss',
    'http://api.localhost/feed.rss',
    'http://10.1.2.3/rss',
    'http://172.16.5.4/rss',
    'http://192.168.1.1/rss',
    'http://100.64.0.1/rss',
    'http://169.254.169.254/latest/meta-data/',
    'http://0.0.0.0/',
    'http://[::1]/rss',
    'http://[::]/rss',
    'http://[::ffff:127.0.0.1]/rss',
    'http://[::ffff:a9fe:a9fe]/rss',
    'http://[fd00::1]/rss',
    'http://[fe80::1]/rss',
    'http://[64:ff9b::10.0.0.1]/rss',
    'http://[2002:c0a8:101::1]/rss',
    'http://intranet/rss',
  ];
  const PUBLIC = ['https://thainguyen.gov.vn/rss', 'http://8.8.8.8/', 'http://[2001:4860:4860::8888]/', 'http://feeds.test/x.rss', 'http://[::ffff:808:808]/'];

  it('knows loopback, private, link-local and unique-local addresses in every form the URL parser accepts', () => {
    for (const url of PRIVATE) expect({ url, refused: privateTargetReason(url) !== null }).toEqual({ url, refused: true });
    for (const url of PUBLIC) expect({ url, refused: privateTargetReason(url) }).toEqual({ url, refused: null });
  });

  /** The whole worker as deployed: without the local setup's ALLOW_PRIVATE_TARGETS. */
  const deployed = { ...env, ALLOW_PRIVATE_TARGETS: undefined };
  const call = (site: TestSite, method: string, path: string, body: unknown) =>
    worker.fetch(
      new Request(`${WORKER}/api/v1/sites/${site.slug}${path}`, {
        method,
        headers: { Authorization: `Bearer ${site.token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      }),
      deployed,
      createExecutionContext(),
    );

  it('refuses to register a feed or a link at a private address (400 JSON), and writes nothing', async () => {
    const site = await createSite();
    await adminApi(site, 'POST', '/links/categories', { slug: 'lien-ket', title: 'Liên kết' });
    for (const url of PRIVATE) {
      const feed = await call(site, 'POST', '/feeds', { url });
      expect({ url, status: feed.status }).toEqual({ url, status: 400 });
      expect((await errorJson(feed)).error.issues).toEqual([{ path: 'url', message: expect.stringContaining('loopback, private or link-local') }]);
      const link = await call(site, 'POST', '/links', { category: 'lien-ket', title: 'Nội bộ', url });
      expect({ url, status: link.status }).toEqual({ url, status: 400 });
    }
    const imported = await call(site, 'POST', '/links/import', {
      categories: [
        {
          slug: 'noi-bo',
          title: 'Nội bộ',
          links: [
            { title: 'A', url: 'https://so-a.example.gov.vn/' },
            { title: 'B', url: 'http://10.0.0.8/' },
          ],
        },
      ],
    });
    expect(imported.status).toBe(400);
    expect((await errorJson(imported)).error.issues).toEqual([{ path: 'categories.0.links.1.url', message: expect.any(String) }]);
    expect(await rows('SELECT url FROM feeds WHERE site_id = ?1', site.id)).toEqual([]);
    expect(await rows('SELECT url FROM links WHERE site_id = ?1', site.id)).toEqual([]);
    // a public address is fine, and a link may not be moved to a private one
    expect((await call(site, 'POST', '/feeds', { url: 'http://feeds.test/nukeviet.rss' })).status).toBe(201);
    const created = await call(site, 'POST', '/links', { category: 'lien-ket', title: 'Sở', url: 'https://so.example.gov.vn/' });
    expect(created.status).toBe(201);
    const { id } = await created.json<{ id: number }>();
    expect((await call(site, 'PATCH', `/links/${id}`, { url: 'http://[::1]/' })).status).toBe(400);
  });

  it('does not fetch a private address, nor follow a redirect to one, when importing or checking', async () => {
    await parkEverything();
    const site = await createSite();
    // rows written before the rule (or straight into D1) are refused at fetch time too
    const direct = await rows<{ id: number }>("INSERT INTO feeds (site_id, url) VALUES (?1, 'http://127.0.0.1:9/feed.rss') RETURNING id", site.id);
    const redirected = await register(site, `http://feeds.test/redirect?to=${encodeURIComponent(`${fixture}/status/200`)}`);
    const linkId = await addLink(site, `${fixture}/status/200`);
    await scheduled(Date.now(), { ALLOW_PRIVATE_TARGETS: undefined });
    expect(await feedRow(direct[0]!.id)).toMatchObject({ status: 'error', error: expect.stringMatching(/^Refused: the address 127\.0\.0\.1 is a loopback/) });
    expect(await feedRow(redirected.id)).toMatchObject({ status: 'error', error: expect.stringMatching(/^Refused: the address 127\.0\.0\.1/) });
    // the link check does not reach the private server: a failure, not an answer
    expect((await rows('SELECT failures, health FROM links WHERE id = ?1', linkId))[0]).toEqual({ failures: 1, health: 'unknown' });
  });
});

/** A stand-in for the feeds queue's producer that keeps what the Cron sent, one array per sendBatch call. */
function recordingQueue() {
  const calls: FeedMessage[][] = [];
  const queue = {
    send: async (body: FeedMessage) => void calls.push([body]),
    sendBatch: async (messages: Iterable<MessageSendRequest<FeedMessage>>) => void calls.push([...messages].map((message) => message.body)),
  } as unknown as Queue<FeedMessage>;
  return { queue, calls, sent: () => calls.flat() };
}

let messageIds = 0;
/** Hands `bodies` to the worker's queue() handler as one batch; resolves with which messages were acked and which retried. */
async function consume(bodies: FeedMessage[], bindings: Partial<typeof env> = {}) {
  const batch = createMessageBatch<FeedMessage>(
    'civic-widgets-feeds',
    bodies.map((body) => ({ id: `m-${++messageIds}`, timestamp: new Date(), attempts: 1, body })),
  );
  const ctx = createExecutionContext();
  await worker.queue(batch, { ...env, ...bindings });
  const result = await getQueueResult(batch, ctx);
  const ids = batch.messages.map((message) => message.id);
  return {
    acked: ids.filter((id) => result.ackAll || result.explicitAcks.includes(id)).length,
    retried: ids.filter((id) => result.retryBatch.retry || result.retryMessages.some((retry: { msgId: string }) => retry.msgId === id)).length,
  };
}

const generationOf = async (site: TestSite) => (await rows<{ g: number }>('SELECT content_generation AS g FROM sites WHERE id = ?1', site.id))[0]!.g;

/** A Cron run with the recording queue: books the due feeds and resolves with what it sent. */
async function enqueueDue(now = Date.now()) {
  const recorder = recordingQueue();
  await scheduled(now, { FEED_QUEUE: recorder.queue });
  return recorder;
}

describe('the feeds queue: the Cron run', () => {
  it('sends the due feeds, fairly across sites, books each attempt, and fetches none itself; the next run does not send them again', async () => {
    await parkEverything();
    const busy = await createSite();
    const quiet = await createSite();
    const busyFeeds: Feed[] = [];
    for (let i = 0; i < 4; i++) busyFeeds.push(await register(busy, await serve(rss(`q-busy-${i}`))));
    const quietFeed = await register(quiet, await serve(rss('q-quiet')));
    const now = Date.now();
    const { sent, calls } = await enqueueDue(now);

    // every due feed once, with only its ids; the quiet site's one feed among the first two
    expect(sent()).toHaveLength(5);
    expect(new Set(sent().map((message) => message.feedId))).toEqual(new Set([...busyFeeds, quietFeed].map((feed) => feed.id)));
    expect(sent().find((message) => message.feedId === quietFeed.id)).toEqual({ feedId: quietFeed.id, siteId: quiet.id });
    expect(
      sent()
        .slice(0, 2)
        .map((message) => message.siteId)
        .sort(),
    ).toEqual([busy.id, quiet.id].sort());
    expect(calls).toHaveLength(1);
    // booked: each backed off as if failed once, nothing fetched nor imported yet
    for (const feed of [...busyFeeds, quietFeed]) {
      const row = await feedRow(feed.id);
      expect(row).toMatchObject({ status: 'new', failures: 1, fetched_at: 0 });
      expect(row.next_attempt_at).toBeGreaterThanOrEqual(Math.floor(now / 1000) + backoffSeconds(1));
      expect(await fetchesOf(feed.url)).toBe(0);
    }
    expect(await keysOf(busy)).toEqual([]);
    // the next run, a minute later, finds them booked
    expect((await enqueueDue(now + 60_000)).sent()).toEqual([]);
  });

  it('keeps a run’s limit fair: a site with one due feed is sent beside a site with many', async () => {
    await parkEverything();
    const busy = await createSite();
    const quiet = await createSite();
    for (let i = 0; i < 5; i++) await register(busy, await serve(rss(`l-busy-${i}`)));
    const quietFeed = await register(quiet, await serve(rss('l-quiet')));
    const recorder = recordingQueue();
    const report = await syncDueFeeds(env.DB, { queue: recorder.queue, limit: 2 });
    expect(report).toMatchObject({ queued: 2, synced: [] });
    expect(
      recorder
        .sent()
        .map((message) => message.siteId)
        .sort(),
    ).toEqual([busy.id, quiet.id].sort());
    expect(recorder.sent()).toContainEqual({ feedId: quietFeed.id, siteId: quiet.id });
  });

  it('books a feed still waiting in the queue again without counting a failure, and fails it once when its fetch fails', async () => {
    await parkEverything();
    const site = await createSite();
    const feed = await register(site, await serve('nothing like a feed'));
    const now = Date.now();
    // three runs, 15 minutes apart, while the consumer is behind: sent each time its booking ran out
    for (let run = 0; run < 3; run++) {
      const { sent } = await enqueueDue(now + run * (backoffSeconds(1) + 1) * 1000);
      expect(sent(), `run ${run}`).toEqual([{ feedId: feed.id, siteId: site.id }]);
      expect((await feedRow(feed.id)).failures, `run ${run}`).toBe(1);
    }
    // the fetch fails: one failure, as for a feed fetched at once
    expect(await consume([{ feedId: feed.id, siteId: site.id }])).toEqual({ acked: 1, retried: 0 });
    expect(await feedRow(feed.id)).toMatchObject({ status: 'error', failures: 1 });
  });

  it('puts the feeds back as they were when the queue refuses them', async () => {
    await parkEverything();
    const site = await createSite();
    const feed = await register(site, await serve(rss('q-refused')));
    const before = await feedRow(feed.id);
    const refusing = { sendBatch: async () => Promise.reject(new Error('Queue send failed')) } as unknown as Queue<FeedMessage>;
    await expect(syncDueFeeds(env.DB, { queue: refusing })).rejects.toThrow('Queue send failed');
    const after = await feedRow(feed.id);
    expect({ failures: after.failures, next: after.next_attempt_at }).toEqual({ failures: before.failures, next: before.next_attempt_at });
    // and the next run sends it
    expect((await enqueueDue()).sent()).toEqual([{ feedId: feed.id, siteId: site.id }]);
  });

  it('sends at most 100 messages per sendBatch call', async () => {
    await parkEverything();
    const sites = [await createSite(), await createSite(), await createSite()];
    for (const site of sites) {
      await rows('UPDATE sites SET feed_quota = 100 WHERE id = ?1', site.id);
      for (let i = 0; i < 50; i++) await rows('INSERT INTO feeds (site_id, url) VALUES (?1, ?2)', site.id, `https://portal.test/many-${site.id}-${i}.rss`);
    }
    const { calls, sent } = await enqueueDue();
    expect(calls.map((call) => call.length)).toEqual([100, 50]);
    expect(new Set(sent().map((message) => message.feedId)).size).toBe(150);
    expect(await rows('SELECT id FROM feeds WHERE site_id IN (?1, ?2, ?3) AND failures = 1', ...sites.map((site) => site.id))).toHaveLength(150);
  });
});

describe('the feeds queue: the consumer', () => {
  it('imports a message’s feed into D1, acks it, and bumps the content generation of the site whose articles changed', async () => {
    await parkEverything();
    const site = await createSite();
    const still = await createSite();
    const feed = await register(site, await serve(rss('c-1', 'c-2')));
    const { sent } = await enqueueDue();
    expect(sent()).toEqual([{ feedId: feed.id, siteId: site.id }]);
    const [before, stillBefore] = [await generationOf(site), await generationOf(still)];

    expect(await consume(sent())).toEqual({ acked: 1, retried: 0 });
    expect(await keysOf(site)).toEqual(['c-1', 'c-2']);
    const row = await feedRow(feed.id);
    // the booked failure is overwritten by the answer
    expect(row).toMatchObject({ status: 'ok', failures: 0, error: null });
    expect(row.next_attempt_at - row.fetched_at).toBe(600);
    expect(await generationOf(site)).toBe(before + 1);
    expect(await generationOf(still)).toBe(stillBefore);

    // delivered again (queues deliver at least once): the feed was read since its booking, nothing more is done
    const fetches = await fetchesOf(feed.url);
    expect(await consume(sent())).toEqual({ acked: 1, retried: 0 });
    expect(await fetchesOf(feed.url)).toBe(fetches);
    expect(await generationOf(site)).toBe(before + 1);
  });

  it('acks a failing feed, records its error and backs it off once (the booking is not counted twice)', async () => {
    await parkEverything();
    const site = await createSite();
    const feed = await register(site, 'http://feeds.test/status/503');
    const before = await generationOf(site);
    const { sent } = await enqueueDue();
    expect(await consume(sent())).toEqual({ acked: 1, retried: 0 });
    const row = await feedRow(feed.id);
    expect(row).toMatchObject({ status: 'error', failures: 1, error: 'The feed answered HTTP 503.' });
    expect(row.next_attempt_at - row.fetched_at).toBe(backoffSeconds(1));
    expect(await generationOf(site)).toBe(before);
  });

  it('acks a feed deleted since it was sent, fetching and writing nothing', async () => {
    await parkEverything();
    const site = await createSite();
    const feed = await register(site, await serve(rss('gone-1')));
    const { sent } = await enqueueDue();
    expect((await adminApi(site, 'DELETE', `/feeds/${feed.id}`)).status).toBe(204);
    expect(await consume(sent())).toEqual({ acked: 1, retried: 0 });
    expect(await fetchesOf(feed.url)).toBe(0);
    expect(await keysOf(site)).toEqual([]);
    expect(await rows('SELECT id FROM feeds WHERE id = ?1', feed.id)).toEqual([]);
  });

  it('acks a message that names no feed, writing nothing, rather than retrying it for ever', async () => {
    await parkEverything();
    const site = await createSite();
    const feed = await register(site, await serve(rss('not-named')));
    await enqueueDue();
    const bad = [{ feedId: String(feed.id), siteId: site.id }, { siteId: site.id }, null, { feedId: feed.id, siteId: 1.5 }] as unknown as FeedMessage[];
    expect(await consume(bad)).toEqual({ acked: 4, retried: 0 });
    expect(await fetchesOf(feed.url)).toBe(0);
    expect(await feedRow(feed.id)).toMatchObject({ status: 'new', failures: 1 });
  });

  it('imports the feed’s current URL when it changed since it was sent', async () => {
    await parkEverything();
    const site = await createSite();
    const feed = await register(site, await serve(rss('old-url')));
    const { sent } = await enqueueDue();
    const moved = await serve(rss('new-url'));
    await rows('UPDATE feeds SET url = ?2 WHERE id = ?1', feed.id, moved);
    expect(await consume(sent())).toEqual({ acked: 1, retried: 0 });
    expect(await keysOf(site)).toEqual(['new-url']);
    expect(await fetchesOf(feed.url)).toBe(0);
  });

  it('retries the messages while D1 fails, writing nothing, and imports them once it is back', async () => {
    await parkEverything();
    const site = await createSite();
    const feed = await register(site, await serve(rss('d1-1')));
    const { sent } = await enqueueDue();
    // D1 refuses every write to this feed: neither its import nor its failure can be recorded
    await env.DB.prepare(
      `CREATE TRIGGER down_${feed.id} BEFORE UPDATE OF status ON feeds WHEN new.id = ${feed.id} BEGIN SELECT RAISE(ABORT, 'D1 is unavailable'); END`,
    ).run();
    try {
      expect(await consume(sent())).toEqual({ acked: 0, retried: 1 });
    } finally {
      await env.DB.prepare(`DROP TRIGGER down_${feed.id}`).run();
    }
    expect(await keysOf(site)).toEqual([]);
    expect(await feedRow(feed.id)).toMatchObject({ status: 'new', failures: 1 });
    // the feeds table cannot even be read: retried too
    await env.DB.prepare('ALTER TABLE feeds RENAME TO feeds_away').run();
    try {
      expect(await consume(sent())).toEqual({ acked: 0, retried: 1 });
    } finally {
      await env.DB.prepare('ALTER TABLE feeds_away RENAME TO feeds').run();
    }
    // the retried message imports it
    expect(await consume(sent())).toEqual({ acked: 1, retried: 0 });
    expect(await keysOf(site)).toEqual(['d1-1']);
  });

  it('acks a feed whose articles D1 refused while its failure could be recorded: the feed backs off', async () => {
    await parkEverything();
    const site = await createSite();
    const poisoned = `q-poison-${Date.now()}`;
    await poison(poisoned);
    const feed = await register(site, await serve(rss('q-ok', poisoned)));
    const { sent } = await enqueueDue();
    expect(await consume(sent())).toEqual({ acked: 1, retried: 0 });
    expect(await keysOf(site)).toEqual([]);
    const row = await feedRow(feed.id);
    expect(row).toMatchObject({ status: 'error', failures: 1, error: 'The import could not be saved; it will be tried again.' });
    expect(row.next_attempt_at - row.fetched_at).toBe(backoffSeconds(1));
  });

  it('imports six feeds at a time: a batch of slow feeds takes about one time-out, not one each', async () => {
    await parkEverything();
    const sites = await Promise.all(Array.from({ length: 6 }, () => createSite()));
    for (const site of sites) await register(site, 'http://feeds.test/hang');
    const { sent } = await enqueueDue();
    expect(sent()).toHaveLength(6);
    const started = Date.now();
    // the worker's own time-out (15 s) is longer than the stand-in's five seconds: each answers 503 after 5 s
    expect(await consume(sent())).toEqual({ acked: 6, retried: 0 });
    expect(Date.now() - started).toBeLessThan(9_000);
    for (const site of sites)
      expect((await rows('SELECT status, failures FROM feeds WHERE site_id = ?1', site.id))[0]).toEqual({ status: 'error', failures: 1 });
  }, 20_000);
});

describe('the feeds queue, end to end', () => {
  it('a Cron run with the real queue bound gets the feed imported by the worker’s own consumer', async () => {
    await parkEverything();
    const site = await createSite();
    await register(site, await serve(rss('e2e-1', 'e2e-2')));
    await worker.scheduled(createScheduledController({ scheduledTime: Date.now(), cron: '*/15 * * * *' }), env);
    // the run itself imported nothing: the consumer does, after the queue's batch timeout
    expect(await keysOf(site)).toEqual([]);
    const deadline = Date.now() + 15_000;
    while ((await keysOf(site)).length < 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await keysOf(site)).toEqual(['e2e-1', 'e2e-2']);
  }, 20_000);
});
