import { Hono } from 'hono';
import * as z from 'zod';
import {
  AdminCategory,
  AdminLink,
  AlbumCreate,
  AlbumList,
  AlbumOrder,
  AlbumPage,
  AlbumSlug,
  AlbumSummary,
  AlbumUpdate,
  ArticleAdmin,
  ArticleAdminPage,
  ArticleAdminQuery,
  ArticleBulk,
  ArticleInput,
  ArticlePage,
  ArticleQuery,
  ArticleUpdate,
  BulkResult,
  Category,
  CategoryInput,
  CategoryList,
  CategorySlug,
  CategoryUpdate,
  Cursor,
  DirectoryExport,
  DirectoryFile,
  Feed,
  FeedInput,
  FeedList,
  FeedSyncResult,
  ItemKey,
  LinkCategoryInput,
  LinkCategorySlug,
  LinkCategoryUpdate,
  LinkDirectory,
  LinkInput,
  LinkOrder,
  LinkReport,
  LinkUpdate,
  PhotoCreate,
  PhotoOrder,
  PhotoUpdate,
  PhotoWithAlbum,
  RatingSummary,
  RatingVote,
  RatingVoteResult,
  SitePublic,
  SiteSettings,
  SiteSettingsUpdate,
  SiteSlug,
} from '@civic-widgets/contract';
import type { AppEnv } from '../env.js';
import { cachedJson } from '../lib/cached-json.js';
import { body, error, json, schema } from '../lib/openapi.js';
import { consolePaths } from './openapi-console.js';

const siteParam = { name: 'site', in: 'path', required: true, schema: schema(SiteSlug) };
const admin = [{ siteToken: [] }];
const adminErrors = { 401: error('No or unknown token'), 403: error("Another site's token") };
const writeErrors = { 400: error('Invalid body (each issue names its field)'), ...adminErrors, 413: error('Body too large'), 415: error('Not application/json') };
const noContent = { 204: { description: 'Done' } };
const articleKey = { name: 'key', in: 'path', required: true, description: "The article's key (URL-encoded)", schema: schema(ItemKey) };
const categorySlug = { name: 'slug', in: 'path', required: true, schema: schema(CategorySlug) };
const feedId = { name: 'id', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } };
const listParameters = Object.entries(ArticleQuery.shape).map(([name, type]) => ({ name, in: 'query', schema: schema(type as z.ZodType, 'input') }));
// `?admin=1` turns the list into the console's (with a token): these parameters, and not `sort` or `sites`
const adminListParameters = (['admin', 'status', 'feed'] as const).map((name) => ({
  name,
  in: 'query',
  description: name === 'admin' ? "`1`: the console's list (the site's token or the operator's): every status, newest first, default limit 20; `status` and `feed` need it" : 'with admin=1 only',
  schema: schema(ArticleAdminQuery.shape[name], 'input'),
}));
const albumParam = { name: 'album', in: 'path', required: true, schema: schema(AlbumSlug) };
const photoParam = { name: 'photo', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } };
const pageParams = [
  { name: 'limit', in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: 100, default: 24 } },
  { name: 'cursor', in: 'query', required: false, description: 'nextCursor of the previous page', schema: schema(Cursor) },
];
const notModified = { 304: { description: 'Not modified' } };
const orderBody = (type: z.ZodType) => ({ required: true, ...json(type, 'input') });
const orderAnswer = (description: string, item: object) => ({
  description,
  content: { 'application/json': { schema: { type: 'object', properties: { order: { type: 'array', items: item } } } } },
});
const linkParam = { name: 'link', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } };
const categoryParam = { name: 'category', in: 'path', required: true, schema: schema(LinkCategorySlug) };

/** The OpenAPI 3.1 document, generated from the contract's zod schemas. */
const document = {
  openapi: '3.1.0',
  info: {
    title: 'civic-widgets API',
    version: '1',
    description: 'Article ratings, news, photo albums and link directories for government portals.',
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
    '/sites/{site}/articles': {
      parameters: [siteParam],
      get: {
        summary: 'Published articles, newest (or top rated) first, a page at a time; `sites` merges several sites by date. A search (`q`) matches its last word as a prefix only at 2 to 6 letters, and sorted by rating ranks its 60 newest matches. With `admin=1` and a token: every article of the site whatever its status (ArticleAdminPage), filtered by `status`, `feed` (a feed id), `category` (with its subcategories) and `q`, never cached',
        parameters: [...listParameters, ...adminListParameters],
        responses: {
          200: { description: 'A page (ArticlePage; ArticleAdminPage with admin=1)', content: { 'application/json': { schema: { oneOf: [schema(ArticlePage), schema(ArticleAdminPage)] } } } },
          304: { description: 'Not modified' },
          400: error('Invalid query (with admin=1: also an unknown category or feed)'),
          ...adminErrors,
          404: error('No such site or category'),
        },
      },
      post: {
        summary: 'Create an article (plain text only: markup is refused)',
        security: admin,
        requestBody: { required: true, ...json(ArticleInput, 'input') },
        responses: { 201: { description: 'The article', ...json(ArticleAdmin) }, ...writeErrors, 409: error('The key is taken') },
      },
    },
    '/sites/{site}/articles/bulk': {
      parameters: [siteParam],
      post: {
        summary: 'Create or update up to 100 articles by key, all or none; the same batch twice changes nothing',
        security: admin,
        requestBody: { required: true, ...json(ArticleBulk, 'input') },
        responses: { 200: { description: 'What happened', ...json(BulkResult) }, ...writeErrors },
      },
    },
    '/sites/{site}/articles/{key}': {
      parameters: [siteParam, articleKey],
      get: { summary: 'One article, hidden or not', security: admin, responses: { 200: { description: 'The article', ...json(ArticleAdmin) }, ...adminErrors, 404: error('No such article') } },
      patch: {
        summary: 'Change some fields of an article',
        security: admin,
        requestBody: { required: true, ...json(ArticleUpdate, 'input') },
        responses: { 200: { description: 'The article', ...json(ArticleAdmin) }, ...writeErrors, 404: error('No such article') },
      },
      delete: { summary: 'Delete an article', security: admin, responses: { ...noContent, ...adminErrors, 404: error('No such article') } },
    },
    '/sites/{site}/categories': {
      parameters: [siteParam],
      get: { summary: "The site's categories, in menu order", responses: { 200: { description: 'Categories', ...json(CategoryList) }, 304: { description: 'Not modified' } } },
      post: {
        summary: 'Create a category',
        security: admin,
        requestBody: { required: true, ...json(CategoryInput, 'input') },
        responses: { 201: { description: 'The category', ...json(Category) }, ...writeErrors, 409: error('The slug is taken') },
      },
    },
    '/sites/{site}/categories/{slug}': {
      parameters: [siteParam, categorySlug],
      patch: {
        summary: "Change a category's title, parent or weight",
        security: admin,
        requestBody: { required: true, ...json(CategoryUpdate, 'input') },
        responses: { 200: { description: 'The category', ...json(Category) }, ...writeErrors, 404: error('No such category') },
      },
      delete: { summary: 'Delete a category (its articles stay, without one)', security: admin, responses: { ...noContent, ...adminErrors, 404: error('No such category') } },
    },
    '/sites/{site}/feeds': {
      parameters: [siteParam],
      get: { summary: "The site's feeds and how their last fetch went", security: admin, responses: { 200: { description: 'Feeds', ...json(FeedList) }, ...adminErrors } },
      post: {
        summary: "Import an existing portal's RSS or Atom feed (the Cron Trigger fetches it)",
        security: admin,
        requestBody: { required: true, ...json(FeedInput, 'input') },
        responses: { 201: { description: 'The feed', ...json(Feed) }, ...writeErrors, 409: error('Already imported') },
      },
    },
    '/sites/{site}/feeds/{id}': {
      parameters: [siteParam, feedId],
      delete: { summary: 'Stop importing a feed (its articles stay)', security: admin, responses: { ...noContent, ...adminErrors, 404: error('No such feed') } },
    },
    '/sites/{site}/feeds/{id}/sync': {
      parameters: [siteParam, feedId],
      post: {
        summary: 'Fetch the feed now (a conditional GET) and upsert its items; a failure is recorded on the feed',
        security: admin,
        responses: { 200: { description: 'What the fetch did', ...json(FeedSyncResult) }, ...adminErrors, 404: error('No such feed') },
      },
    },
    '/sites/{site}/ratings/{item}': {
      parameters: [siteParam, { name: 'item', in: 'path', required: true, description: "The portal's own key (URL-encoded)", schema: schema(ItemKey) }],
      get: {
        summary: "An item's rating summary: the same for every reader (edge-cached; the reader's own vote is the PUT's answer)",
        responses: { 200: { description: 'Summary', ...json(RatingSummary) }, 304: { description: 'Not modified' }, 404: error('No such site') },
      },
      put: {
        summary: "Cast or replace this reader's vote (from one of the site's origins)",
        requestBody: { required: true, ...json(RatingVote, 'input') },
        responses: {
          200: { description: "The new summary and this reader's own vote", ...json(RatingVoteResult) },
          400: error('Invalid vote'),
          403: error('Not from an allowed origin; no valid Turnstile token when the site asks for one (issue path "turnstile"); or a new item past the site\'s total cap (issue path "item")'),
          404: error('No such site'),
          413: error('Body too large'),
          415: error('Not application/json'),
          429: error('Too many votes from this network, or a new item past the site\'s cap for today (issue path "item"); see Retry-After'),
          503: error('The Turnstile check could not be made (see Retry-After)'),
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
    '/sites/{site}/links': {
      get: {
        summary: 'The link directory, grouped by category, both in weight order (empty categories left out)',
        parameters: [siteParam, { name: 'category', in: 'query', required: false, description: 'only this category', schema: schema(LinkCategorySlug) }],
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
          403: error('Not from an allowed origin, or no valid Turnstile token when the site asks for one (issue path "turnstile")'),
          404: error('No such link'),
          415: error('Not application/json'),
          429: error('Too many reports from this network (see Retry-After)'),
          503: error('The Turnstile check could not be made (see Retry-After)'),
        },
      },
    },
    '/sites/{site}/links/categories': {
      post: {
        summary: 'Add a category (last unless a weight is given)',
        security: admin,
        parameters: [siteParam],
        requestBody: body(LinkCategoryInput),
        responses: { 201: { description: 'The category', ...json(AdminCategory) }, ...writeErrors, 409: error('The slug is taken') },
      },
    },
    '/sites/{site}/links/categories/{category}': {
      parameters: [siteParam, categoryParam],
      patch: {
        summary: 'Rename, re-slug or re-weight a category',
        security: admin,
        requestBody: body(LinkCategoryUpdate),
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
        responses: {
          302: { description: 'To the stored URL (Location), never to one taken from the request' },
          404: error('No such link'),
          410: error('The link was deleted (its id is never given to another link); a browser gets a readable page'),
        },
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

for (const [path, item] of Object.entries(consolePaths)) Object.assign(((document.paths as Record<string, object>)[path] ??= {}), item);

export const openapi = new Hono<AppEnv>().get('/', (c) => cachedJson(c, document, 'public, max-age=3600'));
