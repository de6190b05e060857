import { Hono } from 'hono';
import { AuditList, AuditQuery } from '@civic-widgets/contract';
import type { AppEnv } from '../env.js';
import { listAudit } from '../db/audit.js';
import { requireAdmin } from '../lib/auth.js';
import { json, operations } from '../lib/openapi.js';
import { validate } from '../lib/validate.js';

const seconds = (instant: string | undefined) => (instant === undefined ? undefined : Math.floor(Date.parse(instant) / 1000));

const op = operations('console', {
  listAudit: { summary: 'Who changed what on the site, newest first', access: 'token', responses: { 200: json('A page of the log', AuditList) } },
});

/** `/api/v1/sites/:site/audit`: who changed what on the site, newest first (its admins and the operator). */
export const audit = new Hono<AppEnv>().get('/', requireAdmin, validate('query', AuditQuery), op.listAudit, async (c) => {
  const query = c.req.valid('query');
  const page = await listAudit(c.env.DB, c.var.site.id, {
    resource: query.resource,
    actor: query.actor,
    since: seconds(query.since),
    until: seconds(query.until),
    before: query.cursor === undefined ? undefined : Number(query.cursor),
    limit: query.limit,
  });
  const body: AuditList = { items: page.items, nextCursor: page.next === null ? null : String(page.next) };
  return c.json(body, 200, { 'Cache-Control': 'no-store' });
});
