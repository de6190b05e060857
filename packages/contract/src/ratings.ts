import * as z from 'zod';
import { TurnstileToken } from './sites.js';

/**
 * The host portal's own key for what is rated: its article id, or the page's canonical URL.
 * At most 512 characters, printable: no control or invisible format characters (such as
 * right-to-left overrides), not blank. It need not exist in D1.
 */
export const ItemKey = z
  .string()
  .min(1)
  .max(512)
  .regex(/^(?!\s*$)[^\p{Cc}\p{Cf}]+$/u, 'printable characters only, not blank');

export const Stars = z.number().int().min(1).max(5);

/** `PUT /api/v1/sites/:site/ratings/:item` */
export const RatingVote = z
  .object({
    stars: Stars,
    turnstile: TurnstileToken.optional(),
  })
  .strict();
export type RatingVote = z.infer<typeof RatingVote>;

/** `GET|PUT /api/v1/sites/:site/ratings/:item` → */
export const RatingSummary = z.object({
  item: ItemKey,
  /** total / count, rounded to two decimals; 0 when nobody has voted */
  average: z.number().min(0).max(5),
  count: z.number().int().min(0),
  /** the sum of all stars: the portal's "Tổng số điểm" */
  total: z.number().int().min(0),
  /** this reader's own stars, or null when they have not voted */
  mine: Stars.nullable(),
});
export type RatingSummary = z.infer<typeof RatingSummary>;
