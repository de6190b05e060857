import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const src = (path: string) => fileURLToPath(new URL(`./src/${path}`, import.meta.url));

/**
 * Builds what the worker serves at its root: the one-script-tag loader `civic-widgets.js`,
 * `index.js` (every element at once) and the chunks they load (Lit included, content-hashed, so
 * they are cached for good), beside the demo pages copied from demo/. An element is not an entry
 * of its own here: the loader then imports its chunk directly, one request instead of two.
 * Bundler users import the elements from the package (its `exports`).
 */
export default defineConfig({
  publicDir: fileURLToPath(new URL('../../demo', import.meta.url)),
  build: {
    outDir: fileURLToPath(new URL('../../dist', import.meta.url)),
    // not in watch mode (npm run dev): each rebuild would also delete the console's dist/admin/
    emptyOutDir: !process.argv.includes('--watch'),
    target: 'es2021',
    lib: {
      entry: {
        'civic-widgets': src('civic-widgets.ts'),
        index: src('index.ts'),
      },
      formats: ['es'],
    },
    rolldownOptions: {
      output: {
        minify: true,
        entryFileNames: '[name].js',
        chunkFileNames: 'chunks/[name]-[hash].js',
      },
    },
  },
});
