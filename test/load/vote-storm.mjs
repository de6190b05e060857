// `npm run test:load`: 10,000 votes from 2,000 readers on 20 items, sent concurrently to
// `wrangler dev` on a local D1, with the worker stopped and restarted half-way. Every
// acknowledged vote must be in the totals, exactly; no answer may be a 5xx. Exits non-zero
// otherwise. Traffic goes to 127.0.0.1 only, bounded in count and concurrency.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { createSiteSql } from '../../worker/scripts/sites.mjs';
import { freePort, startDev } from '../../worker/scripts/local.mjs';
import { applyMigrations, d1 } from '../../worker/scripts/wrangler.mjs';

const READERS = 2000;
const ITEMS = 20;
const VOTES_PER_READER = 5; // 2,000 × 5 = 10,000 votes
const IN_FLIGHT = 48;
const ORIGIN = 'https://storm.example.gov.vn';

const persistTo = mkdtempSync(join(tmpdir(), 'civic-storm-'));
const secret = randomBytes(32).toString('hex');
// every reader votes once on each of their 5 items, with stars from 1 to 5
const votes = [];
for (let reader = 0; reader < READERS; reader++) {
  for (let k = 0; k < VOTES_PER_READER; k++) votes.push({ reader, item: `storm-${(reader * 7 + k * 3) % ITEMS}`, stars: 1 + ((reader + k) % 5) });
}

const start = async () =>
  startDev({ port: await freePort(), persistTo, vars: { VOTER_SECRET: secret, VOTES_PER_MINUTE: '100000' } });

async function send(origin, batch, acknowledged, failures) {
  let next = 0;
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (next < batch.length) {
        const vote = batch[next++];
        const response = await fetch(`${origin}/api/v1/sites/storm/ratings/${vote.item}`, {
          method: 'PUT',
          headers: {
            'Content-Type': 'application/json',
            Origin: ORIGIN,
            // one network per 10 readers; each reader's own browser
            'CF-Connecting-IP': `198.51.100.${vote.reader % 200}`,
            'User-Agent': `StormReader/${vote.reader}`,
          },
          body: JSON.stringify({ stars: vote.stars }),
        });
        await response.arrayBuffer();
        if (response.status >= 500) failures.push(`${response.status} for ${JSON.stringify(vote)}`);
        if (response.ok) acknowledged.push(vote);
      }
    }),
  );
}

const failures = [];
const acknowledged = [];
try {
  await applyMigrations({ persistTo });
  await d1(createSiteSql({ slug: 'storm', name: 'Bão bình chọn', origins: [ORIGIN] }).sql, { persistTo });

  const half = votes.length / 2;
  let dev = await start();
  const started = performance.now();
  await send(dev.origin, votes.slice(0, half), acknowledged, failures);
  console.log(`storm: ${acknowledged.length} votes acknowledged; stopping wrangler dev half-way`);
  await dev.stop();
  dev = await start();
  await send(dev.origin, votes.slice(half), acknowledged, failures);
  const seconds = (performance.now() - started) / 1000;
  await dev.stop();

  const expected = new Map();
  for (const { item, stars } of acknowledged) {
    const totals = expected.get(item) ?? { count: 0, total: 0 };
    expected.set(item, { count: totals.count + 1, total: totals.total + stars });
  }
  const rows = await d1("SELECT item, count, total FROM rating_totals WHERE site_id = (SELECT id FROM sites WHERE slug = 'storm') ORDER BY item", { persistTo });
  const [{ votes: voteRows }] = await d1('SELECT count(*) AS votes FROM rating_votes', { persistTo });
  for (const row of rows) {
    const want = expected.get(row.item);
    if (!want || want.count !== row.count || want.total !== row.total) failures.push(`totals of ${row.item}: D1 ${row.count}/${row.total}, acknowledged ${want?.count}/${want?.total}`);
  }
  if (rows.length !== expected.size) failures.push(`${rows.length} items in D1, ${expected.size} acknowledged`);
  if (voteRows !== acknowledged.length) failures.push(`${voteRows} vote rows in D1, ${acknowledged.length} acknowledged`);
  if (acknowledged.length !== votes.length) failures.push(`${votes.length - acknowledged.length} votes were not acknowledged`);
  console.log(`storm: ${acknowledged.length} of ${votes.length} votes acknowledged in ${seconds.toFixed(0)} s across a restart; ${rows.length} items, totals ${failures.length ? 'WRONG' : 'exact'}`);
} catch (error) {
  failures.push(String(error?.stack ?? error));
} finally {
  rmSync(persistTo, { recursive: true, force: true });
}
for (const failure of failures.slice(0, 20)) console.error(`storm: ${failure}`);
console.log(`${failures.length ? 0 : 1} passed, ${failures.length ? 1 : 0} failed`);
process.exitCode = failures.length ? 1 : 0;
