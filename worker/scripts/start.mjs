// `npm start`: the demo portal with every widget, on a local D1 seeded from the seed page.
// `npm run dev` adds --watch: the widget bundle and demo rebuild on change.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { importDemoFeeds } from '../seed/demo-feeds.mjs';
import { ensureDevVars, freePort, prepareDatabase, startDev } from './local.mjs';
import { root } from './wrangler.mjs';

const watch = process.argv.includes('--watch');

const { operatorToken } = ensureDevVars();
const tokens = await prepareDatabase();
if (watch) {
  const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  spawn(process.execPath, [vite, 'build', '--watch', '--config', 'packages/elements/vite.config.ts'], { cwd: root, stdio: 'inherit' });
  // the console (/admin/) rebuilds on change too, into dist/admin/
  spawn(process.execPath, [vite, 'build', '--watch', '--config', 'packages/console/vite.config.ts'], { cwd: root, stdio: 'inherit' });
}
const port = Number(process.env.PORT) || (await freePort(8787));
const dev = await startDev({ port, ip: process.env.HOST ?? '127.0.0.1', inherit: true, testScheduled: true });
const feed = await importDemoFeeds(dev.origin, tokens).catch((error) => ({ error }));

console.log(`
  civic-widgets is running.

  Demo portal (province):  ${dev.origin}/
  District page:           ${dev.origin}/district.html
  Photo library:           ${dev.origin}/thu-vien-anh.html
  Legacy portal page:      ${dev.origin}/legacy
  Console (Bảng quản trị): ${dev.origin}/admin/   (sign in with a token below)
  API:                     ${dev.origin}/api/v1/sites/htx-thainguyen
  Cron run (feeds queue):  ${dev.origin}/__scheduled
  Local admin tokens (dev only, stored hashed in the local D1):
${Object.entries(tokens)
  .map(([slug, token]) => `    ${slug.padEnd(16)} ${token}`)
  .join('\n')}
  Local operator token (dev only; every site, creates sites):
    ${operatorToken}

  ${feed?.error ? `Could not import the demo feed: ${feed.error.message}` : feed ? `Phú Lương's feed (demo/feeds/phuluong.rss): ${feed.created} new, ${feed.updated} updated, ${feed.unchanged} unchanged articles.` : 'No token for the phuluong site in this database (delete .wrangler/state to seed afresh).'}

  Data is kept in .wrangler/state between runs. Ctrl+C stops.
`);

for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => dev.stop().then(() => process.exit(0)));
