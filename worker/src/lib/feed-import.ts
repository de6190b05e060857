import { upsertArticles, type ArticleWrite, type WriteCounts } from '../db/articles.js';
import { feedOutcomeStatement, feedsDue, findFeed, type FeedRecord, type FetchOutcome } from '../db/feeds.js';
import { FeedError, parseFeed, type FeedItem } from './feed-parser.js';
import { readCapped } from './read-capped.js';

/** A feed body larger than this is refused (portals' feeds are tens of KiB). */
export const MAX_FEED_BYTES = 2 * 1024 * 1024;
/** Items taken from one fetch: the first ones, which feeds list newest first. One batch, one transaction. */
export const MAX_FEED_ITEMS = 100;
const TIMEOUT_MS = 15_000;

export interface SyncResult extends WriteCounts {
  feed: FeedRecord;
}

/** Reads at most `max` bytes of the body; a longer one is a FeedError, and the rest is not downloaded. */
const readFeedBody = (response: Response, max: number) =>
  readCapped(response.body, response.headers.get('Content-Length'), max, () => new FeedError(`The feed is larger than ${max / 1024 / 1024} MiB.`));

/** The body as text, in the charset its Content-Type or XML declaration names (UTF-8 by default). */
function decode(bytes: Uint8Array, contentType: string): string {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 200));
  const label = /charset=["']?([\w-]+)/i.exec(contentType)?.[1] ?? /encoding=["']([\w-]+)/i.exec(head)?.[1] ?? 'utf-8';
  try {
    return new TextDecoder(label).decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}

const toWrite = (item: FeedItem, categoryId: number | null): ArticleWrite => ({
  key: item.key,
  title: item.title,
  summary: item.summary,
  url: item.url,
  imageUrl: item.image?.url ?? null,
  imageAlt: item.image?.alt ?? null,
  imageWidth: item.image?.width ?? null,
  imageHeight: item.image?.height ?? null,
  author: item.author,
  poster: null,
  source: null,
  categoryId,
  publishedAt: item.publishedAt,
  updatedAt: item.updatedAt,
  status: null, // an article its admin hid stays hidden
});

/**
 * Fetches one feed with a conditional GET and upserts its items by guid (or link), together with
 * the feed's new state, in one batch. Whatever goes wrong is recorded on the feed; no article is
 * ever deleted or left half-written.
 */
export async function syncFeed(db: D1Database, feed: FeedRecord): Promise<SyncResult> {
  const now = () => Math.floor(Date.now() / 1000);
  const none = { created: 0, updated: 0, unchanged: 0 };
  const finish = async (outcome: FetchOutcome, items: ArticleWrite[] = []) => {
    const counts = items.length ? await upsertArticles(db, feed.siteId, items, [feedOutcomeStatement(db, feed, outcome)]) : none;
    if (!items.length) await feedOutcomeStatement(db, feed, outcome).run();
    return { ...counts, feed: (await findFeed(db, feed.siteId, feed.id)) ?? feed };
  };

  let outcome: FetchOutcome;
  let items: ArticleWrite[] = [];
  try {
    const headers: Record<string, string> = {
      Accept: 'application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1',
      'User-Agent': 'civic-widgets feed importer',
    };
    if (feed.etag) headers['If-None-Match'] = feed.etag;
    if (feed.lastModified) headers['If-Modified-Since'] = feed.lastModified;
    const response = await fetch(feed.url, { headers, redirect: 'follow', signal: AbortSignal.timeout(TIMEOUT_MS) });
    if (response.status === 304) {
      await response.body?.cancel();
      return await finish({ status: 'not-modified', error: null, now: now() });
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw new FeedError(`The feed answered HTTP ${response.status}.`);
    }
    const text = decode(await readFeedBody(response, MAX_FEED_BYTES), response.headers.get('Content-Type') ?? '');
    const parsed = parseFeed(text, response.url || feed.url, feed.timeZone);
    items = parsed.items.slice(0, MAX_FEED_ITEMS).map((item) => toWrite(item, feed.categoryId));
    const note = parsed.items.length || !parsed.skipped ? null : `None of the ${parsed.skipped} items had a title and a link.`;
    outcome = {
      status: 'ok',
      error: note,
      validators: { etag: response.headers.get('ETag'), lastModified: response.headers.get('Last-Modified') },
      now: now(),
    };
  } catch (error) {
    const message = error instanceof FeedError ? error.message : error instanceof Error && error.name === 'TimeoutError' ? `No answer within ${TIMEOUT_MS / 1000} s.` : `The feed could not be fetched: ${String((error as Error)?.message ?? error).slice(0, 200)}`;
    return finish({ status: 'error', error: message, now: now() });
  }
  return finish(outcome, items);
}

/** The Cron Trigger's part: the feeds not fetched for `minAgeSeconds`, a few per run, one after another. */
export async function syncDueFeeds(db: D1Database, { minAgeSeconds = 600, limit = 10 } = {}): Promise<SyncResult[]> {
  const results: SyncResult[] = [];
  for (const feed of await feedsDue(db, Math.floor(Date.now() / 1000) - minAgeSeconds, limit)) {
    results.push(await syncFeed(db, feed));
  }
  return results;
}
