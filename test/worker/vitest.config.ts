// Worker tests: the whole worker runs inside workerd (through @cloudflare/vitest-pool-workers)
// against a real local D1 with worker/migrations applied before the tests (see setup.ts).
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers';
import { defineConfig } from 'vitest/config';
import { feedServer } from './feed-server.js';
import { TEST_TURNSTILE_SECRET, siteverify } from '../support/siteverify.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));

// wrangler.toml names ./dist as the static-assets directory; it only exists after a build, and
// these tests never ask for an asset, so an empty one will do.
mkdirSync(`${root}dist`, { recursive: true });

export default defineConfig({
  root,
  plugins: [
    cloudflareTest({
      main: `${root}worker/src/index.ts`,
      wrangler: { configPath: `${root}wrangler.toml` },
      miniflare: {
        bindings: {
          TEST_MIGRATIONS: await readD1Migrations(`${root}worker/migrations`),
          VOTER_SECRET: 'test-only-secret',
          TURNSTILE_SECRET: TEST_TURNSTILE_SECRET,
          TURNSTILE_VERIFY_URL: 'https://turnstile.test/siteverify',
        },
        // the worker's fetches (feed imports, Turnstile checks) reach stand-ins, never the network
        outboundService: ((feeds) => (request: Request) =>
          new URL(request.url).hostname === 'turnstile.test' ? siteverify(request) : feeds(request))(feedServer(`${root}test/worker/fixtures/feeds`)),
      },
    }),
  ],
  test: {
    include: ['test/worker/**/*.test.ts'],
    setupFiles: ['test/worker/setup.ts'],
    // the agencies' web servers, for the link health check (no outside network)
    globalSetup: ['test/worker/fixture-sites.ts'],
  },
});
