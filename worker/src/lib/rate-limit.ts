import { ApiError } from './errors.js';

/** Readers' writes are counted in fixed one-minute windows per network (see db/rate-limits.ts). */
export const WINDOW_SECONDS = 60;

/** The window `now` (Unix seconds) falls in. */
export const windowOf = (now: number) => Math.floor(now / WINDOW_SECONDS);

/** The 429 for a network over its limit, with Retry-After until the window ends. */
export function tooManyRequests(what: string, now: number): ApiError {
  const retryAfter = WINDOW_SECONDS - (now % WINDOW_SECONDS);
  return new ApiError(429, `Too many ${what} from this network; try again in ${retryAfter} s.`, undefined, {
    'Retry-After': String(retryAfter),
  });
}

// The isolate's own tally of attempts per bucket in the current window, in front of D1's exact
// one. An isolate sees only some of a bucket's attempts, so its tally never exceeds D1's: once it
// passes the limit, D1 would refuse too, and the attempt is refused here without a D1 write. A
// bucket D1 has refused is remembered the same way. Losing the tally (a new isolate, or the cap
// below) only sends attempts on to D1, which still decides.
const tally = new Map<string, { window: number; hits: number }>();
const TALLY_MAX = 10_000;

/**
 * Counts an attempt of `bucket` in `window` in this isolate, and throws the 429 when the isolate
 * alone has seen more than `limit`: the caller has not touched D1 yet, and now need not.
 */
export function preFilter(what: string, bucket: string, window: number, limit: number, now: number): void {
  let entry = tally.get(bucket);
  if (!entry || entry.window !== window) {
    if (tally.size >= TALLY_MAX) tally.clear();
    tally.set(bucket, (entry = { window, hits: 0 }));
  }
  if (++entry.hits > limit) throw tooManyRequests(what, now);
}

/** D1 refused `bucket` in `window`: later attempts in it are refused by `preFilter` alone. */
export function exhausted(bucket: string, window: number, limit: number): void {
  const entry = tally.get(bucket);
  if (entry?.window === window) entry.hits = Math.max(entry.hits, limit);
  else tally.set(bucket, { window, hits: limit });
}
