// A throwaway worker for browser tests: `wrangler dev` on a free port with a fresh local D1
// in a temporary folder, migrations applied, and a per-run secret. Nothing of the demo's data.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { importDemoFeeds } from '../../worker/seed/demo-feeds.mjs';
import { freePort, prepareDatabase, startDev } from '../../worker/scripts/local.mjs';
import { applyMigrations, d1 } from '../../worker/scripts/wrangler.mjs';

/**
 * @param {{ seedDemo?: boolean, vars?: Record<string, string>, assets?: string }} options
 *   seedDemo: seed the demo sites as `npm start` does (e2e); otherwise only apply migrations.
 *   assets: serve this folder's files instead of dist/'s.
 */
export async function startTestWorker({ seedDemo = false, vars = {}, assets } = {}) {
  const persistTo = mkdtempSync(join(tmpdir(), 'civic-d1-'));
  const tokens = seedDemo ? await prepareDatabase({ persistTo }) : (await applyMigrations({ persistTo }), {});
  const dev = await startDev({
    port: await freePort(),
    persistTo,
    vars: { VOTER_SECRET: randomBytes(32).toString('hex'), ...vars },
    assets,
  });
  // as `npm start` does: huyện Phú Lương's news comes from its feed, served by the demo itself
  if (seedDemo) {
    await importDemoFeeds(dev.origin, tokens).catch(async (error) => {
      await dev.stop();
      throw error;
    });
  }
  return {
    origin: dev.origin,
    tokens,
    /**
     * SQL against the worker's own local D1 (wrangler reads the same files). The running worker
     * may hold the file's lock for a moment: a busy database is retried, not a failure.
     */
    async sql(statement) {
      for (let attempt = 1; ; attempt++) {
        try {
          return await d1(statement, { persistTo });
        } catch (error) {
          if (attempt === 8 || !/SQLITE_BUSY|database is locked/.test(String(error))) throw error;
          await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
        }
      }
    },
    async stop() {
      await dev.stop();
      rmSync(persistTo, { recursive: true, force: true });
    },
  };
}
