import { Hono } from 'hono';
import * as z from 'zod';
import {
  AdminCategory,
  AdminLink,
  DirectoryExport,
  ImportPlan,
  LinkDirectory,
  LinkCategoryInput,
  LinkCategorySlug,
  LinkCategoryUpdate,
  DirectoryFile,
  LinkId,
  LinkInput,
  LinkOrder,
  LinkReport,
  LinkUpdate,
} from '@civic-widgets/contract';
import type { AppEnv } from '../env.js';
import {
  createCategory,
  createLink,
  deleteCategory,
  deleteLink,
  exportDirectory,
  findLinkTarget,
  getAdminLink,
  getCategory,
  getDirectory,
  importDirectory,
  recordChecks,
  reorder,
  reportLink,
  unknownInOrder,
  updateCategory,
  updateLink,
  type WriteResult,
} from '../db/links.js';
import { requireAdmin } from '../lib/auth.js';
import { cachedJson } from '../lib/cached-json.js';
import { csvToDirectory, decodeCsv, directoryToCsv } from '../lib/directory-csv.js';
import { planImport } from '../lib/directory-plan.js';
import { probe } from '../lib/link-health.js';
import { ApiError } from '../lib/errors.js';
import { jsonBody, typedBody } from '../lib/json-body.js';
import { empty, failure, json, notModified, operations } from '../lib/openapi.js';
import { requireSiteOrigin } from '../lib/origins.js';
import { allowsPrivateTargets, refusePrivateTargets } from '../lib/targets.js';
import { exhausted, preFilter, tooManyRequests, windowOf } from '../lib/rate-limit.js';
import { linkReaderKey, networkKey } from '../lib/reader.js';
import { requireTurnstile } from '../lib/turnstile.js';
import { resolver } from 'hono-openapi';
import { invalidFields, validate, validationError } from '../lib/validate.js';

const LinkParam = z.object({ link: LinkId });
const CategoryParam = z.object({ category: LinkCategorySlug });
/** Reports one network may send on one site per minute (each reader counts once per link anyway). */
const REPORTS_PER_MINUTE = 5;
const IMPORT_MAX_BYTES = 512 * 1024;
const noStore = { 'Cache-Control': 'no-store' };

/** Turns a failed write into its answer: 404 for what is not there, 409 for a taken slug or URL. */
function unwrap<T>(result: WriteResult<T>, what: string, conflict: string): T {
  if (result.ok) return result.value;
  throw result.reason === 'conflict' ? new ApiError(409, conflict) : new ApiError(404, `No such ${what} on this site.`);
}

const noCategory = (slug: string) => invalidFields([{ path: 'category', message: `no category "${slug}" on this site` }]);

const ImportResult = z.object({
  categories: z.number().int(),
  links: z.number().int(),
  removed: z.object({ categories: z.number().int(), links: z.number().int() }),
});
const csv = (description: string) => ({ 'text/csv': { schema: { type: 'string' as const, description } } });
const op = operations('links', {
  getLinkDirectory: {
    summary: 'The link directory, grouped by category, both in weight order (empty categories left out)',
    access: 'public',
    responses: { 200: json('The directory', LinkDirectory), ...notModified },
  },
  exportLinks: {
    summary: 'The whole directory with hits, health and reports, as JSON or CSV (one row per link)',
    access: 'token',
    responses: {
      200: { description: 'The directory', content: { ...json('', DirectoryExport).content, ...csv('UTF-8 with a byte-order mark, one row per link') } },
    },
  },
  importLinks: {
    summary: 'Import a directory (JSON as exported, or CSV): adds and updates categories by slug and links by URL, all or none',
    description: '`replace=true` also removes what the file does not list; `dryRun=1` answers what the import would do (ImportPlan) and writes nothing.',
    access: 'token',
    requestBody: {
      required: true,
      content: {
        'application/json': { schema: resolver(DirectoryFile) },
        ...csv('UTF-8; cells separated by commas, semicolons or tabs, as the header line shows'),
      },
    },
    responses: {
      200: json('What changed (ImportPlan with dryRun)', z.xor([ImportResult, ImportPlan])),
      400: failure('Invalid query, or a file that is not a directory (each issue names its field, or its CSV row and column)'),
      409: failure('The site would have more links than it may'),
    },
  },
  createLinkCategory: {
    summary: 'Add a category (last unless a weight is given)',
    access: 'token',
    responses: { 201: json('The category', AdminCategory), 409: failure('The slug is taken') },
  },
  updateLinkCategory: {
    summary: 'Rename, re-slug or re-weight a category',
    access: 'token',
    responses: { 200: json('The category', AdminCategory), 404: failure('No such category'), 409: failure('The slug is taken') },
  },
  deleteLinkCategory: {
    summary: 'Delete an empty category',
    access: 'token',
    responses: { 204: empty('Deleted'), 404: failure('No such category'), 409: failure('It still holds links') },
  },
  reorderLinks: {
    summary: 'Reorder: the listed categories and links get weights 0, 1, 2 … in the order given',
    access: 'token',
    responses: { 200: json('The directory after', DirectoryExport) },
  },
  createLink: {
    summary: 'Add a link (last in its category unless a weight is given)',
    access: 'token',
    responses: { 201: json('The link', AdminLink), 409: failure('The site lists that URL already, or has as many links as it may') },
  },
  getLink: {
    summary: 'One link with its hits, health and reports',
    access: 'token',
    responses: { 200: json('The link', AdminLink), 404: failure('No such link') },
  },
  updateLink: {
    summary: 'Change a link; a new URL starts its health over',
    access: 'token',
    responses: { 200: json('The link', AdminLink), 404: failure('No such link'), 409: failure('The site lists that URL already') },
  },
  deleteLink: { summary: 'Delete a link, with its clicks and reports', access: 'token', responses: { 204: empty('Deleted'), 404: failure('No such link') } },
  checkLink: {
    summary: "Check one link's server now",
    access: 'token',
    responses: { 200: json('The link with its fresh health', AdminLink), 404: failure('No such link') },
  },
  reportLink: {
    summary: "A reader reports a link as broken or bad (from one of the site's origins; one report per reader and link)",
    access: 'public',
    responses: {
      202: json('Recorded', z.object({ ok: z.literal(true) })),
      403: failure('Not from one of the site\'s origins, or no valid Turnstile token when the site asks for one (issue path "turnstile")'),
      404: failure('No such link'),
      429: failure('Too many reports from this network (see Retry-After)'),
      503: failure('The Turnstile check could not be made (see Retry-After)'),
    },
  },
});

/**
 * `/api/v1/sites/:site/links`: the directory anyone may read, grouped by category; readers'
 * reports; and the admin's writes, import and export.
 */
export const links = new Hono<AppEnv>()
  .get('/', validate('query', z.object({ category: LinkCategorySlug.optional() })), op.getLinkDirectory, async (c) => {
    const directory = await getDirectory(c.env.DB, c.var.site.id, c.req.valid('query').category);
    return cachedJson(c, directory, 'public, max-age=60');
  })

  // ---- export and import
  .get('/export', requireAdmin, validate('query', z.object({ format: z.enum(['json', 'csv']).default('json') })), op.exportLinks, async (c) => {
    const directory = await exportDirectory(c.env.DB, c.var.site.id);
    if (c.req.valid('query').format === 'json') return c.json(directory, 200, noStore);
    return c.body(directoryToCsv(directory), 200, {
      ...noStore,
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="lien-ket-${c.var.site.slug}.csv"`,
    });
  })
  .post(
    '/import',
    requireAdmin,
    typedBody(IMPORT_MAX_BYTES, 'application/json', 'text/csv'),
    validate('query', z.object({ replace: z.enum(['true', 'false']).default('false'), dryRun: z.enum(['1', 'true', '0', 'false']).optional() })),
    op.importLinks,
    async (c) => {
      const isCsv = c.req.header('Content-Type')!.toLowerCase().startsWith('text/csv');
      let input: unknown;
      let where = (path: string) => path;
      if (isCsv) {
        const csv = csvToDirectory(decodeCsv(await c.req.arrayBuffer()));
        input = csv.file;
        where = csv.csvPath;
      } else {
        input = await c.req.json().catch(() => {
          throw new ApiError(400, 'The request body is not valid JSON.');
        });
      }
      const parsed = DirectoryFile.safeParse(input);
      if (!parsed.success) throw validationError(parsed.error, 'json', 'invalid directory file: ', where);
      refusePrivateTargets(
        c.env,
        parsed.data.categories.flatMap((category, i) =>
          category.links.map((link, j) => [where(`categories.${i}.links.${j}.url`), link.url] as [string, string]),
        ),
      );
      const { replace, dryRun } = c.req.valid('query');
      if (dryRun === '1' || dryRun === 'true') {
        // what the import would do, for the console to show before it is done: nothing is written
        return c.json(planImport(await exportDirectory(c.env.DB, c.var.site.id), parsed.data, replace === 'true'), 200, noStore);
      }
      const result = await importDirectory(c.env.DB, c.var.site.id, parsed.data, replace === 'true');
      return c.json(result, 200, noStore);
    },
  )

  // ---- categories
  .post('/categories', requireAdmin, jsonBody(4096), validate('json', LinkCategoryInput), op.createLinkCategory, async (c) => {
    const input = c.req.valid('json');
    const category = await createCategory(c.env.DB, c.var.site.id, input);
    if (!category) throw new ApiError(409, `The category "${input.slug}" exists already.`);
    return c.json(category, 201, noStore);
  })
  .patch(
    '/categories/:category',
    requireAdmin,
    jsonBody(4096),
    validate('param', CategoryParam),
    validate('json', LinkCategoryUpdate),
    op.updateLinkCategory,
    async (c) => {
      const result = await updateCategory(c.env.DB, c.var.site.id, c.req.valid('param').category, c.req.valid('json'));
      return c.json(unwrap(result, 'category', 'Another category has that slug.'), 200, noStore);
    },
  )
  .delete('/categories/:category', requireAdmin, validate('param', CategoryParam), op.deleteLinkCategory, async (c) => {
    unwrap(
      await deleteCategory(c.env.DB, c.var.site.id, c.req.valid('param').category),
      'category',
      'The category still holds links: move or delete them first.',
    );
    return c.body(null, 204);
  })

  // ---- order
  .put('/order', requireAdmin, jsonBody(64 * 1024), validate('json', LinkOrder), op.reorderLinks, async (c) => {
    const { categories = [], links: ids = [] } = c.req.valid('json');
    const unknown = await unknownInOrder(c.env.DB, c.var.site.id, categories, ids);
    const issues = [
      ...unknown.categories.map((slug) => ({ path: `categories.${categories.indexOf(slug)}`, message: `no category "${slug}" on this site` })),
      ...unknown.links.map((id) => ({ path: `links.${ids.indexOf(id)}`, message: `no link ${id} on this site` })),
    ];
    if (issues.length) throw invalidFields(issues);
    await reorder(c.env.DB, c.var.site.id, categories, ids);
    return c.json(await exportDirectory(c.env.DB, c.var.site.id), 200, noStore);
  })

  // ---- links
  .post('/', requireAdmin, jsonBody(8192), validate('json', LinkInput), op.createLink, async (c) => {
    const input = c.req.valid('json');
    refusePrivateTargets(c.env, [['url', input.url]]);
    const result = await createLink(c.env.DB, c.var.site.id, input);
    if (!result.ok && result.reason === 'not_found') throw noCategory(input.category);
    const id = unwrap(result, 'link', 'This site lists that URL already.');
    return c.json(await getAdminLink(c.env.DB, c.var.site.id, id), 201, noStore);
  })
  .get('/:link{[0-9]+}', requireAdmin, validate('param', LinkParam), op.getLink, async (c) => {
    const link = await getAdminLink(c.env.DB, c.var.site.id, c.req.valid('param').link);
    if (!link) throw new ApiError(404, 'No such link on this site.');
    return c.json(link, 200, noStore);
  })
  .patch('/:link{[0-9]+}', requireAdmin, jsonBody(8192), validate('param', LinkParam), validate('json', LinkUpdate), op.updateLink, async (c) => {
    const { link: id } = c.req.valid('param');
    const update = c.req.valid('json');
    refusePrivateTargets(c.env, [['url', update.url]]);
    let categoryId: number | null = null;
    if (update.category !== undefined) {
      categoryId = (await getCategory(c.env.DB, c.var.site.id, update.category))?.id ?? null;
      if (categoryId === null) throw noCategory(update.category);
    }
    unwrap(await updateLink(c.env.DB, c.var.site.id, id, update, categoryId), 'link', 'This site lists that URL already.');
    return c.json(await getAdminLink(c.env.DB, c.var.site.id, id), 200, noStore);
  })
  .delete('/:link{[0-9]+}', requireAdmin, validate('param', LinkParam), op.deleteLink, async (c) => {
    if (!(await deleteLink(c.env.DB, c.var.site.id, c.req.valid('param').link))) throw new ApiError(404, 'No such link on this site.');
    return c.body(null, 204);
  })

  // the console's "check now": the link's server is asked at once, and the answer recorded as the Cron's would be
  .post('/:link{[0-9]+}/check', requireAdmin, validate('param', LinkParam), op.checkLink, async (c) => {
    const { link: id } = c.req.valid('param');
    const link = await getAdminLink(c.env.DB, c.var.site.id, id);
    if (!link) throw new ApiError(404, `No link ${id} on this site.`);
    const answered = await probe(link.url, fetch, undefined, allowsPrivateTargets(c.env));
    await recordChecks(c.env.DB, [{ siteId: c.var.site.id, id, url: link.url, health: link.health, answered }], Math.floor(Date.now() / 1000));
    return c.json(await getAdminLink(c.env.DB, c.var.site.id, id), 200, noStore);
  })

  // ---- a reader's report
  .post('/:link{[0-9]+}/reports', requireSiteOrigin, jsonBody(4096), validate('param', LinkParam), validate('json', LinkReport), op.reportLink, async (c) => {
    const { link: linkId } = c.req.valid('param');
    const { reason, turnstile } = c.req.valid('json');
    const siteId = c.var.site.id;
    const now = Math.floor(Date.now() / 1000);
    const bucket = `report:${await networkKey(c)}`;
    const window = windowOf(now);
    // refused before any D1 write: over the limit as this isolate counts it, or no valid Turnstile token
    preFilter('reports', bucket, window, REPORTS_PER_MINUTE, now);
    await requireTurnstile(c, turnstile);
    if ((await findLinkTarget(c.env.DB, linkId))?.siteId !== siteId) throw new ApiError(404, 'No such link on this site.');
    const accepted = await reportLink(c.env.DB, {
      siteId,
      linkId,
      readerKey: await linkReaderKey(c, 'report', linkId),
      reason,
      now,
      bucket,
      window,
      limit: REPORTS_PER_MINUTE,
    });
    if (!accepted) {
      exhausted(bucket, window, REPORTS_PER_MINUTE);
      throw tooManyRequests('reports', now);
    }
    return c.json({ ok: true }, 202, noStore);
  });
