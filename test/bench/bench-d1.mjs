// A throwaway local D1 for a benchmark: wrangler's own local storage in a temporary folder,
// the migrations applied, reached through getPlatformProxy (whose results carry meta.rows_read).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getPlatformProxy } from 'wrangler';
import { applyMigrations, root } from '../../worker/scripts/wrangler.mjs';

/** Runs `measure({ db, persistTo })` on a fresh migrated D1, then removes it. */
export async function withBenchD1(measure) {
  const persistTo = mkdtempSync(join(tmpdir(), 'civic-bench-'));
  const { env, dispose } = await getPlatformProxy({ configPath: join(root, 'wrangler.toml'), persist: { path: join(persistTo, 'v3') } });
  try {
    await applyMigrations({ persistTo });
    return await measure({ db: env.DB, persistTo });
  } finally {
    await dispose();
    rmSync(persistTo, { recursive: true, force: true });
  }
}
