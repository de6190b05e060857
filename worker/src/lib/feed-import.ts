import { upsertArticles, type ArticleWrite, type WriteCounts } from '../db/articles.js';
import { claimFeedAttempt, feedOutcomeStatement, feedsDue, findFeed, RETRY_SECONDS, type FeedRecord, type FetchOutcome } from '../db/feeds.js';
import { FeedError, feedSignature, parseFeed, SIGNATURE_BYTES, type FeedItem } from './feed-parser.js';
import { readCapped } from './read-capped.js';
import { fetchPublic, PrivateTargetError } from './targets.js';

/** A feed body larger than this is refused (portals' feeds are tens of KiB). */
export const MAX_FEED_BYTES = 2 * 1024 * 1024;
/** Items taken from one fetch: the first ones, which feeds list newest first. One batch, one transaction. */
export const MAX_FEED_ITEMS = 100;
/** How long one feed's fetch may take, body included. */
export const TIMEOUT_MS = 15_000;

export interface SyncResult extends WriteCounts {
  feed: FeedRecord;
}

/**
 * Reads at most `max` bytes of the body; a longer one is a FeedError, and the rest is not
 * downloaded. A body that does not start as a feed is refused on its first SIGNATURE_BYTES,
 * before the rest is downloaded or parsed. The markup of the first bytes is ASCII in every
 * charset a feed uses: Latin-1 reads it as well as any.
 */
const readFeedBody = (response: Response, max: number) =>
  readCapped(response.body, response.headers.get('Content-Length'), max, () => new FeedError(`The feed is larger than ${max / 1024 / 1024} MiB.`), {
    bytes: SIGNATURE_BYTES,
    check: (head) => feedSignature(new TextDecoder('latin1').decode(head)),
  });

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

const toWrite = (item: FeedItem, categoryId: number | null, feedId: number): ArticleWrite => ({
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
  feedId,
});

/**
 * Fetches one feed with a conditional GET and upserts its items by guid (or link), together with
 * the feed's new state, in one batch. Whatever goes wrong is recorded on the feed; no article is
 * ever deleted or left half-written.
 */
export async function syncFeed(db: D1Database, feed: FeedRecord, { allowPrivate = false, timeoutMs = TIMEOUT_MS } = {}): Promise<SyncResult> {
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
    const { response, finalUrl } = await fetchPublic(feed.url, { headers, signal: AbortSignal.timeout(timeoutMs) }, { allowPrivate });
    if (response.status === 304) {
      await response.body?.cancel();
      return await finish({ status: 'not-modified', error: null, now: now() });
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw new FeedError(`The feed answered HTTP ${response.status}.`);
    }
    const text = decode(await readFeedBody(response, MAX_FEED_BYTES), response.headers.get('Content-Type') ?? '');
    const parsed = parseFeed(text, finalUrl, feed.timeZone);
    items = parsed.items.slice(0, MAX_FEED_ITEMS).map((item) => toWrite(item, feed.categoryId, feed.id));
    const note = parsed.items.length || !parsed.skipped ? null : `None of the ${parsed.skipped} items had a title and a link.`;
    outcome = {
      status: 'ok',
      error: note,
      validators: { etag: response.headers.get('ETag'), lastModified: response.headers.get('Last-Modified') },
      now: now(),
    };
  } catch (error) {
    const message =
      error instanceof FeedError
        ? error.message
        : error instanceof PrivateTargetError
          ? `Refused: ${error.message}.`
          : error instanceof Error && error.name === 'TimeoutError'
            ? `No answer within ${timeoutMs / 1000} s.`
            : `The feed could not be fetched: ${String((error as Error)?.message ?? error).slice(0, 200)}`;
    return finish({ status: 'error', error: message, now: now() });
  }
  return finish(outcome, items);
}

export interface DueFeedsOptions {
  /** the run's time, in milliseconds */
  now?: number;
  /** a feed fetched less than this long ago is not due (an admin's "sync now" counts) */
  minAgeSeconds?: number;
  /** feeds fetched per run, at most */
  limit?: number;
  /** no further feed is started once the run has taken this long */
  budgetMs?: number;
  /** how long one feed's fetch may take */
  timeoutMs?: number;
  allowPrivate?: boolean;
}

export interface DueFeedsReport {
  synced: SyncResult[];
  /** feeds whose sync threw (D1 failing, a bug): each is logged, backed off if D1 lets it be, and the run goes on */
  failed: { feedId: number; siteId: number; error: string }[];
}

/**
 * The Cron Trigger's part: the due feeds (round-robin across sites, see feedsDue), one after
 * another. Whatever happens to one feed is that feed's: its failure is recorded on it and backs
 * it off, and the next feed is still synced. Each attempt is booked before it starts
 * (claimFeedAttempt), so even a run the platform ends on one feed leaves that feed backed off.
 */
export async function syncDueFeeds(db: D1Database, options: DueFeedsOptions = {}): Promise<DueFeedsReport> {
  const { now = Date.now(), minAgeSeconds = RETRY_SECONDS.regular, limit = 10, budgetMs = 60_000, timeoutMs = TIMEOUT_MS, allowPrivate = false } = options;
  const seconds = Math.floor(now / 1000);
  const started = Date.now();
  const report: DueFeedsReport = { synced: [], failed: [] };
  for (const feed of await feedsDue(db, seconds, seconds - minAgeSeconds, limit)) {
    if (Date.now() - started > budgetMs) break;
    try {
      await claimFeedAttempt(db, feed, Math.floor(Date.now() / 1000));
      report.synced.push(await syncFeed(db, feed, { allowPrivate, timeoutMs }));
    } catch (error) {
      const message = String((error as Error)?.message ?? error).slice(0, 200);
      console.error(`feed ${feed.id} of site ${feed.siteId}: ${message}`);
      report.failed.push({ feedId: feed.id, siteId: feed.siteId, error: message });
      const outcome = { status: 'error', error: 'The import could not be saved; it will be tried again.', now: Math.floor(Date.now() / 1000) } as const;
      await feedOutcomeStatement(db, feed, outcome)
        .run()
        .catch(() => {});
    }
  }
  return report;
}
