// Does the loader ask for everything at once? On a phone's network (Chromium's CDP throttling:
// 150 ms round trip, 1.6 Mbit/s down), the median time from the civic-widgets.js request to each
// element's first content on the demo page, with the loader as it was before (built at bench time
// from the commit named by BENCH_BEFORE, by default where this branch left main) and as it is
// now; the floor is the same page as static HTML (JavaScript off: the portal's own fallback
// markup), from its request to its first paint.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { root } from '../../worker/scripts/wrangler.mjs';
import { chromiumLaunchOptions } from '../support/chromium.mjs';
import { startTestWorker } from '../support/test-worker.mjs';

const RUNS = 5;
const PHONE = { offline: false, latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 750e3 / 8 };
const TAGS = ['civic-star-rating', 'civic-article-list', 'civic-photo-gallery', 'civic-link-directory'];

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const git = (...args) => execFileSync('git', args, { cwd: root, encoding: 'utf8' }).trim();

/** The elements and the demo of `commit`, built into a folder of their own (with this checkout's node_modules). */
function buildAt(commit) {
  const dir = mkdtempSync(join(tmpdir(), 'civic-before-'));
  execFileSync('sh', ['-c', `git archive ${commit} package.json tsconfig.json packages demo | tar -x -C "${dir}"`], { cwd: root });
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
  execFileSync(
    process.execPath,
    [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'packages/elements/vite.config.ts', '--logLevel', 'error'],
    { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  return dir;
}

/** One load of the demo page on the phone's network: ms from the script's request to each element's first content. */
async function load(browser, origin, javaScript = true) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, javaScriptEnabled: javaScript });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', PHONE);
  try {
    if (!javaScript) {
      await page.goto(`${origin}/`, { waitUntil: 'load' });
      // the floor: from the page's request to its first paint of its own HTML
      return { floor: await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN) };
    }
    await page.goto(`${origin}/`, { waitUntil: 'commit' });
    const times = {};
    for (const tag of TAGS) {
      times[tag] = await page
        .waitForFunction(
          (tag) => {
            const done = document.querySelector(tag)?.shadowRoot?.querySelector('[aria-busy=false]');
            const script = performance.getEntriesByType('resource').find((entry) => entry.name.endsWith('/civic-widgets.js'));
            return done && script ? (window[`__first ${tag}`] ??= performance.now() - script.startTime) : false;
          },
          tag,
          { polling: 'raf', timeout: 60_000 },
        )
        .then((handle) => handle.jsonValue());
    }
    return times;
  } finally {
    await context.close();
  }
}

export async function oneHop() {
  const before = process.env.BENCH_BEFORE || git('merge-base', 'HEAD', 'main');
  const dir = buildAt(before);
  const browser = await chromium.launch(chromiumLaunchOptions);
  const workers = [];
  try {
    const old = await startTestWorker({ seedDemo: true, assets: join(dir, 'dist') });
    workers.push(old);
    const now = await startTestWorker({ seedDemo: true });
    workers.push(now);
    const runs = { before: [], after: [], floor: [] };
    // interleaved, so that a busy moment of the machine hits both alike
    for (let run = 0; run < RUNS; run++) {
      runs.before.push(await load(browser, old.origin));
      runs.after.push(await load(browser, now.origin));
      runs.floor.push((await load(browser, now.origin, false)).floor);
    }
    const floor = median(runs.floor);
    const rows = TAGS.map((tag) => {
      const [b, a] = [median(runs.before.map((times) => times[tag])), median(runs.after.map((times) => times[tag]))];
      return [tag, b.toFixed(0), a.toFixed(0), (a / b).toFixed(2), floor.toFixed(0), (a / floor).toFixed(2)];
    });
    return {
      title: `One hop: script request → first content on a phone's network (150 ms RTT, 1.6 Mbit/s; median of ${RUNS}; before = ${before.slice(0, 7)})`,
      columns: ['element', 'before, ms', 'after, ms', 'after / before', 'static HTML floor, ms', 'after / floor'],
      rows,
    };
  } finally {
    await browser.close();
    for (const worker of workers) await worker.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

// `node test/bench/one-hop.mjs`: this section alone
if (import.meta.url === `file://${process.argv[1]}`) {
  const { title, columns, rows } = await oneHop();
  console.log(`### ${title}\n\n| ${columns.join(' | ')} |\n|${columns.map(() => '---').join('|')}|\n${rows.map((row) => `| ${row.join(' | ')} |`).join('\n')}`);
}
