import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseAst } from 'vite';
import { describe, expect, it } from 'vitest';
import { minifyTemplates } from '../../packages/elements/scripts/minify-templates.mjs';

// What `npm run build` put in dist/ for pages to run, not the sources: the loader, index.js and
// the chunks (vendor/ and legacy/ hold the legacy demo page's old libraries, not ours).
const dist = join(import.meta.dirname, '../../dist');
const shipped = readdirSync(dist, { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith('.js') && !/^(vendor|legacy)\//.test(file))
  .map((file) => join(dist, file));

/** Every `for (… in …)` loop of a script, as `file:offset`. */
function forInLoops(file: string) {
  const found: string[] = [];
  const visit = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(visit);
    const { type, start } = node as { type?: string; start?: number };
    if (type === 'ForInStatement') found.push(`${relative(dist, file)}:${start}`);
    for (const value of Object.values(node)) visit(value);
  };
  visit(parseAst(readFileSync(file, 'utf8')));
  return found;
}

/** A chunk's text with every chunk it imports statically, through the whole graph. */
function firstLoad(file: string, seen = new Map<string, string>()) {
  if (seen.has(file)) return seen;
  const code = readFileSync(file, 'utf8');
  seen.set(file, code);
  for (const [, specifier] of code.matchAll(/\bimport\s*\{[^}]*\}\s*from\s*["'`]([^"'`]+)["'`]/g)) firstLoad(join(file, '..', specifier!), seen);
  return [...seen.values()].join('\n');
}

describe('the built chunks', () => {
  it('are there to check', () => {
    expect(shipped.map((file) => relative(dist, file))).toEqual(expect.arrayContaining(['civic-widgets.js', 'index.js']));
    expect(shipped.filter((file) => file.includes('chunks')).length).toBeGreaterThanOrEqual(5);
  });

  // A `for…in` also walks what a host page's old scripts add to Object.prototype: the bundler's
  // export-map helper did, and threw "Getter must be a function" on such pages, so no element
  // loaded. No shipped code may walk an object that way.
  it('hold no for…in loop', () => {
    expect(shipped.flatMap(forInLoops)).toEqual([]);
  });

  // shared/first-request.ts holds the four elements' first requests; each element's chunk gets a
  // copy cut down to its own (vite.config.ts), so the chunk they all import carries none of them
  it("give a page with only the rating no other element's first request", () => {
    const rating = shipped.find((file) => /chunks\/star-rating-[^/]*\.js$/.test(file))!;
    const code = firstLoad(rating);
    expect(code).toContain('ratings');
    for (const other of ['top-rated', '?category=', 'albums']) expect(code).not.toContain(other);
  });

  // The sources' templates are written to be read (a declaration a line, markup over lines); the
  // build's template minifier (packages/elements/scripts/minify-templates.mjs) takes the layout out.
  // Without it, every template and stylesheet would ship its newlines and indentation.
  it('ship the templates and stylesheets without the layout written for people', () => {
    const templates = shipped.flatMap((file) => taggedTemplates(file).map((text) => `${relative(dist, file)}: ${text}`));
    expect(templates.length).toBeGreaterThan(100);
    expect(templates.filter((text) => /\n[ \t]+\S/.test(text)).map((text) => text.slice(0, 100))).toEqual([]);
    const rating = readFileSync(
      shipped.find((file) => /chunks\/star-rating-[^/]*\.js$/.test(file))!,
      'utf8',
    );
    // a descendant combinator is kept, a child combinator's spaces go
    expect(rating).toContain('.failed [part=summary]{visibility:hidden}');
    expect(rating).toContain('.text>p{grid-area:1/1}');
    expect(rating).toContain('<div class="text"><p id="summary" part="summary" aria-hidden=');
    const console = shipped.filter((file) => file.includes('admin/'));
    expect(console.length).toBeGreaterThan(0);
    expect(console.map((file) => readFileSync(file, 'utf8')).join('')).toContain('<div class="layout"><nav aria-label=');
  });
});

/** The text of every tagged template of a script (Lit's html`…`, css`…`, whatever the minifier renamed the tags to). */
function taggedTemplates(file: string) {
  const found: string[] = [];
  const visit = (node: unknown, tagged = false): void => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach((child) => visit(child, tagged));
    const { type, value } = node as { type?: string; value?: { raw: string } };
    if (tagged && type === 'TemplateElement') found.push(value!.raw);
    for (const [key, child] of Object.entries(node))
      visit(child, type === 'TaggedTemplateExpression' ? key === 'quasi' : type === 'TemplateLiteral' ? tagged && key === 'quasis' : false);
  };
  visit(parseAst(readFileSync(file, 'utf8')));
  return found;
}

// The same function the build runs, on sources written as the elements and the console write them.
describe('the template minifier', () => {
  // (null when nothing changed: the source is what ships)
  const minified = async (source: string) => (await minifyTemplates(source, 'example.ts'))?.code ?? source;

  it('keeps every kind of Lit binding where it was written', async () => {
    const code = await minified(`html\`<input
      class="field \${state}"
      title=\${title}
      ?disabled=\${busy}
      .value=\${value}
      @input=\${onInput}
    />\``);
    expect(code).toBe('html`<input class="field ${state}" title=${title} ?disabled=${busy} .value=${value} @input=${onInput}>`');
  });

  it('keeps the spaces a reader sees, and only those', async () => {
    // between inline elements and text one space stays; beside a block's edge none does
    expect(
      await minified(`html\`<p>
      <a href="/">\${title}</a>
      <span>\${date}</span>
    </p>\``),
    ).toBe('html`<p><a href="/">${title}</a> <span>${date}</span></p>`');
    // a template put inside a sentence keeps its own leading space: "Title · date"
    expect(await minified('html`<span class="muted"> · ${date}</span>`')).toBe('html`<span class="muted"> · ${date}</span>`');
    expect(await minified('html`  · ${date}`')).toBe('html` · ${date}`');
  });

  it('minifies a static stylesheet, and leaves one with a ${} as written', async () => {
    expect(
      await minified(`css\`
      .a > b {
        color: red;
      }
    \``),
    ).toBe('css`.a>b{color:red}`');
    // written for the browsers the bundle targets: no media range syntax older phones would skip
    expect(await minified('css`@media (max-width: 30em) { .a { color: red; } }`')).toBe('css`@media (max-width:30em){.a{color:red}}`');
    const dynamic = 'css`.a { color: ${color}; }`';
    expect(await minified(dynamic)).toBe(dynamic);
  });
});
