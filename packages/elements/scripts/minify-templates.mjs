// The one template minifier of the project: the Lit `html`, `svg` and `css` tagged templates of the
// elements and the console are written to be read (one declaration a line, markup broken over
// lines) and shipped without the layout. A JavaScript minifier leaves the text of a template
// literal as it is, so this runs first, on the sources, wherever they are built or measured:
// - `npm run build` (Vite, both packages/elements and packages/console): `viteMinifyTemplates()`;
// - the size yardstick (test/size/measure.mjs, esbuild per entry): `esbuildMinifyTemplates()`;
// - the element tests (web-test-runner): `wtrMinifyTemplates()`, so they run the templates as shipped.
//
// It is @literals/html-css-minifier (html-minifier-next for markup, Lightning CSS for styles),
// which swaps each `${…}` for a placeholder, minifies, and splits the result back, so Lit's
// bindings stay where they were. What it is told here, and why:
// - attributes keep their quotes and case (`.someProp`, `?disabled`, `@civic-rate` stay as written);
// - empty attributes stay: `alt=""` and `lang=""` mean something;
// - whitespace collapses the way a browser would render it: one space stays between inline
//   content (words, `<a>`, `<span>`, a text binding), none is kept beside a block's edge;
// - a template is minified as if inline text stood on both sides of it, since it may be rendered
//   inside a sentence (`${title}${html` · ${date}`}`): its own leading and trailing spaces stay;
// - a `css` template with a `${}` in it is left as it is (only static stylesheets are parsed).
import { readFile } from 'node:fs/promises';
import { defaultStrategy, minifyHTMLLiterals } from '@literals/html-css-minifier';

/** What html-minifier-next is told, on top of the library's defaults. */
const minifyOptions = {
  removeEmptyAttributes: false,
};

/**
 * Text put on both sides of a template while it is minified, and taken off after: beside text, the
 * minifier keeps the template's edge whitespace (one space) unless a block element's edge
 * swallows it anyway.
 */
const EDGE = 'civicTemplateEdge';

/**
 * The oldest browsers the stylesheets are written for, the same generation as the scripts' target
 * (es2021): Lightning CSS writes nothing they cannot read. Without targets it would rewrite
 * `@media (max-width: 30em)` as `(width<=30em)`, which Chrome before 104 and Safari before 16.4 skip.
 * (Lightning CSS's version encoding: major << 16.)
 */
const CSS_TARGETS = { chrome: 85 << 16, edge: 85 << 16, firefox: 78 << 16, safari: 14 << 16, ios_saf: 14 << 16 };

/** The library's strategy (html-minifier-next, Lightning CSS), with the template's edges kept. */
const strategy = {
  ...defaultStrategy,
  /** @param {string} css */
  minifyCSS: (css) => defaultStrategy.minifyCSS(css, { targets: CSS_TARGETS }),
  /** @param {string} html @param {object} options */
  async minifyHTML(html, options) {
    const minified = await defaultStrategy.minifyHTML(EDGE + html + EDGE, options);
    if (!minified.startsWith(EDGE) || !minified.endsWith(EDGE)) throw new Error(`the template's edges were lost in minifying: ${html}`);
    return minified.slice(EDGE.length, -EDGE.length);
  },
};

/** Source files whose templates are minified: TypeScript and JavaScript outside node_modules. */
const SOURCE = /^(?!.*[\\/]node_modules[\\/]).*\.(?:ts|mts|js|mjs)$/;
/** A cheap test before parsing: does the code hold a tagged template this minifies? */
const TAGGED = /\b(?:html|svg|css)`/;

/**
 * The code with its `html`, `svg` and `css` templates minified, or null when `id` (a path,
 * perhaps with a `?query`) is not a source file or nothing in it changed.
 * @param {string} code
 * @param {string} id
 * @returns {Promise<{ code: string, map: import('@literals/html-css-minifier').SourceMap | undefined } | null>}
 */
export async function minifyTemplates(code, id) {
  const path = id.replace(/\?.*$/, '');
  if (!SOURCE.test(path) || !TAGGED.test(code)) return null;
  const result = await minifyHTMLLiterals(code, { fileName: path, strategy, minifyOptions });
  return result && { code: result.code, map: result.map };
}

/**
 * The Vite (Rolldown) plugin: runs before the other transforms, on the TypeScript sources.
 * @returns {import('vite').Plugin}
 */
export const viteMinifyTemplates = () => ({
  name: 'civic-minify-templates',
  enforce: 'pre',
  transform: (code, id) => minifyTemplates(code, id),
});

/**
 * The esbuild plugin: loads each TypeScript source with its templates minified.
 * @returns {import('esbuild').Plugin}
 */
export const esbuildMinifyTemplates = () => ({
  name: 'civic-minify-templates',
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, async ({ path }) => {
      const code = await readFile(path, 'utf8');
      const minified = await minifyTemplates(code, path);
      return minified ? { contents: minified.code, loader: 'ts' } : undefined;
    });
  },
});

/**
 * The @web/test-runner (dev server) plugin: the files it serves from the sources, minified.
 * @returns {{ name: string, transform(context: { path: string, body: unknown }): Promise<{ body: string } | undefined> }}
 */
export const wtrMinifyTemplates = () => ({
  name: 'civic-minify-templates',
  async transform(context) {
    // the elements' and the console's sources; the tests' own fixtures stay as they are written
    if (typeof context.body !== 'string' || !context.path.startsWith('/packages/')) return undefined;
    const minified = await minifyTemplates(context.body, context.path);
    return minified ? { body: minified.code } : undefined;
  },
});
