import { Hono } from 'hono';
import { SitePublic, SiteSettings, SiteSettingsUpdate } from '@civic-widgets/contract';
import type { AppEnv } from '../env.js';
import { toSettings, updateSite } from '../db/sites.js';
import { requireAdmin } from '../lib/auth.js';
import { cachedJson } from '../lib/cached-json.js';
import { ApiError } from '../lib/errors.js';
import { jsonBody } from '../lib/json-body.js';
import { failure, json, notModified, operations } from '../lib/openapi.js';
import { loadSite, recordWrite } from '../lib/site-scope.js';
import { validate } from '../lib/validate.js';

/** Settings only the operator may change. */
const OPERATOR_FIELDS = ['ratingItemsPerDay', 'ratingItemsTotal'] as const;

const op = operations('sites', {
  getSite: { summary: 'What a widget needs to know of its site', access: 'public', responses: { 200: json('The site', SitePublic), ...notModified } },
  getSiteSettings: { summary: "The site's settings", access: 'token', responses: { 200: json('The settings', SiteSettings), ...notModified } },
  updateSiteSettings: {
    summary: "Change the site's settings (the rating caps: the operator only)",
    access: 'token',
    responses: { 200: json('The new settings', SiteSettings), 403: failure("Another site's token, or a cap only the operator may change") },
  },
});

/** `/api/v1/sites/:site`: what a widget needs to know of its site, and the admin's settings. */
export const sites = new Hono<AppEnv>()
  .get('/', op.getSite, (c) => {
    const { slug, name, timeZone, language, turnstile } = c.var.site;
    const body: SitePublic = { slug, name, timeZone, language, turnstile: turnstile && { siteKey: turnstile.siteKey } };
    return cachedJson(c, body, 'public, max-age=300');
  })
  .get('/settings', requireAdmin, op.getSiteSettings, (c) => cachedJson(c, toSettings(c.var.site), 'private, no-cache'))
  .patch('/settings', requireAdmin, jsonBody(16 * 1024), validate('json', SiteSettingsUpdate), op.updateSiteSettings, async (c) => {
    const { slug, id } = c.var.site;
    const update = c.req.valid('json');
    // the caps protect the database every site shares, like the feed and link quotas: the operator's to set
    const caps = OPERATOR_FIELDS.filter((field) => update[field] !== undefined);
    if (caps.length && c.var.actor.role !== 'operator') {
      throw new ApiError(
        403,
        `Only the operator may change ${caps.join(' and ')}.`,
        caps.map((path) => ({ path, message: 'set by the operator' })),
      );
    }
    await updateSite(c.env.DB, id, update);
    // the write's generation bump reads the record back and this isolate keeps it: the answer is that record
    await recordWrite(c, 'content');
    const site = await loadSite(c.env.DB, slug);
    if (!site) throw new ApiError(404, `No site named "${slug}".`);
    return c.json(toSettings(site), 200, { 'Cache-Control': 'no-store' });
  });
