// The worker's own TypeScript modules, loaded into Node: bundled by esbuild on the fly and resolved
// as wrangler resolves them, so a script measures or asks the very code the worker ships (the
// benchmarks' db/ functions, `npm run lint:openapi`'s whole app).
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/** The module at `path` (a worker source file), imported with everything it imports bundled in. */
export async function importWorkerModule(path) {
  const { outputFiles } = await build({
    entryPoints: [path],
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    write: false,
    // packages' browser builds first (PapaParse's `main` requires Node's `stream`, its `browser` build does not)
    mainFields: ['browser', 'module', 'main'],
    conditions: ['workerd', 'worker', 'import'],
    external: ['cloudflare:*', 'node:*'],
    // wrangler.toml's [alias]
    alias: { 'zod/v4/core': fileURLToPath(new URL('../src/lib/zod-core.ts', import.meta.url)) },
    logLevel: 'error',
  });
  return import(`data:text/javascript;base64,${Buffer.from(outputFiles[0].text).toString('base64')}`);
}
