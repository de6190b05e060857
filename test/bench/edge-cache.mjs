// What the edge cache saves D1 (docs/edge-cache.md): the whole worker under wrangler's local
// runtime, D1 behind the metering binding (test/bench/metered-worker.mjs), answering a burst of
// identical public reads sent back to back, 50 at a time — first with the Workers Cache API hidden from it
// (before: every read goes to D1), then with it (after). Queries and rows read are exact counts.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { unstable_startWorker } from 'wrangler';
import { applyMigrations, d1, quietEnv, root } from '../../worker/scripts/wrangler.mjs';
import { fillArticlesSql } from './fill-articles.mjs';

const READS = Number(process.env.BENCH_EDGE_READS) || 1000;
const AT_ONCE = 50;
Object.assign(process.env, quietEnv);

/** A site with 1,000 articles and a rated item, in a fresh local D1 under `persistTo`. */
async function fill(persistTo) {
  await applyMigrations({ persistTo });
  await d1(
    `INSERT INTO sites (slug, name) VALUES ('bench', 'Trang thử tải');
     INSERT INTO rating_totals (site_id, item, count, total) SELECT id, 'news-1', 1234, 4321 FROM sites WHERE slug = 'bench';
     ${fillArticlesSql({ siteId: 1, count: 1000 })}`,
    { persistTo },
  );
}

export async function edgeCacheCost() {
  const persistTo = mkdtempSync(join(tmpdir(), 'civic-bench-edge-'));
  mkdirSync(join(root, 'dist'), { recursive: true });
  try {
    await fill(persistTo);
    const worker = await unstable_startWorker({
      config: join(root, 'wrangler.toml'),
      entrypoint: join(root, 'test/bench/metered-worker.mjs'),
      bindings: { VOTER_SECRET: { type: 'plain_text', value: 'bench-only-secret' } },
      dev: { persist: persistTo, server: { hostname: '127.0.0.1', port: 0 }, inspector: false, logLevel: 'warn' },
    });
    await worker.ready;
    const call = async (path) => {
      const response = await worker.fetch(`http://127.0.0.1${path}`);
      if (!response.ok) throw new Error(`${path} answered ${response.status}: ${await response.text()}`);
      return response;
    };
    try {
      /** `READS` reads of `path`: the D1 queries and rows they cost, and how long the burst took. */
      const burst = async (path) => {
        await call('/api/__bench/reset');
        const started = performance.now();
        // sent back to back, AT_ONCE in flight at any moment (a thousand sockets at once stall the local runtime)
        const bodies = [];
        let next = 0;
        const reader = async () => {
          while (next++ < READS) bodies.push(await (await call(path)).text());
        };
        await Promise.all(Array.from({ length: AT_ONCE }, reader));
        const ms = performance.now() - started;
        if (new Set(bodies).size !== 1) throw new Error(`${path}: the ${READS} answers differ`);
        return { ...(await (await call('/api/__bench/meter')).json()), ms };
      };
      const paths = {
        [`${READS.toLocaleString('en')} identical summary reads (GET …/ratings/:item)`]: '/api/v1/sites/bench/ratings/news-1',
        [`${READS.toLocaleString('en')} article-page reads (GET …/articles?limit=20)`]: '/api/v1/sites/bench/articles?limit=20',
      };
      const measured = {};
      for (const on of ['0', '1']) {
        if ((await (await call(`/api/__bench/edge?on=${on}`)).text()) !== (on === '1' ? 'object' : 'undefined'))
          throw new Error('could not switch the edge cache');
        for (const [name, path] of Object.entries(paths)) {
          console.error(`bench: ${name}, ${on === '1' ? 'with' : 'without'} the edge cache…`);
          (measured[name] ??= []).push(await burst(path));
        }
      }
      const ratio = (before, after) => (after ? `${(before / after).toFixed(0)} : 1` : `${before} : 0`);
      return {
        title: `D1 cost of a burst of ${READS.toLocaleString('en')} identical public reads (${AT_ONCE} in flight at a time), through the whole worker (before: Workers Cache API hidden; after: the edge cache)`,
        columns: [
          'burst',
          'D1 queries before',
          'D1 queries after',
          'queries before ÷ after',
          'after: site checks (1 a second)',
          'after: reads of the content',
          'rows read before',
          'rows read after',
          'burst ms before',
          'burst ms after',
        ],
        rows: Object.entries(measured).map(([name, [before, after]]) => [
          name,
          before.queries,
          after.queries,
          ratio(before.queries, after.queries),
          after.siteLookups,
          after.queries - after.siteLookups,
          before.rowsRead,
          after.rowsRead,
          Math.round(before.ms),
          Math.round(after.ms),
        ]),
      };
    } finally {
      await worker.dispose();
    }
  } finally {
    rmSync(persistTo, { recursive: true, force: true });
  }
}

// `node test/bench/edge-cache.mjs` runs this part alone
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) console.log(JSON.stringify(await edgeCacheCost(), null, 2));
