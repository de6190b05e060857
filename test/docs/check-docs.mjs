// `npm run test:docs`: documentation a reader can trust. The Markdown passes markdownlint
// (.markdownlint-cli2.jsonc), every code fence is closed, every relative link leads to a file (and
// heading), and every size, ratio or row count the README and the docs quote is a figure of the
// latest `npm run bench` run in BENCHMARKS.md.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Pages written on other branches, linked before they land; their figures are their authors' to check. */
const PENDING = ['console.md', 'console-api.md', 'feeds.md', 'ratings.md', 'search-and-links.md', 'edge-cache.md'].map((name) => join('docs', name));

const pages = [
  'README.md',
  'CHANGELOG.md',
  ...readdirSync(join(root, 'docs'), { recursive: true })
    .filter((name) => String(name).endsWith('.md'))
    .map((name) => join('docs', String(name))),
];

/** A fence's opening line: up to 3 spaces, 3 or more backticks or tildes, then its info string. */
const FENCE = /^ {0,3}(`{3,}|~{3,})(.*)$/;

/** Fences left open: CommonMark lets an unclosed fence swallow the rest of the page silently. */
export function unclosedFences(text) {
  const problems = [];
  let open = null;
  text.split('\n').forEach((line, index) => {
    const fence = FENCE.exec(line);
    if (!fence) return;
    const [, marks, info] = fence;
    if (!open) open = { marks, line: index + 1 };
    else if (marks[0] === open.marks[0] && marks.length >= open.marks.length && info.trim() === '') open = null;
    // a closing fence has no info string: "```html" inside a block means the block before was never closed
    else if (info.trim() !== '') problems.push(`line ${index + 1} opens a code block inside the one opened at line ${open.line}, which is never closed`);
  });
  if (open) problems.push(`the code block opened at line ${open.line} is never closed`);
  return problems;
}

/** GitHub's anchor for a heading. */
const anchor = (heading) =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');

const headings = (text) => new Set([...text.replace(/^ {0,3}(`{3,}|~{3,})[\s\S]*?^ {0,3}\1\s*$/gm, '').matchAll(/^#{1,6}\s+(.+)$/gm)].map((m) => anchor(m[1])));

/** Relative links whose file (or heading) does not exist. */
function brokenLinks(page, text) {
  const problems = [];
  for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
    if (/^[a-z]+:/i.test(target)) continue;
    const [path, hash] = target.split('#');
    const file = path ? relative(root, resolve(root, dirname(page), path)) : page;
    if (!existsSync(join(root, file))) {
      if (!PENDING.includes(file)) problems.push(`${target}: no such file`);
    } else if (hash && file.endsWith('.md') && !headings(readFileSync(join(root, file), 'utf8')).has(hash)) {
      problems.push(`${target}: no such heading in ${file}`);
    }
  }
  return problems;
}

/** A measured figure as pages quote it: bytes, a ratio, rows read. */
const FIGURE = /(\d[\d,]*(?:\.\d+)?)\s?(?:(?:B|bytes|rows?)\b|×)/g;
const plain = (number) => number.replaceAll(',', '');

/** Figures the page quotes that the benchmark does not hold (a number drifted, or was never measured). */
export function driftedFigures(text, benchmarks) {
  const measured = new Set([...benchmarks.matchAll(/\d[\d,]*(?:\.\d+)?/g)].map((m) => plain(m[0])));
  return [...text.matchAll(FIGURE)].filter((m) => !measured.has(plain(m[1]))).map((m) => `"${m[0]}" is not a figure of BENCHMARKS.md`);
}

// The check must be able to fail: a quoted figure one byte off is caught.
const sample = '| civic-star-rating | 8950 | 8021 | 9000 | 1.60× smaller |';
if (driftedFigures('8,950 B, 1.60× smaller, 9,000 B', sample).length || driftedFigures('8,951 B', sample).length !== 1) {
  throw new Error('check-docs: the figure check does not tell a drifted figure');
}
if (unclosedFences('```html\n<a>\n\n```css\na {}\n```\n').length !== 1 || unclosedFences('```sh\nls\n').length !== 1)
  throw new Error('check-docs: the fence check misses an unclosed fence');

const benchmarks = readFileSync(join(root, 'BENCHMARKS.md'), 'utf8');
const failures = [];
for (const page of pages) {
  const text = readFileSync(join(root, page), 'utf8');
  const problems = [...unclosedFences(text), ...brokenLinks(page, text), ...(PENDING.includes(page) ? [] : driftedFigures(text, benchmarks))];
  failures.push(...problems.map((problem) => `${page}: ${problem}`));
}

const lint = spawnSync(join(root, 'node_modules/.bin/markdownlint-cli2'), { cwd: root, encoding: 'utf8' });
if (lint.status !== 0) failures.push(`markdownlint:\n${lint.stdout}${lint.stderr}`);

if (failures.length) {
  console.error(failures.join('\n'));
  process.exit(1);
}
console.log(`docs: ${pages.length} pages well-formed, links resolve, figures match BENCHMARKS.md`);
