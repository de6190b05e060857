// Element tests in real headless Chromium against a real worker and D1 (no mocked API):
// the worker starts before the tests with sites whose allowed origin is this test server.
import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { wtrMinifyTemplates } from '../../packages/elements/scripts/minify-templates.mjs';
import { chromeLauncher } from '@web/test-runner-chrome';
import { createSiteSql } from '../../worker/scripts/sites.mjs';
import { freePort } from '../../worker/scripts/local.mjs';
import { chromiumLaunchOptions } from '../support/chromium.mjs';
import { startTestWorker } from '../support/test-worker.mjs';
import { TEST_TURNSTILE_SECRET, startSiteverify } from '../support/siteverify.mjs';

const port = await freePort();
const pageOrigin = `http://localhost:${port}`;
let worker;
/** the stand-in for Turnstile's siteverify that the worker checks tokens with */
let siteverify;
/** admin tokens of the test sites, for tests that write through the admin API */
let tokens = {};
const VOTES_PER_MINUTE = 20;

/** Starts the worker with the sites the tests use, and tells the tests where it is. */
const testApi = {
  name: 'civic-test-api',
  async serverStart() {
    // All votes come from this one browser: a limit per network and site that only the
    // rollback test reaches, on a site of its own.
    siteverify = await startSiteverify();
    worker = await startTestWorker({
      vars: { VOTES_PER_MINUTE: String(VOTES_PER_MINUTE), TURNSTILE_SECRET: TEST_TURNSTILE_SECRET, TURNSTILE_VERIFY_URL: siteverify.url },
    });
    const sites = {
      elements: createSiteSql({ slug: 'elements', name: 'Trang thử nghiệm', origins: [pageOrigin] }),
      // a site whose vote limit the rollback test uses up, for a real 429
      'elements-limited': createSiteSql({ slug: 'elements-limited', name: 'Trang giới hạn', origins: [pageOrigin] }),
      // a site that asks readers for Turnstile
      'elements-turnstile': createSiteSql({ slug: 'elements-turnstile', name: 'Trang có Turnstile', origins: [pageOrigin] }),
    };
    tokens = Object.fromEntries(Object.entries(sites).map(([slug, site]) => [slug, site.token]));
    await worker.sql(
      [
        ...Object.values(sites).map((site) => site.sql),
        // ratings cast earlier by other readers
        `INSERT INTO rating_totals (site_id, item, count, total) SELECT id, 'seeded-4-of-3', 3, 12 FROM sites WHERE slug = 'elements';`,
        `INSERT INTO rating_totals (site_id, item, count, total) SELECT id, 'seeded-limited', 2, 7 FROM sites WHERE slug = 'elements-limited';`,
        `UPDATE sites SET turnstile_site_key = 'test-site-key' WHERE slug = 'elements-turnstile';`,
      ].join('\n'),
    );
  },
  async serverStop() {
    await worker?.stop();
    await siteverify?.stop();
  },
  /**
   * `executeServerCommand('civic-sql', sql)`: lets a test change what the server holds.
   * `executeServerCommand('civic-close-tabs')`: closes the tabs a test opened (a link's
   * target=_blank; the browser's own blank tab stays), brings the test's own page back to the front, and answers the URLs the
   * closed tabs had reached.
   */
  async executeCommand({ command, payload, session }) {
    if (command === 'civic-sql') return worker.sql(payload);
    if (command === 'civic-close-tabs') {
      const page = session.browser.getPage(session.id);
      const urls = [];
      for (const other of await page.browser().pages()) {
        if (other === page || other.url() === 'about:blank') continue;
        urls.push(other.url());
        await other.close();
      }
      await page.bringToFront();
      return urls;
    }
  },
  serve(context) {
    if (context.path === '/__test-api.js') {
      const env = { api: worker.origin, votesPerMinute: VOTES_PER_MINUTE, tokens };
      return {
        body: Object.entries(env)
          .map(([name, value]) => `export const ${name} = ${JSON.stringify(value)};`)
          .join('\n'),
        type: 'js',
      };
    }
  },
};

export default {
  files: 'test/elements/**/*.test.ts',
  rootDir: fileURLToPath(new URL('../..', import.meta.url)),
  hostname: 'localhost',
  port,
  nodeResolve: { exportConditions: ['production'] },
  concurrency: 1,
  testFramework: { config: { timeout: 10000 } },
  // A broken API for the fault tests: /broken/500/… answers 500, /broken/garbage/… answers 200
  // with something that is not JSON.
  middleware: [
    (context, next) => {
      if (context.path.startsWith('/broken/500/')) {
        context.status = 500;
        context.body = { error: { code: 'internal', message: 'Something went wrong on our side.' } };
      } else if (context.path.startsWith('/broken/garbage/')) {
        context.type = 'application/json';
        context.body = '<html>Bad gateway</html>';
      } else return next();
    },
  ],
  // the elements' templates minified as the build ships them
  plugins: [
    wtrMinifyTemplates(),
    esbuildPlugin({ ts: true, tsconfig: fileURLToPath(new URL('../../packages/elements/tsconfig.json', import.meta.url)) }),
    testApi,
  ],
  browsers: [chromeLauncher({ launchOptions: { ...chromiumLaunchOptions, headless: true } })],
};
