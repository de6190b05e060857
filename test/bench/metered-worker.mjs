// The whole worker as the edge-cache benchmark runs it (test/bench/edge-cache.mjs): its own fetch,
// with D1 behind the metering binding, and three routes of the bench's own:
//   /api/__bench/meter         the queries and rows D1 was asked for since the last reset, and how
//                          many of the queries were site lookups (the once-a-second check) (JSON)
//   /api/__bench/reset         zeroes the meter
//   /api/__bench/edge?on=0|1   0 hides the Workers Cache API from the worker — every read goes to D1,
//                          as before the edge cache — and 1 gives it back
import worker from '../../worker/src/index.ts';
import { meteredD1 } from './metered-d1.mjs';

let metered;
let siteLookups = 0;
const caches = Object.getOwnPropertyDescriptor(globalThis, 'caches');

/** `db` (a binding or a session) counting the statements that look a site up by its slug. */
const countingSiteLookups = (db) => ({
  ...db,
  prepare: (sql) => ((siteLookups += /FROM sites WHERE slug/.test(sql)), db.prepare(sql)),
  ...(db.withSession && { withSession: (start) => countingSiteLookups(db.withSession(start)) }),
});

export default {
  fetch(request, env, ctx) {
    metered ??= meteredD1(env.DB);
    const url = new URL(request.url);
    if (url.pathname === '/api/__bench/meter') return Response.json({ ...metered.meter, siteLookups });
    if (url.pathname === '/api/__bench/reset') return new Response(String(metered.reset(), (siteLookups = 0)));
    if (url.pathname === '/api/__bench/edge') {
      Object.defineProperty(globalThis, 'caches', url.searchParams.get('on') === '1' ? caches : { value: undefined, configurable: true });
      return new Response(typeof globalThis.caches);
    }
    return worker.fetch(request, { ...env, DB: countingSiteLookups(metered.db) }, ctx);
  },
};
