// D1 cost per request of the public endpoints, at the scale DESIGN.md sets (1,000,000 votes …),
// measured on a local D1 through the worker's own db/ functions and a metering binding.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getPlatformProxy } from 'wrangler';
import { applyMigrations, d1, root } from '../../worker/scripts/wrangler.mjs';
import { meteredD1 } from './metered-d1.mjs';
import { importWorkerModule } from './worker-modules.mjs';

export const SCALE = { votes: 1_000_000, ratedItems: 10_000 };

/** Fills a fresh local D1 in SQL (recursive CTEs: seconds, not minutes). */
async function fill(persistTo) {
  await applyMigrations({ persistTo });
  await d1(
    `INSERT INTO sites (slug, name) VALUES ('bench', 'Bench');
     WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${SCALE.votes})
     INSERT INTO rating_votes (site_id, item, voter_key, stars, voted_at)
     SELECT 1, 'news-' || (i % ${SCALE.ratedItems}), hex(randomblob(16)), 1 + (i % 5), 0 FROM n;
     INSERT INTO rating_totals (site_id, item, count, total)
     SELECT site_id, item, count(*), sum(stars) FROM rating_votes GROUP BY site_id, item;`,
    { persistTo },
  );
}

export async function d1Cost() {
  const persistTo = mkdtempSync(join(tmpdir(), 'civic-bench-d1-'));
  const proxy = await getPlatformProxy({ configPath: join(root, 'wrangler.toml'), persist: { path: join(persistTo, 'v3') } });
  try {
    await fill(persistTo);
    const { db, meter, reset } = meteredD1(proxy.env.DB);
    const ratings = await importWorkerModule(join(root, 'worker/src/db/ratings.ts'));
    const sites = await importWorkerModule(join(root, 'worker/src/db/sites.ts'));
    const [voter] = (await proxy.env.DB.prepare("SELECT voter_key FROM rating_votes WHERE item = 'news-7' LIMIT 1").all()).results;

    const rows = [];
    const measure = async (what, run) => {
      reset();
      await run();
      rows.push([what, meter.queries, meter.rowsRead, meter.rowsWritten]);
    };
    await measure('site lookup (once a minute per isolate)', () => sites.findSiteBySlug(db, 'bench'));
    await measure('GET rating, a reader who voted', () => ratings.getRatingSummary(db, 1, 'news-7', voter.voter_key));
    await measure('GET rating, a reader who did not', () => ratings.getRatingSummary(db, 1, 'news-7', 'someone-new'));
    await measure('PUT rating, a first vote (one batch)', () =>
      ratings.castVote(db, { siteId: 1, item: 'news-7', voterKey: 'someone-new', stars: 4, networkKey: 'net', window: 1, limit: 10 }),
    );
    await measure('PUT rating, a changed vote (one batch)', () =>
      ratings.castVote(db, { siteId: 1, item: 'news-7', voterKey: 'someone-new', stars: 2, networkKey: 'net', window: 1, limit: 10 }),
    );
    return {
      title: `D1 cost per request (local D1 holding ${SCALE.votes.toLocaleString('en')} votes on ${SCALE.ratedItems.toLocaleString('en')} items)`,
      columns: ['request', 'queries', 'rows read', 'rows written'],
      rows,
    };
  } finally {
    await proxy.dispose();
    rmSync(persistTo, { recursive: true, force: true });
  }
}
