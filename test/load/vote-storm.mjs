// `npm run test:load`: a storm of votes sent concurrently to `wrangler dev` on a local D1, with
// the worker killed by SIGKILL half-way while votes are in flight (no clean stop), then started
// again on the same D1 for the rest. Readers are networks (an IPv4 address, or an IPv6 /64 whose
// addresses change between requests), each request with a user agent of its own. Some readers
// change their vote later; some send two votes for one item at the same moment.
//
// Checked afterwards, in D1: every acknowledged vote is stored (its reader's row holds it, or
// the reader's later or simultaneous vote on that item); no row belongs to a vote never sent;
// each item's totals equal count(*) and sum(stars) of its vote rows; no answer was a 5xx.
// Exits non-zero otherwise. Traffic goes to 127.0.0.1 only, bounded in count and concurrency.
import { createHmac, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSiteSql } from '../../worker/scripts/sites.mjs';
import { freePort, startDev } from '../../worker/scripts/local.mjs';
import { applyMigrations, d1 } from '../../worker/scripts/wrangler.mjs';

const READERS = 1000;
const ITEMS = 20;
const VOTES_PER_READER = 3;
const REVOTE_EVERY = 5; // every 5th reader changes one of their votes later
const TWIN_EVERY = 7; // every 7th reader sends two votes for one item at the same moment
const IN_FLIGHT = 48;
const SLUG = 'storm';
const ORIGIN = 'https://storm.example.gov.vn';

const persistTo = mkdtempSync(join(tmpdir(), 'civic-storm-'));
const secret = randomBytes(32).toString('hex');

// Even readers are IPv4 addresses, odd ones IPv6 /64s (any address inside stands for the reader).
const networkOf = (reader) => (reader % 2 ? `2001:db8:5:${(reader + 1).toString(16)}::/64` : `10.${(reader >> 8) & 255}.${reader & 255}.${1 + (reader >> 16)}`);
const addressOf = (reader, n) => (reader % 2 ? `2001:db8:5:${(reader + 1).toString(16)}:${(n % 65535).toString(16)}::${(n % 9) + 1}` : networkOf(reader));
// The worker's voter key (worker/src/lib/reader.ts): HMAC-SHA-256 of purpose, site, item and network.
const voterKey = (item, reader) =>
  createHmac('sha256', secret)
    .update(['voter', SLUG, item, networkOf(reader)].join('\u0000'))
    .digest('hex');

/**
 * The work, as tasks: a task is one vote, or votes sent together (twins), or a vote and the
 * change of mind sent after it is answered. Every vote sent is logged under its (reader, item).
 */
const tasks = [];
for (let reader = 0; reader < READERS; reader++) {
  for (let k = 0; k < VOTES_PER_READER; k++) {
    const item = `storm-${(reader * 7 + k * 3) % ITEMS}`;
    const stars = 1 + ((reader + k) % 5);
    const other = 1 + ((reader + k + 2) % 5);
    if (k === 0 && reader % TWIN_EVERY === 0) tasks.push({ kind: 'twins', reader, item, stars: [stars, other] });
    else if (k === 1 && reader % REVOTE_EVERY === 0) tasks.push({ kind: 'sequence', reader, item, stars: [stars, other] });
    else tasks.push({ kind: 'sequence', reader, item, stars: [stars] });
  }
}
// spread each reader's tasks through the storm, so the kill falls amid every kind
for (let i = tasks.length - 1; i > 0; i--) {
  const j = (i * 7919) % (i + 1);
  [tasks[i], tasks[j]] = [tasks[j], tasks[i]];
}
const totalVotes = tasks.reduce((sum, task) => sum + task.stars.length, 0);

/** (reader, item) → { kind, sent: [{ stars, acked }] } */
const log = new Map();
const failures = [];
let requests = 0;
let acknowledged = 0;
let lost = 0;

let dev;
let ready;
let killed = false;
/** 'first run', 'crashing' (from the SIGKILL until the new worker answers), 'after restart' */
let phase = 'first run';
const crashAnswers = [];
let proxyRetries = 0;
let pending = 0;

const start = async () => startDev({ port: await freePort(), persistTo, vars: { VOTER_SECRET: secret, VOTES_PER_MINUTE: '100000' } });

/** The PIDs of a process's descendants (Linux /proc), children first listed last. */
function descendants(pid) {
  const found = [];
  for (const task of (() => {
    try {
      return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8');
    } catch {
      return '';
    }
  })()
    .split(' ')
    .filter(Boolean)) {
    found.push(...descendants(Number(task)), Number(task));
  }
  return found;
}

/** SIGKILL to workerd and the wrangler that started it: a crash mid-flight, not a stop. */
async function crash() {
  const wrangler = dev.process;
  const exited = new Promise((resolve) => (wrangler.exitCode === null ? wrangler.once('exit', resolve) : resolve()));
  for (const pid of [...descendants(wrangler.pid), wrangler.pid]) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // gone already
    }
  }
  await exited;
}

async function sendVote(reader, item, stars, n) {
  const entry = log.get(`${reader} ${item}`);
  const sent = { stars, acked: false };
  entry.sent.push(sent);
  for (let attempt = 1; ; attempt++) {
    const { origin } = await ready;
    requests++;
    pending++;
    try {
      const response = await fetch(`${origin}/api/v1/sites/${SLUG}/ratings/${item}`, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json', Origin: ORIGIN, 'CF-Connecting-IP': addressOf(reader, n), 'User-Agent': `StormBrowser/${n}` },
        body: JSON.stringify({ stars }),
      });
      const text = await response.text();
      // wrangler dev's own proxy, not the worker, answers this when it loses a request to the
      // runtime (seen under heavy machine load): the vote may or may not be stored, and the
      // answer asks for the request again, as a reader's retry would send it
      if (response.status === 503 && text.startsWith('Your worker restarted mid-request') && attempt < 4) {
        proxyRetries++;
        continue;
      }
      // nothing here is refused: no limit is reached, so any answer but 200 is a failure (a 5xx
      // above all), unless the worker was being killed as it answered
      if (!response.ok && phase === 'crashing') crashAnswers.push(response.status);
      else if (!response.ok) failures.push(`${response.status} ${phase} for reader ${reader} on ${item}: ${text.slice(0, 200)}`);
      sent.acked = response.ok;
      if (response.ok) acknowledged++;
    } catch {
      lost++; // the worker was killed with this vote in flight: it may or may not be stored
    } finally {
      pending--;
    }
    return;
  }
}

async function runTask(task, n) {
  log.set(`${task.reader} ${task.item}`, { kind: task.kind, sent: [] });
  if (task.kind === 'twins') await Promise.all(task.stars.map((stars, i) => sendVote(task.reader, task.item, stars, n * 2 + i)));
  else for (const [i, stars] of task.stars.entries()) await sendVote(task.reader, task.item, stars, n * 2 + i);
}

/** The D1 rows, read through wrangler once the worker is stopped. */
async function readD1() {
  const site = `(SELECT id FROM sites WHERE slug = '${SLUG}')`;
  const votes = await d1(`SELECT item, voter_key, stars FROM rating_votes WHERE site_id = ${site}`, { persistTo });
  const totals = await d1(`SELECT item, count, total FROM rating_totals WHERE site_id = ${site}`, { persistTo });
  return { votes, totals };
}

function check({ votes, totals }) {
  const byKey = new Map(votes.map((row) => [`${row.item} ${row.voter_key}`, row]));
  const known = new Set();
  for (const [pair, { kind, sent }] of log) {
    const [reader, item] = pair.split(' ');
    const key = `${item} ${voterKey(item, Number(reader))}`;
    known.add(key);
    const row = byKey.get(key);
    const acked = sent.filter((vote) => vote.acked);
    if (!row) {
      if (acked.length) failures.push(`reader ${reader} on ${item}: acknowledged ${acked.map((v) => v.stars)} but no vote row`);
      continue;
    }
    if (!sent.some((vote) => vote.stars === row.stars)) failures.push(`reader ${reader} on ${item}: D1 holds ${row.stars}, never sent`);
    // a change of mind sent after the first vote was answered, and answered: D1 holds it
    if (kind === 'sequence' && sent.at(-1).acked && row.stars !== sent.at(-1).stars) {
      failures.push(`reader ${reader} on ${item}: last acknowledged vote ${sent.at(-1).stars}, D1 holds ${row.stars}`);
    }
  }
  for (const key of byKey.keys()) if (!known.has(key)) failures.push(`a vote row no reader sent: ${key.slice(0, 40)}`);

  const fromRows = new Map();
  for (const { item, stars } of votes) {
    const sums = fromRows.get(item) ?? { count: 0, total: 0 };
    fromRows.set(item, { count: sums.count + 1, total: sums.total + stars });
  }
  for (const { item, count, total } of totals) {
    const rows = fromRows.get(item) ?? { count: 0, total: 0 };
    if (rows.count !== count || rows.total !== total) failures.push(`totals of ${item}: ${count}/${total}, its vote rows ${rows.count}/${rows.total}`);
  }
  if (totals.length !== fromRows.size) failures.push(`${totals.length} totals rows for ${fromRows.size} items with votes`);
}

try {
  await applyMigrations({ persistTo });
  await d1(createSiteSql({ slug: SLUG, name: 'Bão bình chọn', origins: [ORIGIN] }).sql, { persistTo });

  dev = await start();
  ready = Promise.resolve(dev);
  const started = performance.now();
  let next = 0;
  let crashAt;
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (next < tasks.length) {
        const n = next++;
        await runTask(tasks[n], n);
        // half-way, with the other senders' votes still in flight: kill, then start again
        if (!killed && requests >= totalVotes / 2) {
          killed = true;
          let restarted;
          ready = new Promise((resolve) => (restarted = resolve));
          const inFlight = pending;
          crashAt = performance.now();
          phase = 'crashing';
          await crash();
          console.log(`storm: SIGKILL to wrangler dev after ${requests} votes sent, ${acknowledged} acknowledged, ${inFlight} in flight`);
          dev = await start();
          console.log(`storm: restarted on the same D1 in ${((performance.now() - crashAt) / 1000).toFixed(1)} s`);
          phase = 'after restart';
          restarted(dev);
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  await dev.stop();

  const stored = await readD1();
  check(stored);
  const twins = tasks.filter((task) => task.kind === 'twins').length;
  const changes = tasks.filter((task) => task.kind === 'sequence' && task.stars.length === 2).length;
  console.log(
    `storm: ${totalVotes} votes from ${READERS} readers on ${ITEMS} items (${changes} changes of mind, ${twins} simultaneous pairs) in ${seconds.toFixed(0)} s; ` +
      `${acknowledged} acknowledged, ${lost} lost in flight to the SIGKILL (and ${crashAnswers.length} answered ${[...new Set(crashAnswers)].join('/') || '-'} as it died; ${proxyRetries} sent again after wrangler's proxy lost them); ${stored.votes.length} vote rows; totals ${failures.length ? 'WRONG' : 'exact'}`,
  );
  if (!killed) failures.push('the worker was never killed');
  if (lost === 0) failures.push('no vote was in flight at the kill: it did not test a crash mid-flight');
} catch (error) {
  failures.push(String(error?.stack ?? error));
  await dev?.stop().catch(() => {});
} finally {
  rmSync(persistTo, { recursive: true, force: true });
}
for (const failure of failures.slice(0, 20)) console.error(`storm: ${failure}`);
console.log(`${failures.length ? 0 : 1} passed, ${failures.length ? 1 : 0} failed`);
process.exitCode = failures.length ? 1 : 0;
