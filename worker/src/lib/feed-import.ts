import { upsertArticles, type ArticleWrite, type WriteCounts } from '../db/articles.js';
import {
  beforeClaim,
  claimFeedAttempt,
  claimStatement,
  releaseStatement,
  feedOutcomeStatement,
  feedsDue,
  findFeed,
  RETRY_SECONDS,
  type FeedRecord,
  type FetchOutcome,
} from '../db/feeds.js';
import { eachConcurrently } from './concurrency.js';
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

/** What the feeds queue carries: which feed, no more. The consumer reads the feed's row again. */
export interface FeedMessage {
  feedId: number;
  siteId: number;
}

/**
 * Feeds one queued Cron run books and sends, at most. The Cron runs every 15 minutes and a feed
 * that answered is due again 10 minutes later (RETRY_SECONDS.regular), so each run must take every
 * feed due: 10,000 per run (40,000 fetches an hour) re-reads 10,000 feeds every 15 minutes, the
 * country's 3,321 communes and wards at three feeds each. The run's cost is one read of the due
 * rows, 100 claim batches and 100 `sendBatch` calls (docs/feeds.md, "Capacity").
 */
export const QUEUED_PER_RUN = 10_000;
/** Feeds one run imports itself, one after another, when no queue is bound. */
export const SYNCED_PER_RUN = 10;
/** Messages per `sendBatch` (the platform's limit), and claims per D1 batch alike. */
const SEND_CHUNK = 100;

export interface DueFeedsOptions {
  /** the run's time, in milliseconds */
  now?: number;
  /** a feed fetched less than this long ago is not due (an admin's "sync now" counts) */
  minAgeSeconds?: number;
  /** feeds taken per run, at most (default: QUEUED_PER_RUN with a queue, SYNCED_PER_RUN without) */
  limit?: number;
  /** in-process only: no further feed is started once the run has taken this long */
  budgetMs?: number;
  /** how long one feed's fetch may take */
  timeoutMs?: number;
  allowPrivate?: boolean;
  /** the feeds queue: the due feeds are sent to it rather than imported here */
  queue?: Queue<FeedMessage>;
}

export interface FailedImport {
  feedId: number;
  siteId: number;
  error: string;
}

export interface DueFeedsReport {
  synced: SyncResult[];
  /** feeds whose sync threw (D1 failing, a bug): each is logged, backed off if D1 lets it be, and the run goes on */
  failed: FailedImport[];
  /** feeds booked and sent to the queue */
  queued: number;
}

/**
 * syncFeed, and should it throw (D1 failing while the import is saved, a bug), that failure
 * recorded on the feed, which backs it off like any failing feed. Throws only when even that
 * record cannot be written: D1 itself is failing.
 */
export async function importFeed(
  db: D1Database,
  feed: FeedRecord,
  options: { allowPrivate?: boolean; timeoutMs?: number },
): Promise<SyncResult | FailedImport> {
  try {
    return await syncFeed(db, feed, options);
  } catch (error) {
    const message = String((error as Error)?.message ?? error).slice(0, 200);
    console.error(`feed ${feed.id} of site ${feed.siteId}: ${message}`);
    const outcome = { status: 'error', error: 'The import could not be saved; it will be tried again.', now: Math.floor(Date.now() / 1000) } as const;
    await feedOutcomeStatement(db, feed, outcome).run();
    return { feedId: feed.id, siteId: feed.siteId, error: message };
  }
}

/**
 * The Cron Trigger's part: the due feeds, round-robin across sites (see feedsDue), each attempt
 * booked before anything else happens to it (claimFeedAttempt), so a feed whose import never
 * reports back is backed off rather than picked first again at the next run.
 *
 * With the feeds queue bound, the run only books them and sends them to the queue, a hundred at a
 * time: the queue's consumer (importQueuedFeeds) imports them, many invocations at once, so a run
 * covers thousands of feeds. Without it (the binding taken out of wrangler.toml, and
 * tests that call `scheduled` without one) the run imports a few itself, one after another, as
 * before: the same picking and booking, so neither way can take a feed the other has booked.
 * Whatever happens to one feed is that feed's: its failure is recorded on it, and the next feed is
 * still synced.
 */
export async function syncDueFeeds(db: D1Database, options: DueFeedsOptions = {}): Promise<DueFeedsReport> {
  const { now = Date.now(), minAgeSeconds = RETRY_SECONDS.regular, queue, budgetMs = 60_000, timeoutMs = TIMEOUT_MS, allowPrivate = false } = options;
  const limit = options.limit ?? (queue ? QUEUED_PER_RUN : SYNCED_PER_RUN);
  const seconds = Math.floor(now / 1000);
  const started = Date.now();
  const report: DueFeedsReport = { synced: [], failed: [], queued: 0 };
  const due = await feedsDue(db, seconds, seconds - minAgeSeconds, limit);
  if (queue) {
    for (let start = 0; start < due.length; start += SEND_CHUNK) {
      const chunk = due.slice(start, start + SEND_CHUNK);
      const at = Math.floor(Date.now() / 1000);
      await db.batch(chunk.map((feed) => claimStatement(db, feed, at)));
      try {
        await queue.sendBatch(chunk.map((feed) => ({ body: { feedId: feed.id, siteId: feed.siteId } })));
      } catch (error) {
        // nothing was fetched: the feeds are put back as they were, not backed off for a failure
        // they did not have, and the next run sends them again
        await db.batch(chunk.map((feed) => releaseStatement(db, feed, at))).catch(() => {});
        throw error;
      }
      report.queued += chunk.length;
    }
    return report;
  }
  for (const feed of due) {
    if (Date.now() - started > budgetMs) break;
    try {
      await claimFeedAttempt(db, feed, Math.floor(Date.now() / 1000));
      const result = await importFeed(db, feed, { allowPrivate, timeoutMs });
      if ('error' in result) report.failed.push(result);
      else report.synced.push(result);
    } catch (error) {
      const message = String((error as Error)?.message ?? error).slice(0, 200);
      console.error(`feed ${feed.id} of site ${feed.siteId}: ${message}`);
      report.failed.push({ feedId: feed.id, siteId: feed.siteId, error: message });
    }
  }
  return report;
}

/**
 * The feeds queue's consumer: each message's feed, read again (deleted meanwhile: nothing to do;
 * fetched meanwhile: nothing to do), is imported with syncFeed, `concurrency` at a time. A feed that
 * finished is acked, whatever the import found: an HTTP error, a time-out or a refused body is the
 * feed's own outcome, recorded and backed off. Only D1 failing (the feed cannot be read, nor its
 * outcome written) retries the message, after the queue's delay. Resolves with the sites whose
 * articles changed.
 */
export async function importQueuedFeeds(
  batch: MessageBatch<FeedMessage>,
  db: D1Database,
  { allowPrivate = false, timeoutMs = TIMEOUT_MS, concurrency = 6 } = {},
): Promise<number[]> {
  const changed = new Set<number>();
  await eachConcurrently(batch.messages, concurrency, async (message) => {
    const { feedId, siteId } = (message.body ?? {}) as Partial<FeedMessage>;
    if (!Number.isSafeInteger(feedId) || !Number.isSafeInteger(siteId)) {
      // not one the Cron sent (sent by hand, an older shape): no retry would make it one
      console.error(`feeds queue: message ${message.id} names no feed, dropped: ${JSON.stringify(message.body)?.slice(0, 200)}`);
      message.ack();
      return;
    }
    try {
      const found = await findFeed(db, siteId!, feedId!);
      const feed = found && beforeClaim(found);
      if (feed) {
        const result = await importFeed(db, feed, { allowPrivate, timeoutMs });
        if (!('error' in result) && result.created + result.updated > 0) changed.add(feed.siteId);
      }
      message.ack();
    } catch (error) {
      console.error(`queued feed ${feedId} of site ${siteId}, attempt ${message.attempts}: ${String((error as Error)?.message ?? error).slice(0, 200)}`);
      message.retry();
    }
  });
  return [...changed];
}
