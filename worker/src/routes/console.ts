import { Hono } from 'hono';
import { Me, SiteAdminList, SiteCreate, SiteCreated } from '@civic-widgets/contract';
import type { AppEnv } from '../env.js';
import { insertSiteStatement, listSites } from '../db/sites.js';
import { insertTokenStatement } from '../db/tokens.js';
import { noteAudit } from '../lib/audit.js';
import { authenticate, requireOperator } from '../lib/auth.js';
import { ApiError } from '../lib/errors.js';
import { jsonBody } from '../lib/json-body.js';
import { failure, json, operations } from '../lib/openapi.js';
import { newToken } from '../lib/tokens.js';
import { validate } from '../lib/validate.js';

const noStore = { 'Cache-Control': 'no-store' };

const op = operations('console', {
  getMe: {
    summary: "Who the token is: the console's sign-in check",
    access: 'token',
    responses: { 200: json('The role, label and site', Me), 401: failure('No token, or an unknown or revoked one') },
  },
  listSites: { summary: 'Every site (the operator only)', access: 'token', responses: { 200: json('The sites', SiteAdminList) } },
  createSite: {
    summary: 'Create a site and its first token (the operator only)',
    access: 'token',
    responses: { 201: json('The site, and its token shown this once', SiteCreated), 409: failure('The slug is taken') },
  },
});

/** `GET /api/v1/me`: the console's sign-in check. 401 for an unknown or revoked token. */
export const me = new Hono<AppEnv>().get('/', op.getMe, async (c) => {
  const actor = await authenticate(c);
  const body: Me = {
    role: actor.role,
    label: actor.label,
    site: actor.site && { slug: actor.site.slug, name: actor.site.name },
    tokenId: actor.tokenId,
  };
  return c.json(body, 200, noStore);
});

/** `/api/v1/sites` (operator only): every site, and a new site with its first token. */
// (middleware per route: a `use` here would cover every /api/v1/sites/* path)
export const operatorSites = new Hono<AppEnv>()
  .get('/', requireOperator, op.listSites, async (c) => {
    const body: SiteAdminList = { items: await listSites(c.env.DB) };
    return c.json(body, 200, noStore);
  })
  .post('/', requireOperator, jsonBody(16 * 1024), validate('json', SiteCreate), op.createSite, async (c) => {
    const { tokenLabel, ...site } = c.req.valid('json');
    const token = await newToken(tokenLabel);
    noteAudit(c, { site: site.slug, key: site.slug, summary: `site created; token issued to "${tokenLabel}"` });
    try {
      await c.env.DB.batch([insertSiteStatement(c.env.DB, site), insertTokenStatement(c.env.DB, site.slug, token)]);
    } catch (error) {
      if (/UNIQUE constraint failed/.test(String(error))) throw new ApiError(409, `A site "${site.slug}" exists already.`);
      throw error;
    }
    const body: SiteCreated = {
      site: { ...site, createdAt: new Date(Math.floor(Date.now() / 1000) * 1000).toISOString() },
      token: { id: token.id, label: token.label, token: token.token },
    };
    return c.json(body, 201, noStore);
  });
