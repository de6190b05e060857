// `npm run test:size`: fails when an element's first-load size is over its budget, measured two
// ways: each entry bundled by esbuild (the yardstick of DESIGN.md), and what a page fetches from
// the built dist/ (run `npm run build` first).
import { budgets, pages, servedBudgets } from './budgets.mjs';
import { firstLoadBytes } from './measure.mjs';
import { pageBytes, servedPageBytes } from './shipped.mjs';

let passed = 0;
let failed = 0;
const report = (name, bytes, budget, note = '') => {
  const ok = bytes <= budget;
  if (ok) passed++;
  else failed++;
  console.log(
    `${ok ? 'ok  ' : 'OVER'} ${name.padEnd(32)} ${String(bytes).padStart(6)} B gzip -9  (budget ${budget} B, ${Math.round((bytes / budget) * 100)}%)${note}`,
  );
};

console.log('each entry, bundled by esbuild:');
for (const { name, entry, budget } of budgets) report(name, await firstLoadBytes(entry), budget);
console.log('what a page fetches from dist/:');
for (const { name, tags, budget, goal } of pages) {
  const { bytes, files } = pageBytes(tags);
  report(name, bytes, budget, `${goal ? `, goal ${goal} B${bytes <= goal ? ' met' : ''}` : ''}; ${files.length} files`);
}
console.log('pages as the worker serves them:');
for (const { name, page, budget } of servedBudgets) report(name, servedPageBytes(page).bytes, budget);
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed ? 1 : 0;
