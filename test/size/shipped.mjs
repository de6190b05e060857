// What a page really fetches from dist/: the loader, every chunk it imports, and for each civic-*
// tag on the page the chunk the loader imports for it with everything that one imports, found by
// parsing the built files themselves (static imports, and the loader's `tag: () => import(…)`).
// Each file is counted once, gzip -9, and the sizes added up.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, posix, relative } from 'node:path';
import { gzipSync, constants } from 'node:zlib';
import { parseAst } from 'vite';
import { root } from '../../worker/scripts/wrangler.mjs';

export const dist = join(root, 'dist');
export const LOADER = 'civic-widgets.js';

const gzip = (file) => gzipSync(readFileSync(join(dist, file)), { level: constants.Z_BEST_COMPRESSION }).length;

/** A string a module specifier is written as: 'x', "x" or `x` without substitutions. */
const literal = (node) =>
  node?.type === 'Literal' ? node.value : node?.type === 'TemplateLiteral' && !node.expressions.length ? node.quasis[0].value.cooked : undefined;

const parsed = new Map();
/** A built file's static imports and its `'civic-…': () => import(…)` entries, as dist/ paths. */
function links(file) {
  if (parsed.has(file)) return parsed.get(file);
  const path = join(dist, file);
  if (!existsSync(path)) throw new Error(`dist/${file} is missing: run \`npm run build\` first`);
  const at = (specifier) => posix.normalize(posix.join(posix.dirname(file), specifier));
  const found = { imports: [], tags: {} };
  const visit = (node, tag) => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach((child) => visit(child, tag));
    if (/^(ImportDeclaration|ExportNamedDeclaration|ExportAllDeclaration)$/.test(node.type) && node.source) found.imports.push(at(literal(node.source)));
    if (node.type === 'ImportExpression' && tag && literal(node.source)) found.tags[tag] = at(literal(node.source));
    const key = node.type === 'Property' ? literal(node.key) : undefined;
    for (const [name, value] of Object.entries(node)) visit(value, name === 'value' && typeof key === 'string' && key.startsWith('civic-') ? key : tag);
  };
  visit(parseAst(readFileSync(path, 'utf8')));
  parsed.set(file, found);
  return found;
}

/** `file` and every file it imports statically, through the whole graph. */
function closure(file, seen = new Set()) {
  if (!seen.has(file)) {
    seen.add(file);
    for (const imported of links(file).imports) closure(imported, seen);
  }
  return seen;
}

/** The files, sorted, and their gzip -9 bytes summed. */
function measured(files) {
  const list = [...files].sort();
  return { files: list, bytes: list.reduce((sum, file) => sum + gzip(file), 0) };
}

/** The files a page with these civic-* tags fetches from dist/, and their gzip -9 bytes summed. */
export function pageBytes(tags) {
  const files = closure(LOADER);
  const loaderTags = links(LOADER).tags;
  for (const tag of tags) {
    if (!loaderTags[tag]) throw new Error(`the loader imports no chunk for <${tag}>`);
    closure(loaderTags[tag], files);
  }
  return measured(files);
}

/**
 * What a page of dist/ (e.g. `/admin/index.html`) costs on first load as served: the HTML file,
 * the scripts and stylesheets it names, and every module those scripts import statically, gzip
 * -9 per file, summed. Dynamic imports (loaded later) are not counted.
 */
export function servedPageBytes(page) {
  const html = page.replace(/^\//, '');
  if (!existsSync(join(dist, html))) throw new Error(`dist/${html} is missing: run \`npm run build\` first`);
  const files = new Set([html]);
  for (const [, url] of readFileSync(join(dist, html), 'utf8').matchAll(/<(?:script|link)\b[^>]*?\b(?:src|href)="([^"]+)"/g)) {
    if (/^(?:[a-z]+:)?\/\//i.test(url)) throw new Error(`${page} loads ${url} from elsewhere`);
    const file = posix.normalize(url.startsWith('/') ? url.slice(1) : posix.join(posix.dirname(html), url));
    if (file.endsWith('.js')) closure(file, files);
    else if (existsSync(join(dist, file))) files.add(file);
    else throw new Error(`${url} is named by ${page} but is not in dist/: run \`npm run build\``);
  }
  return measured(files);
}

export const distPath = (file) => relative(root, join(dist, file)) || dirname(file);
