// Worker tests: the whole worker runs inside workerd (through @cloudflare/vitest-pool-workers)
// against a real local D1 with worker/migrations applied before the tests (see setup.ts).
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers';
import { defineConfig } from 'vitest/config';
import { feedServer } from './feed-server.js';
import { imageFixtures } from './image-fixtures.js';
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
          TEST_IMAGES: await imageFixtures(),
          VOTER_SECRET: 'test-only-secret',
          // the link checks' stand-in servers listen on 127.0.0.1 (tests of the refusal pass an env without it)
          ALLOW_PRIVATE_TARGETS: '1',
          // the operator's token in these tests is OPERATOR_TOKEN (helpers.ts); the worker holds its hash
          TURNSTILE_SECRET: TEST_TURNSTILE_SECRET,
          TURNSTILE_VERIFY_URL: 'https://turnstile.test/siteverify',
          OPERATOR_TOKEN_SHA256: createHash('sha256').update('test-operator-token-not-a-secret').digest('hex'),
        },
        // an empty D1 of its own for the migration tests (they apply migrations step by step)
        d1Databases: ['MIGRATION_DB'],
        // the worker's fetches (feed imports, Turnstile checks) reach stand-ins, never the network
        outboundService: ((feeds) => (request: Request) => (new URL(request.url).hostname === 'turnstile.test' ? siteverify(request) : feeds(request)))(
          feedServer(`${root}test/worker/fixtures/feeds`),
        ),
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
