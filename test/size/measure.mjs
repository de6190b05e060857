// Measures what a page pays on first load for an entry: esbuild bundles it minified as ESM with
// code splitting; the entry chunk and every chunk it imports statically are gzipped at level 9
// and added up (dynamic imports, loaded later, are not counted). The Lit templates are minified
// first by the build's own template minifier, so the figure is that of the code the build ships.
import { build } from 'esbuild';
import { esbuildMinifyTemplates } from '../../packages/elements/scripts/minify-templates.mjs';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';
import { resolve } from 'node:path';

export async function firstLoadBytes(entry) {
  return (await firstLoad(entry)).gzip;
}

const gzip = (bytes) => gzipSync(bytes, { level: constants.Z_BEST_COMPRESSION }).length;
const brotli = (bytes) => brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;

/** The first-load bytes of `entry` (a script or a stylesheet): gzip -9 and brotli 11. */
export async function firstLoad(entry) {
  const { outputFiles, metafile } = await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    format: 'esm',
    splitting: true,
    outdir: 'size-out',
    write: false,
    metafile: true,
    legalComments: 'none',
    logLevel: 'error',
    plugins: [esbuildMinifyTemplates()],
  });
  const files = new Map(outputFiles.map((file) => [file.path, file.contents]));
  const outputs = metafile.outputs;
  const entryChunk = Object.keys(outputs).find((key) => outputs[key].entryPoint && resolve(outputs[key].entryPoint) === resolve(entry));
  const seen = new Set();
  const visit = (key) => {
    if (seen.has(key)) return;
    seen.add(key);
    for (const imported of outputs[key].imports) if (imported.kind === 'import-statement' && outputs[imported.path]) visit(imported.path);
  };
  visit(entryChunk);
  const chunks = [...seen].map((key) => files.get(resolve(key)));
  return { gzip: chunks.reduce((sum, bytes) => sum + gzip(bytes), 0), brotli: chunks.reduce((sum, bytes) => sum + brotli(bytes), 0) };
}
