import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const src = (path: string) => fileURLToPath(new URL(`./src/${path}`, import.meta.url));

/**
 * Builds what the worker serves at its root: the one-script-tag loader `civic-widgets.js`, the
 * per-element entry points and their shared chunks (Lit included), beside the demo pages
 * copied from demo/.
 */
export default defineConfig({
  publicDir: fileURLToPath(new URL('../../demo', import.meta.url)),
  build: {
    outDir: fileURLToPath(new URL('../../dist', import.meta.url)),
    emptyOutDir: true,
    target: 'es2021',
    lib: {
      entry: {
        'civic-widgets': src('civic-widgets.ts'),
        index: src('index.ts'),
        'star-rating': src('star-rating/star-rating.ts'),
        'photo-gallery': src('photo-gallery/photo-gallery.ts'),
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
