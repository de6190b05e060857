import type { MiddlewareHandler } from 'hono';
import { describeRoute, resolver, uniqueSymbol, type DescribeRouteOptions } from 'hono-openapi';
import type * as z from 'zod';

// How a route describes itself in the OpenAPI document (routes/openapi.ts builds the document
// from the app's routes: docs/api.md). Its router's `operations(…)` names it and says who may call
// it and what it answers; its `validate(…)` middlewares record its params, query and body from the
// schemas that check them; a middleware that can refuse a request (a token check, a body guard)
// carries the answers it gives, so every route that uses it documents them.

/** The resources, as the document's tags: one per router. */
export const TAGS = {
  sites: "A site: what a widget needs to know of it, and its admin's settings",
  ratings: "Readers' ratings of a portal's items, and the admin's statistics",
  articles: 'News articles: the public list, and the admin’s writes',
  categories: "The site's news categories",
  feeds: "Existing portals' RSS and Atom feeds a site imports",
  albums: 'Photo albums, their photos and uploads',
  links: 'The link directory ("Liên kết Website"), its redirects and readers\' reports',
  console: "The console's sign-in check, the operator's sites, a site's tokens and audit log",
  media: 'Uploaded photo files',
  meta: 'The API itself',
} as const;
export type Tag = keyof typeof TAGS;

/** The bearer scheme of a site's admin tokens and the operator's token. */
export const BEARER = 'siteToken';

/** A JSON answer whose schema is the contract's `type`, as the server sends it. */
export const json = (description: string, type: z.ZodType) => ({
  description,
  content: { 'application/json': { schema: resolver(type, { options: { io: 'output' } }) } },
});

/** An error answer: the project's one error shape (components/schemas/ErrorBody). */
export const failure = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorBody' } } },
});

/** An answer without a body (204, 302, 304). */
export const empty = (description: string) => ({ description });

/** What a cacheable read answers to an `If-None-Match` naming its ETag. */
export const notModified = { 304: empty('Not modified: the ETag sent in If-None-Match is still current') };

/** Who may call an operation: anyone; a token's holder; anyone, a token changing the answer. */
type Access = 'public' | 'token' | 'optional token';

type Operation = Omit<DescribeRouteOptions, 'operationId' | 'summary' | 'tags' | 'security'> & { summary: string; access: Access };

const security: Record<Access, NonNullable<DescribeRouteOptions['security']>> = {
  public: [],
  token: [{ [BEARER]: [] }],
  'optional token': [{}, { [BEARER]: [] }],
};

/**
 * A router's operations, each a middleware to put right before its route's handler (so what the
 * route says wins over what its middlewares say). The key is the operationId: unique, stable,
 * camelCase, as a generated client names its function. A token's routes also use the middleware
 * that checks it (lib/auth.ts), which documents its 401 and 403.
 */
export function operations<Id extends string>(tag: Tag, described: Record<Id, Operation>): Record<Id, MiddlewareHandler> {
  const entries = Object.entries<Operation>(described).map(([operationId, { access, ...operation }]) => [
    operationId,
    describeRoute({ ...operation, operationId, tags: [tag], security: security[access] }),
  ]);
  return Object.fromEntries(entries) as Record<Id, MiddlewareHandler>;
}

/**
 * Gives a middleware the part of the document it is responsible for (its security, the errors it
 * answers); every route that uses the middleware carries that part, merged under the route's own.
 */
export const documents = <M extends MiddlewareHandler>(middleware: M, spec: Omit<DescribeRouteOptions, 'operationId'>): M =>
  Object.assign(middleware, { [uniqueSymbol]: { spec } });

/**
 * Documents the request part a middleware reads and checks itself with `schema` (as `validate()`
 * documents its own), for a middleware that answers some requests on its own.
 */
export const documentsInput = <M extends MiddlewareHandler>(target: 'query' | 'param', schema: z.ZodType, middleware: M): M =>
  Object.assign(middleware, { [uniqueSymbol]: { target, ...resolver(schema) } });
