// After `tsc -p tsconfig.package.json`: makes dist/ stand on its own for a consumer.
// - The elements `import type` their API shapes from the workspace's private contract package,
//   which is not published. Those types are written out, fully expanded, into dist/contract.d.ts,
//   and the declarations import them from there.
// - custom-elements.json (from `cem analyze` over src/) is copied with its module paths pointing
//   at the published JavaScript.
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const pkg = fileURLToPath(new URL('..', import.meta.url));
const dist = join(pkg, 'dist');
const CONTRACT = '@civic-widgets/contract';

const declarations = readdirSync(dist, { recursive: true })
  .map(String)
  .filter((name) => name.endsWith('.d.ts'))
  .map((name) => join(dist, name));

// the contract types the declarations name
const used = new Set();
const importOf = new RegExp(`import(?: type)? \\{([^}]*)\\} from '${CONTRACT}';`, 'g');
for (const file of declarations)
  for (const [, names] of readFileSync(file, 'utf8').matchAll(importOf)) for (const name of names.split(',')) used.add(name.replace(/^\s*type\s+/, '').trim());
used.delete('');

// expand each through the checker, from a probe file that imports them
const probe = join(dist, '__contract-probe.ts');
writeFileSync(
  probe,
  `import type { ${[...used].join(', ')} } from '${CONTRACT}';\n${[...used].map((name) => `export type __${name} = ${name};`).join('\n')}\n`,
);
const program = ts.createProgram([probe], {
  strict: true,
  noEmit: true,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  module: ts.ModuleKind.ESNext,
  target: ts.ScriptTarget.ES2022,
  skipLibCheck: true,
});
rmSync(probe);
const checker = program.getTypeChecker();
const source = program.getSourceFile(probe);
const flags = ts.TypeFormatFlags.NoTruncation | ts.TypeFormatFlags.InTypeAlias | ts.TypeFormatFlags.UseSingleQuotesForStringLiteralType;
const lines = [];
ts.forEachChild(source, (node) => {
  if (!ts.isTypeAliasDeclaration(node)) return;
  const name = node.name.text.slice(2);
  const text = checker.typeToString(checker.getTypeAtLocation(node), undefined, flags);
  if (/\bz\.|\$Zod|import\(/.test(text)) throw new Error(`${name} does not expand to plain types: ${text.slice(0, 200)}`);
  lines.push(`export type ${name} = ${text};`);
});
if (lines.length !== used.size) throw new Error(`expanded ${lines.length} of ${used.size} contract types`);
writeFileSync(
  join(dist, 'contract.d.ts'),
  `// The API shapes the elements use, from the project's contract (expanded: no zod needed).\n${lines.join('\n')}\nexport {};\n`,
);

for (const file of declarations) {
  const text = readFileSync(file, 'utf8');
  if (!text.includes(CONTRACT)) continue;
  let path = relative(dirname(file), join(dist, 'contract.js'));
  if (!path.startsWith('.')) path = `./${path}`;
  writeFileSync(file, text.replaceAll(`'${CONTRACT}'`, `'${path}'`));
}

const manifest = join(pkg, 'custom-elements.json');
if (!existsSync(manifest)) throw new Error('custom-elements.json is missing: run `npm run manifest` first');
writeFileSync(join(dist, 'custom-elements.json'), readFileSync(manifest, 'utf8').replace(/"src\/([^"]+)\.ts"/g, '"dist/$1.js"'));
