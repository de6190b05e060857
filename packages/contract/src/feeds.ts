import * as z from 'zod';
import { BulkResult, CategorySlug, HttpUrl } from './articles.js';

/** `POST …/feeds`: an existing portal's RSS 2.0 or Atom feed, imported into one category. */
export const FeedInput = z
  .object({
    url: HttpUrl,
    category: CategorySlug.nullable().optional(),
  })
  .strict();
export type FeedInput = z.input<typeof FeedInput>;

export const FeedStatus = z.enum(['new', 'ok', 'not-modified', 'error']);
export type FeedStatus = z.infer<typeof FeedStatus>;

export const Feed = z.object({
  id: z.number().int(),
  url: HttpUrl,
  category: CategorySlug.nullable(),
  /** the outcome of the last fetch */
  status: FeedStatus,
  /** why the last fetch failed (the articles it imported before stay) */
  error: z.string().nullable(),
  /** ISO 8601, UTC; null before the first fetch */
  fetchedAt: z.string().nullable(),
  /** the last fetch that brought a new version of the feed */
  importedAt: z.string().nullable(),
  /** failed fetches in a row: each doubles the wait before the next attempt (15 min, 30 min … a day) */
  failures: z.number().int(),
  /** ISO 8601, UTC: the Cron Trigger fetches it no earlier; null before the first fetch */
  nextAttemptAt: z.string().nullable(),
  /** the site's articles this feed imported (any status), counted as they are written */
  articleCount: z.number().int().min(0),
});
export type Feed = z.infer<typeof Feed>;

export const FeedList = z.object({ items: z.array(Feed) });
export type FeedList = z.infer<typeof FeedList>;

/** `POST …/feeds/:id/sync` → what one fetch did. */
export const FeedSyncResult = BulkResult.extend({ feed: Feed });
export type FeedSyncResult = z.infer<typeof FeedSyncResult>;
