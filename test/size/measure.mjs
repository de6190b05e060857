// Measures what a page pays on first load for an entry: esbuild bundles it minified as ESM with
// code splitting; the entry chunk and every chunk it imports statically are gzipped at level 9
// and added up (dynamic imports, loaded later, are not counted).
import { build } from 'esbuild';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';
import { existsSync, readFileSync } from 'node:fs';
import { join, posix, resolve } from 'node:path';

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

/**
 * What a page of the build costs on first load, as served: the HTML file, the scripts and
 * stylesheets it names, and every module those scripts import statically, each gzipped at
 * level 9 as sent, summed. Dynamic imports (loaded later) are not counted.
 */
export function servedFirstLoad(distDir, pagePath) {
  const files = new Map();
  const add = (urlPath) => {
    const file = join(distDir, urlPath.replace(/^\//, ''));
    if (files.has(file)) return;
    if (!existsSync(file)) throw new Error(`${urlPath} is named by the page but is not in ${distDir}: run npm run build`);
    const bytes = readFileSync(file);
    files.set(file, bytes);
    if (file.endsWith('.js')) {
      for (const [, specifier] of bytes.toString('utf8').matchAll(/\bimport\s*(?:[\w$*{}\s,]+?\s*from\s*)?["']([^"']+)["']/g)) {
        add(posix.join(posix.dirname(urlPath), specifier));
      }
    }
  };
  add(pagePath);
  const html = files.get(join(distDir, pagePath.replace(/^\//, ''))).toString('utf8');
  for (const [, , url] of html.matchAll(/<(script|link)\b[^>]*?\b(?:src|href)="([^"]+)"/g)) {
    if (/^(?:[a-z]+:)?\/\//i.test(url)) throw new Error(`${pagePath} loads ${url} from elsewhere`);
    add(url.startsWith('/') ? url : posix.join(posix.dirname(pagePath), url));
  }
  return { gzip: [...files.values()].reduce((sum, bytes) => sum + gzip(bytes), 0), files: [...files.keys()] };
}
