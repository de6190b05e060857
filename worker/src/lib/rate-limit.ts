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
