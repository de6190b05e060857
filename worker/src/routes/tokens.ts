import { Hono } from 'hono';
import * as z from 'zod';
import { TokenCreate, TokenCreated, TokenId, TokenList } from '@civic-widgets/contract';
import type { AppEnv } from '../env.js';
import { deleteToken, insertTokenStatement, listTokens } from '../db/tokens.js';
import { noteAudit } from '../lib/audit.js';
import { requireAdmin } from '../lib/auth.js';
import { ApiError } from '../lib/errors.js';
import { jsonBody } from '../lib/json-body.js';
import { empty, failure, json, operations } from '../lib/openapi.js';
import { newToken } from '../lib/tokens.js';
import { validate } from '../lib/validate.js';

const noStore = { 'Cache-Control': 'no-store' };

const op = operations('console', {
  listTokens: { summary: "The site's tokens (never the tokens themselves)", access: 'token', responses: { 200: json('The tokens', TokenList) } },
  createToken: { summary: 'Issue a token to an editor', access: 'token', responses: { 201: json('The token, shown this once', TokenCreated) } },
  revokeToken: {
    summary: 'Revoke a token (refused from its next request on)',
    access: 'token',
    responses: { 204: empty('Revoked'), 404: failure('No such token on this site') },
  },
});

/** `/api/v1/sites/:site/tokens`: the site's admin tokens (one per editor), issued and revoked by its admins. */
export const tokens = new Hono<AppEnv>()
  .use(requireAdmin)
  .get('/', op.listTokens, async (c) => {
    const body: TokenList = { items: await listTokens(c.env.DB, c.var.site.id, c.var.actor.tokenId) };
    return c.json(body, 200, noStore);
  })
  .post('/', jsonBody(4096), validate('json', TokenCreate), op.createToken, async (c) => {
    const token = await newToken(c.req.valid('json').label);
    noteAudit(c, { key: token.id, summary: `token issued to "${token.label}"` });
    await insertTokenStatement(c.env.DB, c.var.site.slug, token).run();
    const body: TokenCreated = { id: token.id, label: token.label, token: token.token };
    return c.json(body, 201, noStore);
  })
  .delete('/:id', validate('param', z.object({ id: TokenId })), op.revokeToken, async (c) => {
    const { id } = c.req.valid('param');
    noteAudit(c, { summary: 'token revoked' });
    if (!(await deleteToken(c.env.DB, c.var.site.id, id))) throw new ApiError(404, `No token ${id} on this site.`);
    return c.body(null, 204);
  });
