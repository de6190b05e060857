import * as z from 'zod';
import { TurnstileToken } from './sites.js';

/**
 * The one form of an item key: invisible format characters (soft hyphen, zero-width space, BOM,
 * bidi marks: \p{Cf}) removed and control characters turned into spaces. The contract accepts a
 * key only in this form, and the feed importer stores keys through the same function, so every
 * imported article is one the admin API can address.
 */
export const normalizeItemKey = (raw: string) => raw.replace(/\p{Cf}+/gu, '').replace(/\p{Cc}+/gu, ' ');

/**
 * The host portal's own key for what is rated: its article id, or the page's canonical URL.
 * At most 512 characters, printable: no control or invisible format characters (such as
 * right-to-left overrides), not blank. It need not exist in D1.
 */
export const ItemKey = z
  .string()
  .min(1)
  .max(512)
  .regex(/^(?!\s*$)[^\p{Cc}\p{Cf}]+$/u, 'printable characters only, not blank') // (the same rule, as a pattern for OpenAPI)
  .refine((key) => key === normalizeItemKey(key), 'printable characters only, not blank');

export const Stars = z.number().int().min(1).max(5);

/** `PUT /api/v1/sites/:site/ratings/:item` */
export const RatingVote = z
  .object({
    stars: Stars,
    turnstile: TurnstileToken.optional(),
  })
  .strict();
export type RatingVote = z.infer<typeof RatingVote>;

/**
 * `GET /api/v1/sites/:site/ratings/:item` → the same answer for every reader, so the edge may
 * share it (docs/edge-cache.md). A reader's own vote is not in it: the element keeps the PUT's answer.
 */
export const RatingSummary = z.object({
  item: ItemKey,
  /** total / count, rounded to two decimals; 0 when nobody has voted */
  average: z.number().min(0).max(5),
  count: z.number().int().min(0),
  /** the sum of all stars: the portal's "Tổng số điểm" */
  total: z.number().int().min(0),
});
export type RatingSummary = z.infer<typeof RatingSummary>;

/** `PUT /api/v1/sites/:site/ratings/:item` → the new summary and the reader's own vote (private, never cached). */
export const RatingVoteResult = RatingSummary.extend({
  /** the stars this reader's counted vote now has */
  mine: Stars,
  /**
   * The database state the vote was written at (opaque; also in the X-D1-Bookmark header): send it
   * back as `?after=` (or that header) and the summary read is at least as new, vote included.
   */
  bookmark: z.string().max(200),
});
export type RatingVoteResult = z.infer<typeof RatingVoteResult>;
