import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { viteMinifyTemplates } from './scripts/minify-templates.mjs';

const src = (path: string) => fileURLToPath(new URL(`./src/${path}`, import.meta.url));

/** Each element is an entry of its own (see below); its tag is the loader's key for it. */
const elements = {
  'star-rating': src('star-rating/star-rating.ts'),
  'article-list': src('article-list/article-list.ts'),
  'photo-gallery': src('photo-gallery/photo-gallery.ts'),
  'link-directory': src('link-directory/link-directory.ts'),
};

/**
 * The old libraries a 2012-era portal runs, served from the worker's own origin beside the demo
 * page that proves the elements survive them (demo/legacy.html): an AMD loader, jQuery 1.x and a
 * Promise polyfill. Dev dependencies, copied as they are published.
 */
const legacyLibraries: Plugin = {
  name: 'civic-legacy-libraries',
  generateBundle() {
    const require = createRequire(import.meta.url);
    for (const [fileName, file] of Object.entries({
      'vendor/require.js': 'requirejs/require.js',
      'vendor/jquery.min.js': 'jquery/dist/jquery.min.js',
      'vendor/es6-promise.min.js': 'es6-promise/dist/es6-promise.min.js',
    })) {
      this.emitFile({ type: 'asset', fileName, source: readFileSync(require.resolve(file)) });
    }
  },
};

const loader = src('civic-widgets.ts');
const LOADER_COPY = '?civic-loader';

/**
 * The loader in one request, and what each element needs asked for at once:
 * - the modules the loader shares with the elements (the first-request URLs, the API origin) are
 *   bundled into the loader as a copy of their own, rather than split into a chunk it would have to
 *   fetch before it can start (a few hundred bytes twice, against a round trip);
 * - the loader's `{ __CIVIC_PRELOAD__: [] }` becomes the manifest of what each element's chunk
 *   imports, tag → files (an object literal: no JSON to parse), which it requests as modulepreload
 *   links together with the element's chunk.
 */
const oneHop: Plugin = {
  name: 'civic-one-hop',
  enforce: 'pre',
  async resolveId(source, importer) {
    if (!importer || !source.startsWith('.') || !(importer === loader || importer.endsWith(LOADER_COPY))) return null;
    const resolved = await this.resolve(source, importer.replace(LOADER_COPY, ''), { skipSelf: true });
    // (the elements themselves stay what they are: the chunks the loader imports)
    return resolved && !Object.values(elements).includes(resolved.id) ? resolved.id + LOADER_COPY : resolved;
  },
  async load(id) {
    return id.endsWith(LOADER_COPY) ? readFileSync(id.slice(0, -LOADER_COPY.length), 'utf8') : null;
  },
  generateBundle(_, bundle) {
    const chunks = Object.values(bundle).filter((file) => file.type === 'chunk');
    const imports = (fileName: string, seen = new Set<string>()): Set<string> => {
      for (const imported of chunks.find((chunk) => chunk.fileName === fileName)?.imports ?? []) if (!seen.has(imported)) imports(imported, seen.add(imported));
      return seen;
    };
    const manifest = Object.fromEntries(
      chunks.filter((chunk) => chunk.isEntry && Object.hasOwn(elements, chunk.name)).map((chunk) => [`civic-${chunk.name}`, [...imports(chunk.fileName)]]),
    );
    const civicWidgets = chunks.find((chunk) => chunk.fileName === 'civic-widgets.js')!;
    // the placeholder object, however the minifier wrote it, becomes the manifest itself
    const placeholder = /\{\s*(["'`]?)__CIVIC_PRELOAD__\1\s*:\s*\[\s*\]\s*\}/;
    if (!placeholder.test(civicWidgets.code)) this.error('the loader has no __CIVIC_PRELOAD__ to fill');
    civicWidgets.code = civicWidgets.code.replace(placeholder, () => JSON.stringify(manifest));
  },
};

const firstRequest = src('shared/first-request.ts');
const OWN_COPY = /\?civic-first-request=[\w-]+$/;

/**
 * Each element's chunk carries only its own first-request function. shared/first-request.ts holds
 * one function per element, in one module so that one place says what each element asks first;
 * but a module the four elements share lands whole in the chunk they all import, so a page with
 * only the rating paid for the article list's query builder too. Here each element imports a
 * copy of its own (`…/first-request.ts?civic-first-request=star-rating`), which tree-shaking
 * cuts down to that element's function and the two helpers; the copy's own imports (the API
 * origin) stay the modules every element shares.
 */
const ownFirstRequest: Plugin = {
  name: 'civic-own-first-request',
  enforce: 'pre',
  async resolveId(source, importer) {
    if (!importer || !source.startsWith('.')) return null;
    if (OWN_COPY.test(importer)) return this.resolve(source, importer.replace(OWN_COPY, ''), { skipSelf: true });
    const element = Object.entries(elements).find(([, entry]) => importer === entry)?.[0];
    if (!element) return null;
    const resolved = await this.resolve(source, importer, { skipSelf: true });
    return resolved?.id === firstRequest ? `${firstRequest}?civic-first-request=${element}` : resolved;
  },
  load(id) {
    return OWN_COPY.test(id) ? readFileSync(id.replace(OWN_COPY, ''), 'utf8') : null;
  },
};

/**
 * Builds what the worker serves at its root: the one-script-tag loader `civic-widgets.js`,
 * `index.js` (every element at once) and the chunks they load (Lit included, content-hashed, so
 * they are cached for good), beside the demo pages copied from demo/.
 *
 * Every element is an entry, so the loader's `import()` gets the chunk's own ES module namespace.
 * (When an element was only a module inside a chunk, the bundler built a namespace object for it
 * at run time with a `for…in` over an export map: on a page whose old scripts add an enumerable
 * property to Object.prototype, that threw "Getter must be a function" and no element loaded.)
 * `allow-extension` lets an element's entry chunk also export what index.js needs from it, so no
 * re-exporting facade chunk (one more request) is made.
 * Bundler users import the elements from the package (its `exports`).
 */
export default defineConfig({
  publicDir: fileURLToPath(new URL('../../demo', import.meta.url)),
  plugins: [oneHop, ownFirstRequest, viteMinifyTemplates(), legacyLibraries],
  build: {
    outDir: fileURLToPath(new URL('../../dist', import.meta.url)),
    // not in watch mode (npm run dev): each rebuild would also delete the console's dist/admin/
    emptyOutDir: !process.argv.includes('--watch'),
    target: 'es2021',
    lib: {
      entry: {
        'civic-widgets': loader,
        index: src('index.ts'),
        ...elements,
      },
      formats: ['es'],
    },
    rolldownOptions: {
      preserveEntrySignatures: 'allow-extension',
      output: {
        minify: true,
        // dist/ is what browsers run, never bundled again (bundlers get the package build), so
        // the tree-shaking hints Lit carries (`/* @__PURE__ */`) have no reader left
        comments: false,
        entryFileNames: ({ name }) => (name in elements ? 'chunks/[name]-[hash].js' : '[name].js'),
        chunkFileNames: 'chunks/[name]-[hash].js',
      },
    },
  },
});
