// `npm run test:size`: fails when an element's first-load size is over its budget.
import { budgets, servedBudgets } from './budgets.mjs';
import { firstLoadBytes, servedFirstLoad } from './measure.mjs';

let over = 0;
const report = (name, bytes, budget) => {
  const ok = bytes <= budget;
  if (!ok) over++;
  console.log(`${ok ? 'ok  ' : 'OVER'} ${name.padEnd(26)} ${String(bytes).padStart(6)} B gzip -9  (budget ${budget} B, ${Math.round((bytes / budget) * 100)}%)`);
};
for (const { name, entry, budget } of budgets) report(name, await firstLoadBytes(entry), budget);
for (const { name, page, budget } of servedBudgets) report(name, servedFirstLoad('dist', page).gzip, budget);
const total = budgets.length + servedBudgets.length;
console.log(`${total - over} passed, ${over} failed`);
process.exitCode = over ? 1 : 0;
