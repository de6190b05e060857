// Loads the worker's own TypeScript modules (its db/ functions) into Node for the benchmarks,
// bundled by esbuild on the fly (packages resolved as wrangler does): the bench measures the very
// SQL and code the worker runs.
import { build } from 'esbuild';

export async function importWorkerModule(path) {
  const { outputFiles } = await build({
    entryPoints: [path],
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    write: false,
    logLevel: 'error',
  });
  return import(`data:text/javascript;base64,${Buffer.from(outputFiles[0].text).toString('base64')}`);
}
