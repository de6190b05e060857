// The one Chromium every browser test uses (@web/test-runner, e2e, bench): CHROME_PATH if set,
// else a system Chromium that runs, else the headless Chromium that `npm install` brought inside
// the @sparticuz/chromium package. Test tools must not download a browser of their own (there is
// no network for that on these machines), and none needs to: a fresh clone has one after `npm ci`.
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SYSTEM = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** Flags for headless Chromium as root on a machine with no outside network. */
const COMMON_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** The browser's version line, or null when it does not start (absent, or a library missing). */
function version(path, env = process.env) {
  try {
    const out = execFileSync(path, ['--version'], { env, stdio: ['ignore', 'pipe', 'ignore'], timeout: 30_000 });
    return out.toString().trim().split('\n').pop() || null;
  } catch {
    return null;
  }
}

/** Chromium from the npm package: unpacked on first use; its own NSS libraries when the system has none. */
async function npmChromium() {
  let chromium;
  try {
    ({ default: chromium } = await import('@sparticuz/chromium'));
  } catch {
    return null;
  }
  const path = await chromium.executablePath();
  const found = version(path);
  if (found) return { path, env: process.env, version: found, source: 'npm package @sparticuz/chromium' };
  // A machine without Debian's libnss3: the package carries the few libraries the browser links.
  const { inflate } = await import('@sparticuz/chromium');
  const bin = join(dirname(fileURLToPath(import.meta.resolve('@sparticuz/chromium'))), '..', 'bin');
  const libs = join(await inflate(join(bin, 'al2023.tar.br')), 'lib');
  const env = { ...process.env, LD_LIBRARY_PATH: [libs, process.env.LD_LIBRARY_PATH].filter(Boolean).join(':') };
  const withLibs = version(path, env);
  return withLibs ? { path, env, version: withLibs, source: 'npm package @sparticuz/chromium, with its own NSS libraries' } : null;
}

async function resolveChromium() {
  const wanted = process.env.CHROME_PATH;
  if (wanted) {
    const found = version(wanted);
    if (!found) throw new Error(`CHROME_PATH is ${wanted}, but no browser starts there.`);
    return { path: wanted, args: COMMON_ARGS, env: process.env, version: found, source: 'CHROME_PATH' };
  }
  for (const path of SYSTEM) {
    const found = version(path);
    if (found) return { path, args: COMMON_ARGS, env: process.env, version: found, source: 'system' };
  }
  const npm = await npmChromium();
  if (npm) return { ...npm, args: [...COMMON_ARGS, '--no-zygote'] };
  throw new Error(
    'No Chromium found: none on the system, and the one in the @sparticuz/chromium package did not start. ' +
      'Run `npm ci` (it installs that package), or `apt-get install -y chromium`, or set CHROME_PATH.',
  );
}

const chromium = await resolveChromium();

/**
 * What every launcher is given (playwright-core's `chromium.launch`, @web/test-runner's
 * `chromeLauncher`): the path, the flags and the environment together, so no test can launch the
 * package's browser without the libraries it needs.
 */
export const chromiumLaunchOptions = { executablePath: chromium.path, args: chromium.args, env: chromium.env };
/** e.g. "Chromium 153.0.8010.0 (npm package @sparticuz/chromium)" */
export const chromiumDescription = `${chromium.version} (${chromium.source})`;

if (!process.env.CIVIC_CHROMIUM_QUIET) {
  process.stderr.write(`Browser tests use ${chromiumDescription} at ${chromium.path}\n`);
  process.env.CIVIC_CHROMIUM_QUIET = '1';
}
