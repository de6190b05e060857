import * as z from 'zod';
import {
  AdminLink,
  AdminPhoto,
  AdminPhotoList,
  AlbumSlug,
  AuditList,
  AuditQuery,
  DailyVotes,
  DailyVotesQuery,
  ItemKey,
  Me,
  RatingStatsList,
  RatingStatsQuery,
  SiteAdminList,
  SiteCreate,
  SiteCreated,
  SiteSlug,
  TokenCreate,
  TokenCreated,
  TokenId,
  TokenList,
} from '@civic-widgets/contract';
import { body, error, json, schema } from '../lib/openapi.js';

// The console's routes (docs/console-api.md) in the OpenAPI document, from the same contract.
// Merged into openapi.ts's paths method by method (so `DELETE …/ratings/{item}` joins its GET and PUT).

const ok = (description: string, type: z.ZodType) => ({ description, ...json(type) });
const queryOf = (type: z.ZodObject) => Object.entries(type.shape).map(([name, field]) => ({ name, in: 'query', schema: schema(field as z.ZodType, 'input') }));
const path = (name: string, type: z.ZodType | object) => ({ name, in: 'path', required: true, schema: type instanceof z.ZodType ? schema(type) : type });
const site = path('site', SiteSlug);
const admin = [{ siteToken: [] }];
const errors = { 401: error('No, unknown or revoked token'), 403: error("Another site's token, or not the operator") };

export const consolePaths = {
  '/me': { get: { summary: 'Who the token is (the sign-in check)', security: admin, responses: { 200: ok('The role, label and site', Me), 401: errors[401] } } },
  '/sites': {
    get: { summary: 'Every site (operator only)', security: admin, responses: { 200: ok('The sites', SiteAdminList), ...errors } },
    post: {
      summary: 'Create a site and its first token (operator only)',
      security: admin,
      requestBody: body(SiteCreate),
      responses: { 201: ok('The site and its token, shown once', SiteCreated), 400: error('Invalid body'), ...errors, 409: error('The slug is taken') },
    },
  },
  '/sites/{site}/tokens': {
    parameters: [site],
    get: { summary: "The site's tokens (never the tokens themselves)", security: admin, responses: { 200: ok('The tokens', TokenList), ...errors } },
    post: { summary: 'Issue a token to an editor', security: admin, requestBody: body(TokenCreate), responses: { 201: ok('The token, shown once', TokenCreated), 400: error('Invalid label'), ...errors } },
  },
  '/sites/{site}/tokens/{id}': {
    parameters: [site, path('id', TokenId)],
    delete: { summary: 'Revoke a token (refused from its next request on)', security: admin, responses: { 204: { description: 'Revoked' }, ...errors, 404: error('No such token') } },
  },
  '/sites/{site}/audit': {
    get: { summary: 'Who changed what, newest first', security: admin, parameters: [site, ...queryOf(AuditQuery)], responses: { 200: ok('A page of the log', AuditList), 400: error('Invalid query'), ...errors } },
  },
  '/sites/{site}/albums/{album}/photos': {
    parameters: [site, path('album', AlbumSlug)],
    get: { summary: 'Every photo of the album, published or not (admin)', security: admin, responses: { 200: ok('The photos', AdminPhotoList), ...errors, 404: error('No such album') } },
  },
  '/sites/{site}/albums/{album}/uploads': {
    post: {
      summary: 'Upload a photo (the raw file as the body): stored unpublished, re-encoded without EXIF at the srcset widths',
      security: admin,
      parameters: [site, path('album', AlbumSlug), { name: 'alt', in: 'query', required: false, schema: { type: 'string', maxLength: 1000 } }],
      requestBody: { required: true, content: { 'image/*': { schema: { type: 'string', format: 'binary' } } } },
      responses: {
        201: ok('The photo', AdminPhoto.extend({ album: AlbumSlug })),
        400: error('Empty file'),
        ...errors,
        404: error('No such album'),
        413: error('Over 15 MB'),
        415: error('Not a JPEG, PNG, WebP or AVIF photo (the message names what it is)'),
      },
    },
  },
  '/sites/{site}/ratings': {
    get: { summary: "The site's rated items, by number of votes or by average (admin)", security: admin, parameters: [site, ...queryOf(RatingStatsQuery)], responses: { 200: ok('A page of items', RatingStatsList), 400: error('Invalid query'), ...errors } },
  },
  '/sites/{site}/ratings-daily': {
    get: { summary: "Votes per day in the site's time zone (admin)", security: admin, parameters: [site, ...queryOf(DailyVotesQuery)], responses: { 200: ok('The days', DailyVotes), 400: error('Invalid query'), ...errors } },
  },
  '/sites/{site}/ratings/{item}': {
    delete: { summary: "Forget an item's votes (admin, audited)", security: admin, parameters: [site, path('item', ItemKey)], responses: { 204: { description: 'Reset' }, ...errors, 404: error('Nobody rated it') } },
  },
  '/sites/{site}/links/{link}/check': {
    post: { summary: "Check one link's server now", security: admin, parameters: [site, path('link', { type: 'integer', minimum: 1 })], responses: { 200: ok('The link with fresh health', AdminLink), ...errors, 404: error('No such link') } },
  },
};
