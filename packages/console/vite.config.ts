import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { viteMinifyTemplates } from '../elements/scripts/minify-templates.mjs';

/**
 * Builds the console into dist/admin/, beside (never inside) the widget bundle: its own page,
 * script and stylesheet, loaded only at /admin/, so the widgets' budgets never pay for it.
 * Run after the elements' build, which empties dist/. Its Lit templates are minified by the same
 * plugin as the elements' (see packages/elements/scripts/minify-templates.mjs).
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/admin/',
  publicDir: false,
  plugins: [viteMinifyTemplates()],
  build: {
    outDir: fileURLToPath(new URL('../../dist/admin', import.meta.url)),
    emptyOutDir: true,
    target: 'es2021',
    // no inline module-preload polyfill: the page runs under script-src 'self'
    modulePreload: false,
    // no comments: the tree-shaking hints have no reader once the console is bundled
    rolldownOptions: { output: { minify: true, comments: false } },
  },
});
