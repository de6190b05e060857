// The one Chromium every browser test uses: Debian's, or CHROME_PATH. Test tools must not
// download a browser of their own (there is no network for that on these machines).
import { existsSync } from 'node:fs';

export const chromiumPath = process.env.CHROME_PATH || '/usr/bin/chromium';

if (!existsSync(chromiumPath)) {
  throw new Error(`No Chromium at ${chromiumPath}. Install it (apt-get install -y chromium) or set CHROME_PATH.`);
}

/** Flags for headless Chromium as root on a machine with no outside network. */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
