// What the worker's bundle gives for `zod/v4/core` (wrangler.toml's [alias]): the one function of
// it that hono-openapi's schema converter calls, from the zod the project already bundles.
export { toJSONSchema } from 'zod';
