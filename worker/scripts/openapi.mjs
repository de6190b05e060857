// `npm run lint:openapi`: the served OpenAPI document, linted by Redocly (redocly.yaml: the
// `recommended` rules; no error and no warning passes). The worker, loaded into Node as wrangler
// would bundle it (worker-modules.mjs), is asked for /api/v1/openapi.json as a client would: no
// wrangler, no database.
// `node worker/scripts/openapi.mjs --out FILE` writes the document instead of linting it.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { importWorkerModule } from './worker-modules.mjs';

const root = resolve(fileURLToPath(import.meta.url), '../../..');
const { values } = parseArgs({ options: { out: { type: 'string' } } });
const dir = mkdtempSync(join(tmpdir(), 'civic-openapi-'));

try {
  const worker = (await importWorkerModule(join(root, 'worker/src/index.ts'))).default;
  const response = await worker.fetch(new Request('http://localhost/api/v1/openapi.json'), {}, { waitUntil() {}, passThroughOnException() {} });
  if (response.status !== 200) throw new Error(`GET /api/v1/openapi.json answered ${response.status}: ${await response.text()}`);
  const document = `${JSON.stringify(await response.json(), null, 2)}\n`;
  if (values.out) {
    writeFileSync(values.out, document);
    console.log(`Wrote the OpenAPI document to ${values.out}.`);
  } else {
    const file = join(dir, 'openapi.json');
    writeFileSync(file, document);
    const redocly = join(root, 'node_modules/@redocly/cli/bin/cli.js');
    const lint = (format, stdio) =>
      spawnSync(process.execPath, [redocly, 'lint', file, '--config', join(root, 'redocly.yaml'), `--format=${format}`], {
        stdio,
        encoding: 'utf8',
        env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
      });
    // Redocly exits 0 on warnings: its totals decide here, and a problem is shown as it reports it
    const { stdout, stderr } = lint('json', ['ignore', 'pipe', 'pipe']);
    const totals = (() => {
      try {
        return JSON.parse(stdout).totals;
      } catch {
        throw new Error(`redocly lint gave no report:\n${stdout}${stderr}`);
      }
    })();
    const operations = Object.values(JSON.parse(document).paths).flatMap((item) =>
      Object.keys(item).filter((key) => key !== 'servers' && key !== 'parameters'),
    ).length;
    if (totals.errors + totals.warnings > 0) {
      lint('codeframe', 'inherit');
      console.error(`OpenAPI lint: ${totals.errors} errors and ${totals.warnings} warnings (none may pass).`);
      process.exitCode = 1;
    } else {
      console.log(`OpenAPI lint: ${operations} operations, no errors, no warnings (Redocly recommended, redocly.yaml).`);
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
