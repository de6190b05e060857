// The edge cache and D1 sessions (docs/edge-cache.md), through the whole worker: public reads are
// answered from the Workers Cache API until a write moves the site's generation; a reader sees
// their own write at once through the bookmark they send back, anyone else within a second;
// editors never meet the shared cache; two sites never share an entry.
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it, vi } from 'vitest';
import worker from '../../worker/src/index.js';
import { PORTAL, WORKER, adminCall, api, article, bearer, createSite, errorJson, getRating, putVote, ratingPath, type TestSite } from './helpers.js';

interface Summary {
  item: string;
  average: number;
  count: number;
  total: number;
}

const alice = { ip: '198.51.100.21', userAgent: 'Mozilla/5.0 (Alice)' };
const bob = { ip: '198.51.100.22', userAgent: 'Mozilla/5.0 (Bob)' };

const publicGet = (site: TestSite, path: string, headers: Record<string, string> = {}) => api(`/api/v1/sites/${site.slug}${path}`, { headers });
const cacheStatus = (response: Response) => response.headers.get('X-Edge-Cache');

/** A read twice: the first fills the edge cache, the second must come from it (else the tests below prove nothing). */
async function cached(site: TestSite, path: string) {
  const first = await publicGet(site, path);
  expect(first.status, await first.clone().text()).toBe(200);
  const second = await publicGet(site, path);
  expect(cacheStatus(second)).toBe('HIT');
  const body = await second.json();
  expect(body).toEqual(await first.json());
  return body;
}

/**
 * A D1 binding that counts the statements the worker prepares and records the sessions it opens
 * (what each began at), around the real local D1.
 */
function recordingD1() {
  const record = { statements: 0, sessions: [] as string[] };
  const counting = (db: D1DatabaseSession | D1Database) => ({
    prepare: (sql: string) => (record.statements++, db.prepare(sql)),
    batch: (statements: D1PreparedStatement[]) => db.batch(statements),
    getBookmark: () => ('getBookmark' in db ? db.getBookmark() : null),
  });
  const db = {
    ...counting(env.DB),
    withSession: (start: string) => (record.sessions.push(start), counting(env.DB.withSession(start))),
  };
  return { record, db: db as unknown as D1Database };
}

/** The worker called with a given D1 binding, as the runtime calls it. */
async function callWith(db: D1Database, path: string, init: RequestInit = {}) {
  const ctx = createExecutionContext();
  const request = new Request(`${WORKER}${path}`, init) as Request<unknown, IncomingRequestCfProperties>;
  const response = await worker.fetch(request, { ...env, DB: db }, ctx);
  await waitOnExecutionContext(ctx);
  return response;
}

describe('rating summaries', () => {
  it('shows a vote to the voter at once and to another reader within a second', async () => {
    const site = await createSite();
    expect(await cached(site, ratingPath(site.slug, 'news-1').slice(`/api/v1/sites/${site.slug}`.length))).toMatchObject({ count: 0 });

    const vote = await putVote(site.slug, 'news-1', 4, alice);
    expect(vote.status).toBe(200);
    const { bookmark } = await vote.json<{ bookmark: string }>();
    // the voter, sending back the vote's bookmark: at once
    const asVoter = await api(`${ratingPath(site.slug, 'news-1')}?after=${bookmark}`, { headers: { 'CF-Connecting-IP': alice.ip } });
    expect(await asVoter.json<Summary>()).toEqual({ item: 'news-1', average: 4, count: 1, total: 4 });
    // another reader, with nothing to send back
    const started = Date.now();
    await vi.waitFor(async () => expect(await (await getRating(site.slug, 'news-1', bob)).json<Summary>()).toMatchObject({ count: 1, total: 4 }), {
      timeout: 1000,
      interval: 50,
    });
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('shows a write another isolate made within a second, and at once to a client with its bookmark', async () => {
    const site = await createSite();
    const path = ratingPath(site.slug, 'elsewhere').slice(`/api/v1/sites/${site.slug}`.length);
    expect(await cached(site, path)).toMatchObject({ count: 0 });

    // another isolate (or colo) counts two votes and moves the generation: this isolate is not told
    const session = env.DB.withSession('first-primary');
    await session.batch([
      session.prepare("INSERT INTO rating_totals (site_id, item, count, total) VALUES (?1, 'elsewhere', 2, 9)").bind(site.id),
      session.prepare('UPDATE sites SET vote_generation = vote_generation + 1 WHERE id = ?1').bind(site.id),
    ]);
    const bookmark = session.getBookmark()!;
    expect(bookmark).toMatch(/^[\w-]+$/);

    // the writer's client sends the bookmark back: fresh at once, whatever this isolate knew
    const own = await publicGet(site, path, { 'X-D1-Bookmark': bookmark });
    expect(await own.json<Summary>()).toMatchObject({ count: 2, total: 9 });

    // and everyone: within the second the isolate keeps a site for
    const started = Date.now();
    await vi.waitFor(async () => expect(await (await publicGet(site, path)).json<Summary>()).toMatchObject({ count: 2, total: 9 }), {
      timeout: 1500,
      interval: 50,
    });
    expect(Date.now() - started).toBeLessThanOrEqual(1100);
  });

  it('serves a burst of 1,000 identical reads with at most 2 D1 statements', async () => {
    const site = await createSite();
    await putVote(site.slug, 'burst', 5, alice);
    const { record, db } = recordingD1();
    const responses = await Promise.all(Array.from({ length: 1000 }, () => callWith(db, ratingPath(site.slug, 'burst'))));
    const bodies = await Promise.all(responses.map((response) => response.json<Summary>()));
    expect(new Set(bodies.map((body) => JSON.stringify(body)))).toEqual(new Set([JSON.stringify({ item: 'burst', average: 5, count: 1, total: 5 })]));
    expect(record.statements).toBeLessThanOrEqual(2);
  });

  it('answers If-None-Match from the cache with 304, and a changed summary with 200', async () => {
    const site = await createSite();
    const path = ratingPath(site.slug, 'etag');
    const first = await api(path);
    const etag = first.headers.get('ETag')!;
    const hit = await api(path, { headers: { 'If-None-Match': etag } });
    expect(hit.status).toBe(304);
    expect(cacheStatus(hit)).toBe('HIT');
    expect(hit.headers.get('ETag')).toBe(etag);
    expect(hit.headers.get('Cache-Control')).toBe('public, no-cache');
    expect(await hit.text()).toBe('');

    await putVote(site.slug, 'etag', 2, bob);
    const changed = await api(path, { headers: { 'If-None-Match': etag } });
    expect(changed.status).toBe(200);
    expect(await changed.json<Summary>()).toMatchObject({ count: 1, total: 2 });
  });
});

describe("an editor's write", () => {
  it('shows an article, an album, a link and new settings on the next read', async () => {
    const site = await createSite();
    const write = async (method: string, path: string, body: unknown) => {
      const response = await adminCall(site, method, path, body);
      expect(response.status, await response.clone().text()).toBeLessThan(300);
    };

    expect(await cached(site, '/articles')).toMatchObject({ items: [] });
    await write('POST', '/articles', article('tin-1', { title: 'Đại hội Liên minh HTX' }));
    expect((await (await publicGet(site, '/articles')).json<{ items: { title: string }[] }>()).items.map((item) => item.title)).toEqual([
      'Đại hội Liên minh HTX',
    ]);
    await cached(site, '/articles');
    await write('PATCH', '/articles/tin-1', { title: 'Đại hội đại biểu Liên minh HTX' });
    expect((await (await publicGet(site, '/articles')).json<{ items: { title: string }[] }>()).items.map((item) => item.title)).toEqual([
      'Đại hội đại biểu Liên minh HTX',
    ]);

    expect(await cached(site, '/albums')).toMatchObject({ items: [] });
    await write('POST', '/albums', { slug: 'hoi-cho', title: 'Hội chợ nông sản' });
    expect((await (await publicGet(site, '/albums')).json<{ items: { title: string }[] }>()).items.map((item) => item.title)).toEqual(['Hội chợ nông sản']);
    await cached(site, '/albums/hoi-cho');
    await write('PATCH', '/albums/hoi-cho', { title: 'Hội chợ nông sản 2018' });
    expect(await (await publicGet(site, '/albums/hoi-cho')).json()).toMatchObject({ album: { title: 'Hội chợ nông sản 2018' } });

    await cached(site, '/links');
    await write('POST', '/links/categories', { slug: 'tinh', title: 'Tỉnh Thái Nguyên' });
    await write('POST', '/links', { category: 'tinh', title: 'Cổng TTĐT tỉnh Thái Nguyên', url: 'https://thainguyen.gov.vn/' });
    expect(JSON.stringify(await (await publicGet(site, '/links')).json())).toContain('Cổng TTĐT tỉnh Thái Nguyên');

    await cached(site, '');
    await write('PATCH', '/settings', { name: 'Liên minh HTX tỉnh Thái Nguyên', language: 'en' });
    expect(await (await publicGet(site, '')).json()).toMatchObject({ name: 'Liên minh HTX tỉnh Thái Nguyên', language: 'en' });
  });

  it('answers an editor from D1, never from the shared cache, and never fills it', async () => {
    const site = await createSite();
    await adminCall(site, 'POST', '/articles', article('tin-2', { title: 'Bản cũ' }));
    await cached(site, '/articles');
    // changed behind the worker's back (no generation moved): the shared copy is now stale
    await env.DB.prepare("UPDATE articles SET title = 'Bản mới' WHERE site_id = ?1").bind(site.id).run();
    const titles = async (response: Response) => (await response.json<{ items: { title: string }[] }>()).items.map((item) => item.title);

    const asEditor = await publicGet(site, '/articles', bearer(site.token));
    expect(await titles(asEditor)).toEqual(['Bản mới']);
    expect(cacheStatus(asEditor)).toBe('BYPASS');
    expect(asEditor.headers.get('Cache-Control')).toBe('private, no-cache');
    // … and the readers' copy is as it was: the editor's read neither used nor replaced it
    const asReader = await publicGet(site, '/articles');
    expect(cacheStatus(asReader)).toBe('HIT');
    expect(await titles(asReader)).toEqual(['Bản cũ']);
    // even a wrong token is an editor's request: D1 answers (the public list needs no token)
    expect(await titles(await publicGet(site, '/articles', bearer('tok_not-a-real-token-at-all')))).toEqual(['Bản mới']);
  });
});

describe('sites apart', () => {
  it('never share an entry, nor a generation', async () => {
    const siteA = await createSite();
    const siteB = await createSite();
    await putVote(siteA.slug, 'same-key', 5, alice);
    expect(await cached(siteA, '/ratings/same-key')).toMatchObject({ count: 1, total: 5 });
    expect(await cached(siteB, '/ratings/same-key')).toMatchObject({ count: 0, total: 0 });

    // a vote on A moves A's generation only: B's entry still answers (its stale copy shows it)
    await env.DB.prepare("INSERT INTO rating_totals (site_id, item, count, total) VALUES (?1, 'same-key', 7, 7)").bind(siteB.id).run();
    await putVote(siteA.slug, 'same-key', 1, bob);
    expect(await (await publicGet(siteA, '/ratings/same-key')).json<Summary>()).toMatchObject({ count: 2, total: 6 });
    const b = await publicGet(siteB, '/ratings/same-key');
    expect(cacheStatus(b)).toBe('HIT');
    expect(await b.json<Summary>()).toMatchObject({ count: 0 });
  });

  it('never gives a site made again under an old slug the old one’s entries', async () => {
    const old = await createSite({ name: 'Trang cũ' });
    expect(await cached(old, '')).toMatchObject({ name: 'Trang cũ' });
    await env.DB.prepare('DELETE FROM sites WHERE id = ?1').bind(old.id).run();
    const again = await env.DB.prepare("INSERT INTO sites (slug, name, origins) VALUES (?1, 'Trang mới', ?2) RETURNING id")
      .bind(old.slug, JSON.stringify([PORTAL]))
      .first<number>('id');
    // SQLite gives the new site the old one's id: only its generation tells them apart
    expect(again).toBe(old.id);
    await vi.waitFor(async () => expect(await (await publicGet(old, '')).json()).toMatchObject({ name: 'Trang mới' }), { timeout: 1500, interval: 50 });
  });
});

describe('D1 sessions', () => {
  it('opens each request’s session at the bookmark the client sent back, and answers the bookmark after the write', async () => {
    const site = await createSite();
    const { record, db } = recordingD1();
    const vote = await callWith(db, ratingPath(site.slug, 'carried'), {
      method: 'PUT',
      headers: { Origin: PORTAL, 'Content-Type': 'application/json', 'CF-Connecting-IP': alice.ip },
      body: '{"stars":3}',
    });
    const { bookmark } = await vote.json<{ bookmark: string }>();
    // the header and the body name the same position: after the vote and its generation
    expect(vote.headers.get('X-D1-Bookmark')).toBe(bookmark);

    record.sessions.length = 0;
    const read = await callWith(db, `${ratingPath(site.slug, 'carried')}?after=${encodeURIComponent(bookmark)}`);
    expect(await read.json<Summary>()).toMatchObject({ count: 1, total: 3 });
    expect(record.sessions).toContain(bookmark);
    expect(read.headers.get('X-D1-Bookmark')! >= bookmark).toBe(true);

    record.sessions.length = 0;
    await callWith(db, ratingPath(site.slug, 'carried'), { headers: { 'X-D1-Bookmark': bookmark } });
    expect(record.sessions).toContain(bookmark);

    // an editor's request starts at the primary: its token check is never a replica's
    record.sessions.length = 0;
    await callWith(db, `/api/v1/sites/${site.slug}/settings`, { headers: bearer(site.token) });
    expect(record.sessions.at(-1)).toBe('first-primary');
  });

  it('refuses a bookmark that is not one with a JSON 400, and reads nothing', async () => {
    const site = await createSite();
    for (const [where, init, path] of [
      ['X-D1-Bookmark', { headers: { 'X-D1-Bookmark': 'not a bookmark;' } }, ratingPath(site.slug, 'x')],
      ['after', {}, `${ratingPath(site.slug, 'x')}?after=${encodeURIComponent('<script>')}`],
      // letters a bookmark has, but not its shape (hex groups of 8, 8, 8 and 32 digits)
      ['after', {}, `${ratingPath(site.slug, 'x')}?after=first-primary`],
      ['X-D1-Bookmark', { headers: { 'X-D1-Bookmark': `${'0'.repeat(8)}-${'0'.repeat(8)}-${'0'.repeat(8)}-${'0'.repeat(31)}g` } }, ratingPath(site.slug, 'x')],
    ] as const) {
      const response = await api(path, init);
      expect(response.status).toBe(400);
      expect((await errorJson(response)).error.issues).toEqual([{ path: where, message: 'not a bookmark: send back the value an answer gave' }]);
    }
  });

  it('reads without the bookmark when D1 refuses a session at it (shaped right, never this database’s)', async () => {
    // local D1 opens a session at any bookmark; Cloudflare's refuses one it cannot reach
    const site = await createSite();
    const unreachable = `ffffffff-ffffffff-ffffffff-${'f'.repeat(32)}`;
    const db = {
      ...env.DB,
      prepare: (sql: string) => env.DB.prepare(sql),
      batch: (statements: D1PreparedStatement[]) => env.DB.batch(statements),
      withSession: (start: string) => {
        if (start !== unreachable) return env.DB.withSession(start);
        return { prepare: () => ({ bind: () => ({ first: () => Promise.reject(new Error('D1_ERROR: invalid bookmark')) }) }), getBookmark: () => null };
      },
    } as unknown as D1Database;
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const response = await callWith(db, `${ratingPath(site.slug, 'y')}?after=${unreachable}`);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ item: 'y', average: 0, count: 0, total: 0 });
      expect(logged).toHaveBeenCalled();
    } finally {
      logged.mockRestore();
    }
  });
});
