// Types for `cloudflare:workers` / `cloudflare:test` inside the worker tests.
import type { D1Migration } from 'cloudflare:test';
import type { Env as WorkerEnv } from '../../worker/src/env.js';

declare global {
  namespace Cloudflare {
    interface Env extends WorkerEnv {
      TEST_MIGRATIONS: D1Migration[];
      /** base64 pictures made by image-fixtures.ts */
      TEST_IMAGES: Record<string, string>;
    }
    interface GlobalProps {
      mainModule: typeof import('../../worker/src/index.js');
    }
  }
}
