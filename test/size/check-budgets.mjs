// `npm run test:size`: fails when an element's first-load size is over its budget.
import { budgets } from './budgets.mjs';
import { firstLoadBytes } from './measure.mjs';

let over = 0;
for (const { name, entry, budget } of budgets) {
  const bytes = await firstLoadBytes(entry);
  const ok = bytes <= budget;
  if (!ok) over++;
  console.log(`${ok ? 'ok  ' : 'OVER'} ${name.padEnd(26)} ${String(bytes).padStart(6)} B gzip -9  (budget ${budget} B, ${Math.round((bytes / budget) * 100)}%)`);
}
console.log(`${budgets.length - over} passed, ${over} failed`);
process.exitCode = over ? 1 : 0;
