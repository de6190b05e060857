// `npm run bench`: runs every test/bench/*.bench.mjs (each exports run()), one after another.
import { readdirSync } from 'node:fs';

const dir = new URL('.', import.meta.url);
for (const file of readdirSync(dir).filter((name) => name.endsWith('.bench.mjs')).sort()) {
  console.log(`\n=== ${file}\n`);
  const { run } = await import(new URL(file, dir).href);
  await run();
}
