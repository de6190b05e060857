import { Hono } from 'hono';
import * as z from 'zod';
import { ErrorBody, ItemKey, RatingSummary, RatingVote, SitePublic, SiteSettings, SiteSettingsUpdate, SiteSlug } from '@civic-widgets/contract';
import type { AppEnv } from '../env.js';
import { cachedJson } from '../lib/cached-json.js';

const schema = (type: z.ZodType, io: 'input' | 'output' = 'output') => z.toJSONSchema(type, { io, unrepresentable: 'any' });
const json = (type: z.ZodType, io?: 'input' | 'output') => ({ content: { 'application/json': { schema: schema(type, io) } } });
const error = (description: string) => ({ description, ...json(ErrorBody) });
const siteParam = { name: 'site', in: 'path', required: true, schema: schema(SiteSlug) };
const admin = [{ siteToken: [] }];

/** The OpenAPI 3.1 document, generated from the contract's zod schemas. */
const document = {
  openapi: '3.1.0',
  info: {
    title: 'civic-widgets API',
    version: '1',
    description: 'Article ratings (and, to come, news, photo albums and link directories) for government portals.',
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
  },
};

export const openapi = new Hono<AppEnv>().get('/', (c) => cachedJson(c, document, 'public, max-age=3600'));
