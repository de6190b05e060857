// @civic-widgets/elements as a bundler user gets it: `npm pack`, installed into a scratch Vite +
// TypeScript app with TypeScript's defaults (useDefineForClassFields included), type-checked
// against a typed `civic-rate` listener, built with Vite, and run in Chromium.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser } from 'playwright-core';
import { chromiumLaunchOptions } from '../support/chromium.mjs';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const bin = (path: string) => join(repo, 'node_modules', path);
let scratch: string;
let app: string;

const run = (command: string, args: string[], cwd: string) => execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

/** Runs tsc on the app; answers its diagnostics ('' when it type-checks). */
function typecheck(): string {
  try {
    run(process.execPath, [bin('typescript/bin/tsc'), '-p', 'tsconfig.json'], app);
    return '';
  } catch (error) {
    return String((error as { stdout?: string }).stdout);
  }
}

const MAIN = `import '@civic-widgets/elements/star-rating.js';
import type { CivicRateDetail } from '@civic-widgets/elements';

const rating = document.querySelector('civic-star-rating')!;
rating.addEventListener('civic-rate', (event) => {
  const stars: number = event.detail.stars;
  const detail: CivicRateDetail = event.detail;
  document.title = \`\${stars} \${detail.summary.count}\`;
});
document.querySelector('button')!.addEventListener('click', () => {
  rating.readonly = true;
});
`;

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'civic-package-'));
  run('npm', ['pack', '--pack-destination', scratch, '--silent'], join(repo, 'packages/elements'));
  const tarball = readdirSync(scratch).find((name) => name.endsWith('.tgz'))!;
  app = join(scratch, 'app');
  mkdirSync(join(app, 'src'), { recursive: true });
  writeFileSync(
    join(app, 'package.json'),
    JSON.stringify({ name: 'scratch-portal', private: true, type: 'module', dependencies: { '@civic-widgets/elements': `file:../${tarball}` } }),
  );
  // TypeScript's defaults for a current target: useDefineForClassFields is true, no decorators
  writeFileSync(
    join(app, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        module: 'ESNext',
        moduleResolution: 'Bundler',
        strict: true,
        noEmit: true,
        lib: ['ES2022', 'DOM', 'DOM.Iterable'],
        types: [],
      },
      include: ['src'],
    }),
  );
  writeFileSync(
    join(app, 'index.html'),
    `<!doctype html><html lang="vi"><meta charset="utf-8"><title>Cổng thông tin</title>
<civic-star-rating site="demo" item="tin-1">Tổng số điểm của bài viết là: 0 trong 0 đánh giá</civic-star-rating>
<button type="button">Chỉ xem</button>
<script type="module" src="/src/main.ts"></script></html>`,
  );
  writeFileSync(join(app, 'src', 'main.ts'), MAIN);
  run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--silent'], app);
}, 180_000);

afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe('the packed @civic-widgets/elements', () => {
  it('ships JavaScript, declarations and the manifest, and no private package', () => {
    const installed = join(app, 'node_modules/@civic-widgets/elements');
    const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'));
    expect(manifest.sideEffects).toContain('./dist/star-rating/star-rating.js');
    expect(Object.keys(manifest.dependencies ?? {})).not.toContain('@civic-widgets/contract');
    const files = readdirSync(installed, { recursive: true }).map(String);
    expect(files).toEqual(
      expect.arrayContaining(['dist/star-rating/star-rating.js', 'dist/star-rating/star-rating.d.ts', 'dist/custom-elements.json', 'dist/contract.d.ts']),
    );
    expect(files.filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))).toEqual([]);
    for (const file of files.filter((name) => name.endsWith('.d.ts') || name.endsWith('.js'))) {
      expect({ file, text: readFileSync(join(installed, file), 'utf8').includes('@civic-widgets/contract') }).toEqual({ file, text: false });
    }
    const elements = JSON.parse(readFileSync(join(installed, 'dist/custom-elements.json'), 'utf8'));
    const rating = elements.modules.find((module: { path: string }) => module.path === 'dist/star-rating/star-rating.js');
    expect(rating.declarations[0].tagName).toBe('civic-star-rating');
  });

  it('type-checks a civic-rate listener reading event.detail.stars, and refuses a misspelt one', () => {
    expect(typecheck()).toBe('');
    writeFileSync(
      join(app, 'src', 'wrong.ts'),
      `document.querySelector('civic-star-rating')!.addEventListener('civic-rate', (event) => event.detail.starz);\n`,
    );
    try {
      expect(typecheck()).toContain("Property 'starz' does not exist");
    } finally {
      rmSync(join(app, 'src', 'wrong.ts'));
    }
  });

  describe('built with Vite, in Chromium', () => {
    let server: Server;
    let browser: Browser;
    let origin: string;

    beforeAll(async () => {
      run(process.execPath, [bin('vite/bin/vite.js'), 'build', '--logLevel', 'warn'], app);
      const dist = join(app, 'dist');
      const types: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript' };
      server = createServer((request, response) => {
        const path = new URL(request.url!, 'http://x').pathname;
        if (path === '/api/v1/sites/demo/ratings/tin-1') {
          response.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ item: 'tin-1', average: 4, count: 3, total: 12, mine: null }));
          return;
        }
        try {
          const file = join(dist, path === '/' ? 'index.html' : path);
          const body = readFileSync(file);
          response.writeHead(200, { 'Content-Type': types[extname(file)] ?? 'application/octet-stream' }).end(body);
        } catch {
          response.writeHead(404).end();
        }
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      browser = await chromium.launch(chromiumLaunchOptions);
    }, 120_000);

    afterAll(async () => {
      await browser?.close();
      await new Promise((resolve) => server?.close(resolve));
    });

    it('upgrades the element, shows the summary, and reacts to a property set by the page', async () => {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(origin);
      const rating = page.locator('civic-star-rating');
      await expect.poll(() => rating.locator('[part=summary]').textContent()).toContain('Tổng số điểm của bài viết là: 12 trong 3 đánh giá');
      expect(await rating.locator('[part=stars]').getAttribute('role')).toBe('radiogroup');
      // a reactive property, set after the upgrade: with class fields compiled the consumer's way
      // (useDefineForClassFields) it would shadow Lit's accessor and nothing would change
      await page.getByRole('button', { name: 'Chỉ xem' }).click();
      await expect.poll(() => rating.locator('[part=stars]').getAttribute('role')).toBe('img');
      expect(await rating.getAttribute('readonly')).toBe('');
      expect(errors).toEqual([]);
      await page.close();
    });
  });
});
