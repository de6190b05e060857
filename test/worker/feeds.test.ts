// Feed import through the whole worker: /api/v1/sites/:site/feeds, "sync now" and the Cron
// Trigger, against fixture feeds served at http://feeds.test by feed-server.ts (no network).
import { createScheduledController } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { ArticlePage, Feed, FeedSyncResult } from '@civic-widgets/contract';
import type { ArticleRow } from '../../worker/src/db/articles.js';
import worker from '../../worker/src/index.js';
import { LAST_MODIFIED, type FeedRequest } from './feed-log.js';
import { adminApi, api, createSite, errorJson, rows, type TestSite } from './helpers.js';

let paths = 0;
/** A fresh path on the fixture server serving `body`, for tests that change a feed between fetches. */
async function serve(body: string, path = `/t${++paths}-${Date.now()}.rss`) {
  await fetch(`http://feeds.test${path}`, { method: 'PUT', body });
  return `http://feeds.test${path}`;
}

const requestsTo = async (url: string) =>
  ((await (await fetch('http://feeds.test/__log')).json()) as FeedRequest[]).filter((entry) => entry.path === new URL(url).pathname);

async function register(site: TestSite, url: string, category?: string) {
  const response = await adminApi(site, 'POST', '/feeds', { url, ...(category ? { category } : {}) });
  expect(response.status).toBe(201);
  return response.json<Feed>();
}

async function sync(site: TestSite, feed: Feed) {
  const response = await adminApi(site, 'POST', `/feeds/${feed.id}/sync`);
  expect(response.status).toBe(200);
  return response.json<FeedSyncResult>();
}

/** The columns of an article row these tests read (the worker's own row type). */
type StoredArticle = Pick<
  ArticleRow,
  'external_key' | 'title' | 'summary' | 'url' | 'image_url' | 'image_alt' | 'image_width' | 'image_height' | 'author' | 'published_at' | 'status'
>;

const articlesOf = (site: TestSite) =>
  rows<StoredArticle>(
    'SELECT external_key, title, summary, url, image_url, image_alt, image_width, image_height, author, published_at, status FROM articles WHERE site_id = ?1 ORDER BY external_key',
    site.id,
  );
const at = (iso: string) => Date.parse(iso) / 1000;

const rss = (items: string, extra = '') => `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Tin</title><link>https://portal.test/</link>${extra}${items}</channel></rss>`;
const item = (guid: string, title: string, date = 'Thu, 19 Apr 2018 08:00:00 GMT') =>
  `<item><title>${title}</title><link>https://portal.test/tin-tuc/${guid}.html</link><guid>${guid}</guid><pubDate>${date}</pubDate></item>`;

describe('importing feeds', () => {
  it('imports the NukeViet feed built from the seed page into its category', async () => {
    const site = await createSite();
    await adminApi(site, 'POST', '/categories', { slug: 'tin-tuc', title: 'Tin tức' });
    const feed = await register(site, 'http://feeds.test/nukeviet.rss', 'tin-tuc');
    expect(feed).toMatchObject({ status: 'new', category: 'tin-tuc', fetchedAt: null, importedAt: null });

    const result = await sync(site, feed);
    expect(result).toMatchObject({ created: 3, updated: 0, unchanged: 0, feed: { status: 'ok', error: null } });
    const [tapHuan, hoiNghi, vaiTro] = await articlesOf(site).then((list) => [list[0]!, list[1]!, list[2]!]);
    expect(vaiTro).toEqual({
      external_key: 'news-1234',
      title: 'Vai trò của Liên minh HTX tỉnh trong phát triển kinh tế tập thể',
      summary:
        'Những năm qua, được sự quan tâm lãnh đạo, chỉ đạo, tạo điều kiện của cấp ủy, chính quyền các cấp; sự phối hợp của các ban, ngành, đoàn thể; Liên minh HTX tỉnh Thái Nguyên đã có nhiều đổi mới về tổ chức và hoạt động.',
      url: 'https://htx.example.gov.vn/tin-tuc/hoat-dong-lien-minh/vai-tro-cua-lien-minh-htx-tinh-trong-phat-trien-kinh-te-tap-the-1234.html',
      image_url: 'https://htx.example.gov.vn/uploads/news/2018_04/hoi-nghi-bcd.jpg',
      image_alt: 'Đồng chí Lê Huy Nhỡn, Chủ tịch Liên minh HTX tỉnh phát biểu tại cuộc họp BCĐ',
      image_width: 100,
      image_height: null,
      author: null,
      // "15:04" is NukeViet's month in the minutes: the seed page says 15:00
      published_at: at('2018-04-19T15:00:00+07:00'),
      status: 'published',
    });
    expect(hoiNghi).toMatchObject({
      title: 'Hội nghị tổng kết "Năm hợp tác xã" và triển khai nhiệm vụ',
      summary: 'Sáng 12/03, Liên minh HTX tỉnh tổ chức hội nghị tổng kết công tác năm 2017 & triển khai nhiệm vụ năm 2018.',
      image_url: null,
      published_at: at('2018-03-12T08:00:00+07:00'),
    });
    expect(tapHuan!.published_at).toBe(at('2018-01-19T14:00:00+07:00'));

    const page = await (await api(`/api/v1/sites/${site.slug}/articles?category=tin-tuc`)).json<ArticlePage>();
    expect(page.items.map((i) => i.key)).toEqual(['news-1234', 'news-1229', 'news-1201']);
    expect(page.items[0]!.category).toEqual({ slug: 'tin-tuc', title: 'Tin tức' });
  });

  it('imports RSS as small portals write it: whitespace, entities, encoded HTML, relative links, odd or missing dates', async () => {
    const site = await createSite();
    const before = Math.floor(Date.now() / 1000);
    const result = await sync(site, await register(site, 'http://feeds.test/portal.rss'));
    // two items have no title or no http(s) link: skipped, not fatal
    expect(result).toMatchObject({ created: 4, feed: { status: 'ok' } });
    const byKey = Object.fromEntries((await articlesOf(site)).map((row) => [row.external_key, row]));
    expect(Object.keys(byKey).sort()).toEqual([
      'https://phuluong.example.gov.vn/tin-tuc/duong-giao-thong-yen-do-88.html',
      'https://phuluong.example.gov.vn/tin-tuc/gia-che-87.html',
      'https://phuluong.example.gov.vn/tin-tuc/lich-tiep-cong-dan-86.html',
      'https://phuluong.example.gov.vn/tin-tuc/ngay-gio-la-85.html',
    ]);
    expect(byKey['https://phuluong.example.gov.vn/tin-tuc/duong-giao-thong-yen-do-88.html']).toMatchObject({
      title: 'Đường giao thông nông thôn mới ở xã Yên Đổ',
      summary: 'Người dân xã Yên Đổ & chính quyền cùng làm đường.',
      image_url: 'https://phuluong.example.gov.vn/tin-tuc/images/yen-do.jpg',
      image_alt: 'Con đường bê tông mới',
      image_width: 640,
      image_height: 360,
      author: 'Phòng Văn hóa & Thông tin',
      published_at: at('2018-06-05T09:30:00Z'),
    });
    expect(byKey['https://phuluong.example.gov.vn/tin-tuc/gia-che-87.html']).toMatchObject({
      title: 'Giá chè búp khô tăng',
      author: 'Ban Biên tập',
      image_url: 'https://phuluong.example.gov.vn/images/che.jpg',
      // "04/06/2018 16:45" has no zone: the site's, Asia/Ho_Chi_Minh
      published_at: at('2018-06-04T16:45:00+07:00'),
    });
    // no date, and an impossible one: the time of the first import, kept on the next
    const undated = byKey['https://phuluong.example.gov.vn/tin-tuc/lich-tiep-cong-dan-86.html']!;
    expect(undated.published_at).toBeGreaterThanOrEqual(before);
    expect(byKey['https://phuluong.example.gov.vn/tin-tuc/ngay-gio-la-85.html']!.published_at).toBeGreaterThanOrEqual(before);
    await env.DB.prepare('UPDATE feeds SET etag = NULL, last_modified = NULL WHERE site_id = ?1').bind(site.id).run();
    await env.DB.prepare('UPDATE articles SET published_at = published_at - 100, id = id - 100 * 1048576 WHERE site_id = ?1 AND url = ?2')
      .bind(site.id, undated.url)
      .run();
    const again = await sync(site, { id: result.feed.id } as Feed);
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 4 });
  });

  it('imports Atom entries by id, with their alternate link and HTML summary', async () => {
    const site = await createSite();
    await sync(site, await register(site, 'http://feeds.test/district.atom'));
    expect(await articlesOf(site)).toEqual([
      expect.objectContaining({
        external_key: 'daitu-news-41',
        title: 'Khai mạc Tuần Văn hóa – Du lịch Hồ Núi Cốc',
        url: 'https://daitu.example.gov.vn/tin-tuc/tuan-van-hoa-41.html',
        summary: 'Tuần Văn hóa & Du lịch năm nay có nhiều hoạt động mới.',
        published_at: at('2018-05-02T19:00:00Z'),
      }),
      expect.objectContaining({
        external_key: 'daitu-news-42',
        url: 'https://daitu.example.gov.vn/tin-tuc/hop-tac-xa-che-lien-ket-san-xuat-42.html',
        image_url: 'https://daitu.example.gov.vn/uploads/che.jpg',
        image_alt: '',
        author: 'Ban Biên tập',
        published_at: at('2018-05-14T08:30:00+07:00'),
      }),
    ]);
  });

  it('asks again with If-None-Match and If-Modified-Since, and a 304 changes nothing', async () => {
    const site = await createSite();
    const url = await serve(rss(item('a', 'Tin A')));
    const feed = await register(site, url);
    await sync(site, feed);
    const before = await articlesOf(site);
    const second = await sync(site, feed);
    expect(second).toMatchObject({ created: 0, updated: 0, unchanged: 0, feed: { status: 'not-modified', error: null } });
    const [first, conditional] = await requestsTo(url);
    expect(first).toMatchObject({ ifNoneMatch: null, ifModifiedSince: null, status: 200 });
    expect(conditional).toMatchObject({ ifNoneMatch: expect.stringMatching(/^"[0-9a-f]{16}"$/), ifModifiedSince: LAST_MODIFIED, status: 304 });
    expect(await articlesOf(site)).toEqual(before);
  });

  it('updates changed items by guid and never deletes what a feed no longer lists', async () => {
    const site = await createSite();
    const path = `/changing-${Date.now()}.rss`;
    const feed = await register(site, await serve(rss(item('a', 'Tin A') + item('b', 'Tin B')), path));
    expect(await sync(site, feed)).toMatchObject({ created: 2 });
    await serve(rss(item('a', 'Tin A đã sửa') + item('c', 'Tin C')), path);
    expect(await sync(site, feed)).toMatchObject({ created: 1, updated: 1, unchanged: 0 });
    expect((await articlesOf(site)).map((row) => [row.external_key, row.title])).toEqual([
      ['a', 'Tin A đã sửa'],
      ['b', 'Tin B'],
      ['c', 'Tin C'],
    ]);
  });

  it('keeps an article its admin hid hidden when the feed brings it again', async () => {
    const site = await createSite();
    const path = `/hidden-${Date.now()}.rss`;
    const feed = await register(site, await serve(rss(item('a', 'Tin A')), path));
    await sync(site, feed);
    await adminApi(site, 'PATCH', '/articles/a', { status: 'hidden' });
    await serve(rss(item('a', 'Tin A, bản mới')), path);
    expect(await sync(site, feed)).toMatchObject({ updated: 1 });
    expect((await articlesOf(site)).map((row) => [row.title, row.status])).toEqual([['Tin A, bản mới', 'hidden']]);
  });

  it('records a malformed, oversized or failing fetch on the feed and loses no article', async () => {
    const site = await createSite();
    const path = `/breaking-${Date.now()}.rss`;
    const feed = await register(site, await serve(rss(item('a', 'Tin A') + item('b', 'Tin B')), path));
    await sync(site, feed);
    const before = await articlesOf(site);
    const truncated = (await (await fetch('http://feeds.test/truncated.rss')).text()).trim();

    for (const [body, error] of [
      [truncated, 'The feed is cut off or malformed: it does not end with </rss>.'],
      ['<!doctype html><html><body>Bảo trì hệ thống</body></html>', 'Not an RSS or Atom feed (the document does not start with <rss>, <feed> or <rdf:RDF>).'],
      ['', 'Not an RSS or Atom feed (the document does not start with <rss>, <feed> or <rdf:RDF>).'],
    ]) {
      await serve(body!, path);
      const result = await sync(site, feed);
      expect(result).toMatchObject({ created: 0, updated: 0, unchanged: 0, feed: { status: 'error', error } });
      expect(await articlesOf(site)).toEqual(before);
    }
    for (const [url, error] of [
      ['http://feeds.test/status/503', 'The feed answered HTTP 503.'],
      ['http://feeds.test/huge.rss', 'The feed is larger than 2 MiB.'],
      ['http://feeds.test/nothing-here.rss', 'The feed answered HTTP 404.'],
    ]) {
      const result = await sync(site, await register(site, url!));
      expect(result.feed).toMatchObject({ status: 'error', error, importedAt: null });
    }
    expect(await articlesOf(site)).toEqual(before);

    // the feed comes back: it imports again, and its error is cleared
    await serve(rss(item('a', 'Tin A') + item('b', 'Tin B') + item('c', 'Tin C')), path);
    expect(await sync(site, feed)).toMatchObject({ created: 1, unchanged: 2, feed: { status: 'ok', error: null } });
  });

  it('refuses a hostile body in well under a second through "sync now" (2 MiB of "<!--" took 144 s)', async () => {
    const site = await createSite();
    for (const [body, error] of [
      ['<!--'.repeat(512 * 1024), /^Not an RSS or Atom feed/],
      [`<rss version="2.0"><channel>${'<item><title>Tin</title>'.repeat(60_000)}`, /^The feed is cut off or malformed/],
      [`<rss version="2.0"><channel>${'<item><title>Tin</title>'.repeat(60_000)}</channel></rss>`, /^The feed has more than 100,000 elements/],
      [`<rss version="2.0"><channel>${'<item><title>Tin</title>'.repeat(40_000)}</channel></rss>`, /^The feed is malformed: Maximum nested tags exceeded/],
    ] as const) {
      const feed = await register(site, await serve(body));
      const started = Date.now();
      const result = await sync(site, feed);
      expect(Date.now() - started).toBeLessThan(1000);
      expect(result.feed).toMatchObject({ status: 'error', error: expect.stringMatching(error) });
    }
  });

  it('refuses bad feed registrations with a 4xx and writes nothing', async () => {
    const site = await createSite();
    for (const [body, status] of [
      [{ url: 'javascript:alert(1)' }, 400],
      [{ url: 'ftp://portal.test/feed.rss' }, 400],
      [{ url: 'http://feeds.test/nukeviet.rss', category: 'khong-co' }, 400],
      [{ url: 'http://feeds.test/nukeviet.rss', every: 5 }, 400],
      [{}, 400],
    ] as const) {
      const response = await adminApi(site, 'POST', '/feeds', body);
      expect({ body, status: response.status }).toEqual({ body, status });
      await errorJson(response);
    }
    await register(site, 'http://feeds.test/nukeviet.rss');
    expect((await adminApi(site, 'POST', '/feeds', { url: 'http://feeds.test/nukeviet.rss' })).status).toBe(409);
    expect(await rows('SELECT url FROM feeds WHERE site_id = ?1', site.id)).toEqual([{ url: 'http://feeds.test/nukeviet.rss' }]);
    expect((await adminApi(site, 'POST', '/feeds/999999/sync')).status).toBe(404);
    expect((await adminApi(site, 'POST', '/feeds/abc/sync')).status).toBe(400);
    const other = await createSite();
    const [feed] = (await (await adminApi(site, 'GET', '/feeds')).json<{ items: Feed[] }>()).items;
    expect((await adminApi(other, 'POST', `/feeds/${feed!.id}/sync`)).status).toBe(404);
    expect((await adminApi(other, 'DELETE', `/feeds/${feed!.id}`)).status).toBe(404);
    expect((await adminApi(site, 'DELETE', `/feeds/${feed!.id}`)).status).toBe(204);
    expect(await rows('SELECT url FROM feeds WHERE site_id = ?1', site.id)).toEqual([]);
  });

  it('is imported by the Cron Trigger when not fetched for ten minutes', async () => {
    const site = await createSite();
    // only this test's feeds are due
    await env.DB.prepare('UPDATE feeds SET fetched_at = unixepoch()').run();
    const fresh = await register(site, await serve(rss(item('cron-a', 'Tin theo lịch'))));
    const stale = await register(site, await serve(rss(item('cron-b', 'Tin cũ hơn'))));
    await sync(site, stale);
    await env.DB.prepare('UPDATE feeds SET fetched_at = unixepoch() - 60 WHERE id = ?1').bind(stale.id).run();

    // without the feeds queue, the run imports them itself (feed-queue.test.ts: with it)
    await worker.scheduled(createScheduledController({ scheduledTime: Date.now(), cron: '*/15 * * * *' }), { ...env, FEED_QUEUE: undefined });

    expect((await articlesOf(site)).map((row) => row.external_key)).toEqual(['cron-a', 'cron-b']);
    const feeds = (await (await adminApi(site, 'GET', '/feeds')).json<{ items: Feed[] }>()).items;
    expect(feeds.find((feed) => feed.id === fresh.id)).toMatchObject({ status: 'ok' });
    // fetched a minute ago: not yet due again
    expect((await requestsTo(stale.url)).length).toBe(1);
  });
});
