// `npm run bench`: sizes beside the peers, D1 cost per request at scale, throughput ratios under
// wrangler dev, and first-content time and layout shift in Chromium — all in one run, printed as
// one report and written to BENCHMARKS.md with the machine and the date.
import { cpus, totalmem } from 'node:os';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from '../../worker/scripts/wrangler.mjs';
import { articlesCost } from './articles-cost.mjs';
import { browserTimings } from './browser.mjs';
import { d1Cost } from './d1-cost.mjs';
import { feedParse } from './feed-parse.mjs';
import { oneHop } from './one-hop.mjs';
import { edgeCacheCost } from './edge-cache.mjs';
import { shippedSizes, sizes } from './sizes.mjs';
import { throughput } from './throughput.mjs';

const table = ({ title, columns, rows }) =>
  [`### ${title}`, '', `| ${columns.join(' | ')} |`, `|${columns.map(() => '---').join('|')}|`, ...rows.map((row) => `| ${row.join(' | ')} |`), ''].join('\n');

// `npm run bench -- sizes "what ships"` runs only the named sections and replaces their tables
// in the BENCHMARKS.md of the last full run (after a change that moves only those figures).
const only = process.argv.slice(2);
const sections = [];
for (const [name, run] of [
  ['sizes', () => sizes()],
  ['what ships', () => shippedSizes()],
  ['D1 cost', () => d1Cost()],
  ['article lists in D1', () => articlesCost()],
  ['feed reader', () => feedParse()],
  ['edge cache', () => edgeCacheCost()],
  [
    'throughput',
    () =>
      throughput({
        'GET /api/v1/ping (no database)': '/api/v1/ping',
        'GET /api/v1/sites/:site': '/api/v1/sites/htx-thainguyen',
        'GET …/ratings/:item': '/api/v1/sites/htx-thainguyen/ratings/news-1',
        'GET …/articles?limit=20': '/api/v1/sites/htx-thainguyen/articles?limit=20',
        'GET …/albums/:album': '/api/v1/sites/htx-thainguyen/albums/hoat-dong-lien-minh',
        'GET …/links': '/api/v1/sites/htx-thainguyen/links',
      }),
  ],
  [
    'browser',
    () =>
      browserTimings([
        { page: '/', tag: 'civic-star-rating' },
        { page: '/', tag: 'civic-article-list' },
        { page: '/', tag: 'civic-photo-gallery' },
        { page: '/', tag: 'civic-link-directory' },
      ]),
  ],
  ['one hop', () => oneHop()],
].filter(([name]) => !only.length || only.includes(name))) {
  console.error(`bench: ${name}…`);
  const section = table(await run());
  console.log(section);
  sections.push(section);
}

const cpu = cpus()[0]?.model ?? 'unknown CPU';
const report = `# Benchmarks

Measured by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: ${cpus().length} × ${cpu},
${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}. Sizes and D1 rows are exact and
repeatable; times on a shared machine are noise, so compare them by ratio within one run.

${sections.join('\n')}`;
const file = join(root, 'BENCHMARKS.md');
if (only.length) {
  let kept = readFileSync(file, 'utf8');
  for (const section of sections) {
    const title = section.slice(0, section.indexOf('\n'));
    const start = kept.indexOf(title + '\n');
    if (start < 0) throw new Error(`BENCHMARKS.md has no section "${title}": run the whole bench`);
    const end = kept.indexOf('\n### ', start + title.length);
    kept = kept.slice(0, start) + section + (end < 0 ? '' : '\n' + kept.slice(end + 1));
  }
  writeFileSync(file, kept);
} else {
  writeFileSync(file, report);
}
console.error('bench: written to BENCHMARKS.md');
