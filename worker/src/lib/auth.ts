import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { Actor, AppEnv } from '../env.js';
import { findToken, touchToken } from '../db/tokens.js';
import { beginAudit } from './audit.js';
import { sha256Hex } from './crypto.js';
import { ApiError } from './errors.js';
import { BEARER, documents, failure } from './openapi.js';

const challenge = { 'WWW-Authenticate': 'Bearer' };

/** The operator's label in the audit log. */
export const OPERATOR_LABEL = 'operator';

/**
 * Who sends `Authorization: Bearer <token>`: the operator (the token whose SHA-256 is the
 * `OPERATOR_TOKEN_SHA256` secret) or one site's admin. 401 otherwise. Read from D1 on every
 * request, never from a cache, so a revoked token fails on its very next call.
 */
export async function authenticate(c: Context<AppEnv>): Promise<Actor> {
  const match = /^Bearer\s+(\S{16,200})$/i.exec(c.req.header('Authorization') ?? '');
  if (!match) throw new ApiError(401, 'Send the site admin token as "Authorization: Bearer <token>".', undefined, challenge);
  const hash = await sha256Hex(match[1]!);
  const operator = c.env.OPERATOR_TOKEN_SHA256?.trim().toLowerCase();
  if (operator && operator === hash) return { role: 'operator', label: OPERATOR_LABEL, tokenId: null, site: null };
  const token = await findToken(c.env.DB, hash);
  if (!token) throw new ApiError(401, 'Unknown or revoked token.', undefined, challenge);
  await touchToken(c.env.DB, hash, Math.floor(Date.now() / 1000));
  return { role: 'admin', label: token.label, tokenId: token.id, site: { id: token.siteId, slug: token.siteSlug, name: token.siteName } };
}

/** Lets the request through as `:site`'s admin (that site's token, or the operator's), else 401/403. */
export async function admitAdmin(c: Context<AppEnv>): Promise<void> {
  const actor = await authenticate(c);
  if (actor.role === 'admin' && actor.site!.id !== c.var.site.id) throw new ApiError(403, 'This token belongs to another site.');
  c.set('actor', actor);
  beginAudit(c, actor, c.var.site.slug);
}

/** Admin routes of `:site`: that site's token, or the operator's. */
export const requireAdmin = createMiddleware<AppEnv>(async (c, next) => {
  await admitAdmin(c);
  await next();
});

/** Operator-only routes (sites themselves): a site's token is refused with 403. */
export const requireOperator = createMiddleware<AppEnv>(async (c, next) => {
  const actor = await authenticate(c);
  if (actor.role !== 'operator') throw new ApiError(403, 'Only the operator may do this.');
  c.set('actor', actor);
  beginAudit(c, actor, null);
  await next();
});

// what a token's routes answer without one, in the OpenAPI document (lib/openapi.ts)
const refused = (forbidden: string) => ({
  security: [{ [BEARER]: [] }],
  responses: { 401: failure('No token, or an unknown or revoked one'), 403: failure(forbidden) },
});
documents(requireAdmin, refused("Another site's token"));
documents(requireOperator, refused("A site's token: only the operator's may"));
