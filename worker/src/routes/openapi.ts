import { Hono } from 'hono';
import * as z from 'zod';
import {
  AdminCategory,
  AdminLink,
  CategoryInput,
  CategorySlug,
  CategoryUpdate,
  DirectoryExport,
  DirectoryFile,
  ErrorBody,
  ItemKey,
  LinkDirectory,
  LinkInput,
  LinkOrder,
  LinkReport,
  LinkUpdate,
  RatingSummary,
  RatingVote,
  SitePublic,
  SiteSettings,
  SiteSettingsUpdate,
  SiteSlug,
} from '@civic-widgets/contract';
import type { AppEnv } from '../env.js';
import { cachedJson } from '../lib/cached-json.js';

const schema = (type: z.ZodType, io: 'input' | 'output' = 'output') => z.toJSONSchema(type, { io, unrepresentable: 'any' });
const json = (type: z.ZodType, io?: 'input' | 'output') => ({ content: { 'application/json': { schema: schema(type, io) } } });
const error = (description: string) => ({ description, ...json(ErrorBody) });
const siteParam = { name: 'site', in: 'path', required: true, schema: schema(SiteSlug) };
const admin = [{ siteToken: [] }];
const linkParam = { name: 'link', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } };
const categoryParam = { name: 'category', in: 'path', required: true, schema: schema(CategorySlug) };
const adminErrors = { 401: error('No or unknown token'), 403: error("Another site's token") };
const writeErrors = { ...adminErrors, 400: error('Invalid body'), 413: error('Body too large'), 415: error('Not application/json') };
const body = (type: z.ZodType) => ({ required: true, ...json(type, 'input') });

/** The OpenAPI 3.1 document, generated from the contract's zod schemas. */
const document = {
  openapi: '3.1.0',
  info: {
    title: 'civic-widgets API',
    version: '1',
    description: 'Article ratings and link directories (and, to come, news and photo albums) for government portals.',
  },
  servers: [{ url: '/api/v1' }],
  components: { securitySchemes: { siteToken: { type: 'http', scheme: 'bearer', description: "A site's admin token." } } },
  paths: {
    '/sites/{site}': {
      get: { summary: 'What a widget needs to know of its site', parameters: [siteParam], responses: { 200: { description: 'The site', ...json(SitePublic) }, 404: error('No such site') } },
    },
    '/sites/{site}/settings': {
      get: {
        summary: "The site's settings",
        security: admin,
        parameters: [siteParam],
        responses: { 200: { description: 'Settings', ...json(SiteSettings) }, 401: error('No or unknown token'), 403: error("Another site's token") },
      },
      patch: {
        summary: "Change the site's settings",
        security: admin,
        parameters: [siteParam],
        requestBody: { required: true, ...json(SiteSettingsUpdate, 'input') },
        responses: { 200: { description: 'The new settings', ...json(SiteSettings) }, 400: error('Invalid settings'), 401: error('No or unknown token'), 403: error("Another site's token") },
      },
    },
    '/sites/{site}/ratings/{item}': {
      parameters: [siteParam, { name: 'item', in: 'path', required: true, description: "The portal's own key (URL-encoded)", schema: schema(ItemKey) }],
      get: {
        summary: "An item's rating summary, with this reader's own vote",
        responses: { 200: { description: 'Summary', ...json(RatingSummary) }, 304: { description: 'Not modified' }, 404: error('No such site') },
      },
      put: {
        summary: "Cast or replace this reader's vote (from one of the site's origins)",
        requestBody: { required: true, ...json(RatingVote, 'input') },
        responses: {
          200: { description: 'The new summary', ...json(RatingSummary) },
          400: error('Invalid vote'),
          403: error('Not from an allowed origin'),
          404: error('No such site'),
          413: error('Body too large'),
          415: error('Not application/json'),
          429: error('Too many votes from this network (see Retry-After)'),
        },
      },
    },
    '/sites/{site}/links': {
      get: {
        summary: 'The link directory, grouped by category, both in weight order (empty categories left out)',
        parameters: [siteParam, { name: 'category', in: 'query', required: false, description: 'only this category', schema: schema(CategorySlug) }],
        responses: { 200: { description: 'The directory', ...json(LinkDirectory) }, 304: { description: 'Not modified' }, 404: error('No such site') },
      },
      post: {
        summary: 'Add a link (last in its category unless a weight is given)',
        security: admin,
        parameters: [siteParam],
        requestBody: body(LinkInput),
        responses: { 201: { description: 'The new link', ...json(AdminLink) }, ...writeErrors, 409: error('The site lists that URL already') },
      },
    },
    '/sites/{site}/links/{link}': {
      parameters: [siteParam, linkParam],
      get: { summary: 'One link with its hits, health and reports', security: admin, responses: { 200: { description: 'The link', ...json(AdminLink) }, ...adminErrors, 404: error('No such link') } },
      patch: {
        summary: 'Change a link; a new URL starts its health over',
        security: admin,
        requestBody: body(LinkUpdate),
        responses: { 200: { description: 'The link', ...json(AdminLink) }, ...writeErrors, 404: error('No such link'), 409: error('The site lists that URL already') },
      },
      delete: { summary: 'Delete a link, with its clicks and reports', security: admin, responses: { 204: { description: 'Deleted' }, ...adminErrors, 404: error('No such link') } },
    },
    '/sites/{site}/links/{link}/reports': {
      post: {
        summary: "A reader reports a link as broken or bad (from one of the site's origins; one report per reader and link)",
        parameters: [siteParam, linkParam],
        requestBody: body(LinkReport),
        responses: {
          202: { description: 'Recorded' },
          400: error('Invalid report'),
          403: error('Not from an allowed origin'),
          404: error('No such link'),
          415: error('Not application/json'),
          429: error('Too many reports from this network (see Retry-After)'),
        },
      },
    },
    '/sites/{site}/links/categories': {
      post: {
        summary: 'Add a category (last unless a weight is given)',
        security: admin,
        parameters: [siteParam],
        requestBody: body(CategoryInput),
        responses: { 201: { description: 'The category', ...json(AdminCategory) }, ...writeErrors, 409: error('The slug is taken') },
      },
    },
    '/sites/{site}/links/categories/{category}': {
      parameters: [siteParam, categoryParam],
      patch: {
        summary: 'Rename, re-slug or re-weight a category',
        security: admin,
        requestBody: body(CategoryUpdate),
        responses: { 200: { description: 'The category', ...json(AdminCategory) }, ...writeErrors, 404: error('No such category'), 409: error('The slug is taken') },
      },
      delete: { summary: 'Delete an empty category', security: admin, responses: { 204: { description: 'Deleted' }, ...adminErrors, 404: error('No such category'), 409: error('It still holds links') } },
    },
    '/sites/{site}/links/order': {
      put: {
        summary: 'Reorder: the listed categories and links get weights 0, 1, 2 … in the order given',
        security: admin,
        parameters: [siteParam],
        requestBody: body(LinkOrder),
        responses: { 200: { description: 'The directory after', ...json(DirectoryExport) }, ...writeErrors },
      },
    },
    '/sites/{site}/links/export': {
      get: {
        summary: 'The whole directory with hits, health and reports, as JSON or CSV (one row per link)',
        security: admin,
        parameters: [siteParam, { name: 'format', in: 'query', required: false, schema: { type: 'string', enum: ['json', 'csv'], default: 'json' } }],
        responses: { 200: { description: 'The directory', ...json(DirectoryExport), content: { ...json(DirectoryExport).content, 'text/csv': { schema: { type: 'string' } } } }, ...adminErrors },
      },
    },
    '/go/{link}': {
      servers: [{ url: '/' }],
      get: {
        summary: "A reader follows a link: counts the click (a reader's repeats within 30 minutes count once) and redirects to the link's stored URL",
        parameters: [linkParam],
        responses: { 302: { description: 'To the stored URL (Location), never to one taken from the request' }, 404: error('No such link') },
      },
    },
    '/sites/{site}/links/import': {
      post: {
        summary: 'Import a directory (JSON as exported, or CSV): adds and updates categories by slug and links by URL; replace=true also removes what the file does not list',
        security: admin,
        parameters: [siteParam, { name: 'replace', in: 'query', required: false, schema: { type: 'string', enum: ['true', 'false'], default: 'false' } }],
        requestBody: { required: true, content: { ...json(DirectoryFile, 'input').content, 'text/csv': { schema: { type: 'string' } } } },
        responses: {
          200: {
            description: 'What changed',
            ...json(z.object({ categories: z.number(), links: z.number(), removed: z.object({ categories: z.number(), links: z.number() }) })),
          },
          ...writeErrors,
        },
      },
    },
  },
};

export const openapi = new Hono<AppEnv>().get('/', (c) => cachedJson(c, document, 'public, max-age=3600'));
