import { deleteExpiredClicks, dueLinks, recordChecks, type CheckResult } from '../db/links.js';
import { fetchPublic } from './targets.js';
import { eachConcurrently } from './concurrency.js';

export interface HealthCheckOptions {
  /** the run's time, in milliseconds (the Cron Trigger's scheduledTime) */
  now: number;
  /** links checked per run, at most (each costs one or two subrequests) */
  limit?: number;
  /** how long one request may take, in milliseconds */
  timeoutMs?: number;
  /** requests at once (Workers let an invocation keep six connections open) */
  concurrency?: number;
  fetcher?: typeof fetch;
  /** whether links may point at loopback or private addresses (local development only: lib/targets.ts) */
  allowPrivate?: boolean;
}

const USER_AGENT = 'Mozilla/5.0 (compatible; civic-widgets link check)';

/**
 * Whether the server at `url` answers: HEAD first (cheap), then GET (many servers refuse or
 * mishandle HEAD). A 2xx or 3xx answers; so does a GET refused with 401, 403 or 429, since the
 * site is there and a reader's browser may well be let in. A timeout, a network error, a 404,
 * a 410 or a 5xx does not. Neither does a link (or a redirect) to a loopback or private
 * address, unless `allowPrivate`: it is not requested at all.
 */
export async function probe(url: string, fetcher: typeof fetch = fetch, timeoutMs = 8000, allowPrivate = false): Promise<boolean> {
  for (const method of ['HEAD', 'GET']) {
    try {
      const init = { method, headers: { 'User-Agent': USER_AGENT, Accept: 'text/html,*/*' }, signal: AbortSignal.timeout(timeoutMs) };
      const { response } = await fetchPublic(url, init, { allowPrivate, fetcher });
      await response.body?.cancel();
      if (response.status < 400 || (method === 'GET' && [401, 403, 429].includes(response.status))) return true;
    } catch {
      // a timeout, a network error or a refused address: try the next method, then give up
    }
  }
  return false;
}

/**
 * The Cron Trigger's link work: forgets clicks older than the 30-minute dedupe window, then
 * checks a bounded number of the links that are due, a few at a time, and records the results.
 */
export async function checkLinks(db: D1Database, options: HealthCheckOptions) {
  const { limit = 20, timeoutMs = 8000, concurrency = 6, fetcher = fetch, allowPrivate = false } = options;
  const now = Math.floor(options.now / 1000);
  // the click-key cleanup is a step of its own: its failure does not stop the checks
  await deleteExpiredClicks(db, now).catch((error: Error) => console.error(`click-key cleanup failed: ${error.message}`));
  const due = await dueLinks(db, now, limit);
  const results: CheckResult[] = [];
  await eachConcurrently(due, concurrency, async (link) => {
    results.push({ ...link, answered: await probe(link.url, fetcher, timeoutMs, allowPrivate) });
  });
  // the sites whose directories read differently now: a link's health changed (for the edge cache's generations)
  const sites = await recordChecks(db, results, now);
  return { checked: results.length, failed: results.filter((result) => !result.answered).length, sites };
}
