// Writes a benchmark's articles the way a portal's do arrive: through the worker's own bulk
// upsert (what POST …/articles/bulk runs, 100 at a time) and its own feed sync (an RSS feed served
// here, fetched and imported by syncFeed). The ids are the ones the worker itself assigns, with
// several articles in one second as a portal's imports have, not a layout a fill script chooses.
import { createServer } from 'node:http';
import { join } from 'node:path';
import { root } from '../../worker/scripts/wrangler.mjs';
import { HEADLINES } from './fill-articles.mjs';
import { importWorkerModule } from '../../worker/scripts/worker-modules.mjs';

const BATCH = 100;

/**
 * The binding with each SQL text prepared once: through getPlatformProxy every prepare() is a
 * synchronous round trip to workerd, and 110,000 of them take longer than the writes.
 */
function preparingOnce(db) {
  const prepared = new Map();
  return {
    prepare: (sql) => prepared.get(sql) ?? prepared.set(sql, db.prepare(sql)).get(sql),
    batch: (statements) => db.batch(statements),
  };
}
const escapeXml = (text) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/** The i-th article of a site (1 is the newest): ten minutes apart, every fourth in the previous one's second. */
function nth(prefix, i, newest, categories) {
  const step = Math.floor(i / 4) * 3 + (i % 4 === 3 ? 2 : i % 4);
  return {
    key: `${prefix}-${i}`,
    title: `${HEADLINES[i % HEADLINES.length]} (số ${i})`,
    summary: `Tin số ${i} của trang thử tải.`,
    url: `https://bench.example.gov.vn/tin-tuc/${prefix}-${i}.html`,
    category: categories.length ? categories[i % categories.length] : null,
    publishedAt: newest - step * 600,
  };
}

/**
 * Writes `count` articles to `siteId` with the worker's upsertArticles, `BATCH` per batch as the
 * bulk API takes them; `categories` are [{ id }] assigned round-robin.
 */
export async function writeThroughBulk(binding, { siteId, count, prefix, newest = 1_700_000_000, categories = [] }) {
  const { upsertArticles } = await importWorkerModule(join(root, 'worker/src/db/articles.ts'));
  const db = preparingOnce(binding);
  for (let start = 1; start <= count; start += BATCH) {
    const batch = [];
    for (let i = start; i < Math.min(start + BATCH, count + 1); i++) {
      const article = nth(prefix, i, newest, categories);
      batch.push({
        key: article.key,
        title: article.title,
        summary: article.summary,
        url: article.url,
        imageUrl: null,
        imageAlt: null,
        imageWidth: null,
        imageHeight: null,
        author: null,
        poster: null,
        source: null,
        categoryId: article.category?.id ?? null,
        publishedAt: article.publishedAt,
        updatedAt: null,
        status: 'published',
        feedId: null, // written through the API, not by a feed
      });
    }
    await upsertArticles(db, siteId, batch);
  }
}

/**
 * Writes `count` articles to `siteId` through a registered feed: an RSS server here answers each
 * fetch with the next 100 items (oldest first, as a portal's feed grows), and the worker's
 * syncFeed fetches and imports each.
 */
export async function writeThroughFeed(binding, { siteId, count, prefix, newest = 1_700_000_000 }) {
  const [{ syncFeed }, { insertFeed, findFeed }] = await Promise.all(
    ['worker/src/lib/feed-import.ts', 'worker/src/db/feeds.ts'].map((path) => importWorkerModule(join(root, path))),
  );
  const db = preparingOnce(binding);
  let next = count;
  const server = createServer((request, response) => {
    const items = [];
    for (let i = next; i > Math.max(next - BATCH, 0); i--) {
      const article = nth(prefix, i, newest, []);
      items.push(
        `<item><title>${escapeXml(article.title)}</title><link>${article.url}</link><guid>${article.key}</guid>` +
          `<description>${escapeXml(article.summary)}</description><pubDate>${new Date(article.publishedAt * 1000).toUTCString()}</pubDate></item>`,
      );
    }
    next = Math.max(next - BATCH, 0);
    response.writeHead(200, { 'Content-Type': 'application/rss+xml; charset=utf-8' });
    response.end(`<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Huyện</title>${items.join('')}</channel></rss>`);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const id = await insertFeed(db, siteId, `http://127.0.0.1:${server.address().port}/rss`, null);
    while (next > 0) {
      const result = await syncFeed(db, await findFeed(db, siteId, id), { allowPrivate: true }); // the bench's feed server is on this machine
      if (result.feed.status !== 'ok') throw new Error(`bench feed: ${result.feed.error}`);
    }
  } finally {
    server.close();
  }
}
