import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../env.js';
import { findSiteIdByTokenHash } from '../db/sites.js';
import { sha256Hex } from './crypto.js';
import { ApiError } from './errors.js';

/** Admin writes: `Authorization: Bearer <token>`, and the token must be this site's. */
export const requireAdmin = createMiddleware<AppEnv>(async (c, next) => {
  const match = /^Bearer\s+(\S{16,200})$/i.exec(c.req.header('Authorization') ?? '');
  if (!match) throw new ApiError(401, 'Send the site admin token as "Authorization: Bearer <token>".', undefined, { 'WWW-Authenticate': 'Bearer' });
  const siteId = await findSiteIdByTokenHash(c.env.DB, await sha256Hex(match[1]!));
  if (siteId === null) throw new ApiError(401, 'Unknown or revoked token.', undefined, { 'WWW-Authenticate': 'Bearer' });
  if (siteId !== c.var.site.id) throw new ApiError(403, 'This token belongs to another site.');
  await next();
});
