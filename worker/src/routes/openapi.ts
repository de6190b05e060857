import { Hono } from 'hono';
import * as z from 'zod';
import {
  AlbumCreate,
  AlbumList,
  AlbumOrder,
  AlbumPage,
  AlbumSlug,
  AlbumSummary,
  AlbumUpdate,
  Cursor,
  ErrorBody,
  ItemKey,
  PhotoCreate,
  PhotoOrder,
  PhotoUpdate,
  PhotoWithAlbum,
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
const albumParam = { name: 'album', in: 'path', required: true, schema: schema(AlbumSlug) };
const photoParam = { name: 'photo', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } };
const pageParams = [
  { name: 'limit', in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: 100, default: 24 } },
  { name: 'cursor', in: 'query', required: false, description: 'nextCursor of the previous page', schema: schema(Cursor) },
];
const notModified = { 304: { description: 'Not modified' } };
const adminErrors = { 401: error('No or unknown token'), 403: error("Another site's token") };
const writeErrors = { 400: error('Invalid body'), ...adminErrors, 413: error('Body too large'), 415: error('Not application/json') };
const noContent = { 204: { description: 'Deleted' } };
const orderBody = (type: z.ZodType) => ({ required: true, ...json(type, 'input') });
const orderAnswer = (description: string, item: object) => ({
  description,
  content: { 'application/json': { schema: { type: 'object', properties: { order: { type: 'array', items: item } } } } },
});

/** The OpenAPI 3.1 document, generated from the contract's zod schemas. */
const document = {
  openapi: '3.1.0',
  info: {
    title: 'civic-widgets API',
    version: '1',
    description: 'Article ratings and photo albums (and, to come, news and link directories) for government portals.',
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
    '/sites/{site}/albums': {
      parameters: [siteParam],
      get: {
        summary: "The site's published albums in order, each with its cover (null while empty) and photo count",
        parameters: pageParams,
        responses: { 200: { description: 'A page of albums', ...json(AlbumList) }, ...notModified, 400: error('Invalid limit or cursor'), 404: error('No such site') },
      },
      post: {
        summary: 'Create an album (first in the order unless a weight is given)',
        security: admin,
        requestBody: { required: true, ...json(AlbumCreate, 'input') },
        responses: { 201: { description: 'The new album', ...json(AlbumSummary) }, ...writeErrors, 409: error('The slug is taken') },
      },
    },
    '/sites/{site}/albums/order': {
      parameters: [siteParam],
      put: {
        summary: 'Reorder the albums: every slug of the site, once, first first',
        security: admin,
        requestBody: orderBody(AlbumOrder),
        responses: { 200: orderAnswer('The new order', schema(AlbumSlug)), ...writeErrors, 409: error('The list is not every album exactly once') },
      },
    },
    '/sites/{site}/albums/{album}': {
      parameters: [siteParam, albumParam],
      get: {
        summary: 'A published album and one page of its photos',
        parameters: pageParams,
        responses: { 200: { description: 'The album and photos', ...json(AlbumPage) }, ...notModified, 400: error('Invalid limit or cursor'), 404: error('No such album') },
      },
      patch: {
        summary: 'Change an album (its cover must be one of its own photos)',
        security: admin,
        requestBody: { required: true, ...json(AlbumUpdate, 'input') },
        responses: { 200: { description: 'The album', ...json(AlbumSummary) }, ...writeErrors, 404: error('No such album'), 409: error('The new slug is taken') },
      },
      delete: { summary: 'Delete an album and its photos', security: admin, responses: { ...noContent, ...adminErrors, 404: error('No such album') } },
    },
    '/sites/{site}/albums/{album}/photos': {
      parameters: [siteParam, albumParam],
      post: {
        summary: 'Add a photo at the end of the album (alt text required; http(s) or /path images; positive width and height)',
        security: admin,
        requestBody: { required: true, ...json(PhotoCreate, 'input') },
        responses: { 201: { description: 'The new photo', ...json(PhotoWithAlbum) }, ...writeErrors, 404: error('No such album') },
      },
    },
    '/sites/{site}/albums/{album}/photos/order': {
      parameters: [siteParam, albumParam],
      put: {
        summary: "Reorder an album's photos: every id, once, first first",
        security: admin,
        requestBody: orderBody(PhotoOrder),
        responses: { 200: orderAnswer('The new order', { type: 'integer' }), ...writeErrors, 404: error('No such album'), 409: error('The list is not every photo exactly once') },
      },
    },
    '/sites/{site}/photos/{photo}': {
      parameters: [siteParam, photoParam],
      get: {
        summary: 'One photo of a published album, with its album (for deep links)',
        responses: { 200: { description: 'The photo', ...json(PhotoWithAlbum) }, ...notModified, 404: error('No such photo') },
      },
      patch: {
        summary: 'Change a photo; `album` moves it to the end of another album',
        security: admin,
        requestBody: { required: true, ...json(PhotoUpdate, 'input') },
        responses: { 200: { description: 'The photo', ...json(PhotoWithAlbum) }, ...writeErrors, 404: error('No such photo or album') },
      },
      delete: { summary: 'Delete a photo', security: admin, responses: { ...noContent, ...adminErrors, 404: error('No such photo') } },
    },
  },
};

export const openapi = new Hono<AppEnv>().get('/', (c) => cachedJson(c, document, 'public, max-age=3600'));
