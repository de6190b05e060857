import { Hono, type Schema } from 'hono';
import { generateSpecs, resolver } from 'hono-openapi';
import * as z from 'zod';
import { ErrorBody } from '@civic-widgets/contract';
import type { AppEnv } from '../env.js';
import { cachedJson } from '../lib/cached-json.js';
import { BEARER, failure, json, notModified, operations, TAGS } from '../lib/openapi.js';

/** Where the API's own paths start: the document's server; /go and /media name their own. */
const BASE = '/api/v1';

type Document = Awaited<ReturnType<typeof generateSpecs>>;
type AnyApp = Hono<AppEnv, Schema, string>;

/**
 * The OpenAPI 3.1 document of `app`, generated from its routes: each route's description
 * (lib/openapi.ts), the schemas its validators check, and what its middlewares answer.
 */
export async function openapiDocument(app: AnyApp): Promise<Document> {
  const document = await generateSpecs(app, {
    documentation: {
      info: {
        title: 'civic-widgets API',
        version: '1',
        description: 'Article ratings, news, photo albums and link directories for government portals.',
        license: { name: 'MIT', identifier: 'MIT' },
      },
      servers: [{ url: BASE }],
      tags: Object.entries(TAGS).map(([name, description]) => ({ name, description })),
      components: {
        securitySchemes: { [BEARER]: { type: 'http', scheme: 'bearer', description: "A site's admin token, or the operator's." } },
        schemas: { ErrorBody: (await resolver(ErrorBody).toOpenAPISchema({ options: { io: 'output' } })).schema },
      },
    },
    // `/api/v1/openapi.json` ends like a file name, and is documented all the same
    excludeStaticFile: false,
    defaultValidationErrorResponse: failure('Invalid input: each issue names its field'),
  });
  const paths: Document['paths'] = {};
  for (const [path, item] of Object.entries(document.paths)) {
    for (const operation of Object.values(item)) {
      // a middleware's part is merged once per handler of a route: its security entries repeat
      if (operation && typeof operation === 'object' && 'security' in operation && operation.security) {
        operation.security = [...new Map(operation.security.map((entry) => [JSON.stringify(entry), entry])).values()];
      }
    }
    if (path.startsWith(`${BASE}/`)) paths[path.slice(BASE.length)] = item;
    else paths[path] = { servers: [{ url: '/' }], ...item };
  }
  return { ...document, paths };
}

const op = operations('meta', {
  getOpenapiDocument: {
    summary: 'This document: the API as its routes describe themselves',
    access: 'public',
    responses: { 200: json('The OpenAPI 3.1 document', z.object({ openapi: z.string() }).loose()), ...notModified },
  },
});

/**
 * `GET /api/v1/openapi.json` for `app` (given lazily: the app mounts this route itself). The
 * document is made once per isolate; its ETag is the hash of its text, as for any cached read.
 */
export function openapi(app: () => AnyApp) {
  let document: Promise<Document> | undefined;
  return new Hono<AppEnv>().get('/', op.getOpenapiDocument, async (c) => {
    document ??= openapiDocument(app()).catch((error: unknown) => {
      document = undefined;
      throw error;
    });
    return cachedJson(c, await document, 'public, max-age=3600');
  });
}
