// Runs the project's own wrangler quietly offline, and talks to D1 through it, local or remote.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = join(root, 'node_modules', '.bin', 'wrangler');

/** wrangler tries outside hosts unless told not to; these machines have none to reach. */
export const quietEnv = {
  ...process.env,
  WRANGLER_SEND_METRICS: 'false',
  WRANGLER_SEND_ERROR_REPORTS: 'false',
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
};

/** Runs `wrangler ...args` to completion; resolves with stdout, rejects with its stderr. */
export function wrangler(args, { quiet = true } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { cwd: root, env: quietEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      if (!quiet) process.stdout.write(chunk);
    });
    child.stderr.on('data', (chunk) => (err += chunk));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`wrangler ${args.slice(0, 3).join(' ')} failed (${code}):\n${err || out}`))));
  });
}

/** Where a D1 lives: `{ remote: true }`, or local state under `persistTo` (default .wrangler/state). */
const target = ({ remote = false, persistTo } = {}) => (remote ? ['--remote'] : ['--local', ...(persistTo ? ['--persist-to', persistTo] : [])]);

export const applyMigrations = (where = {}) => wrangler(['d1', 'migrations', 'apply', 'DB', ...target(where)]);

/** Runs SQL on the DB binding; resolves with the rows of the last statement. */
export async function d1(sql, where = {}) {
  // Long SQL (seed data) goes through a file: a command-line argument is limited to 128 KiB.
  const dir = sql.length > 8000 ? mkdtempSync(join(tmpdir(), 'civic-sql-')) : null;
  if (dir) writeFileSync(join(dir, 'statements.sql'), sql);
  try {
    const input = dir ? ['--file', join(dir, 'statements.sql')] : ['--command', sql];
    const out = await wrangler(['d1', 'execute', 'DB', ...target(where), '--json', ...input]);
    const results = JSON.parse(out.slice(out.indexOf('[')));
    return results.at(-1)?.results ?? [];
  } finally {
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

/** A SQLite string literal: the only quoting these scripts need, for values they validated. */
export const sqlText = (value) => `'${String(value).replaceAll("'", "''")}'`;
