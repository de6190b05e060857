import * as z from 'zod';
import { AlbumSummary, Cursor, PageQuery, Photo } from './albums.js';
import { Language, Origin, PlainText, SiteSlug, TimeZone } from './sites.js';

// The console's API (issue 9): roles and tokens, sites (operator), photo uploads, ratings
// statistics and the audit log. docs/console-api.md describes each route.

/** Who a token is: the operator (the organisation running the worker) or one site's admin. */
export const Role = z.enum(['operator', 'admin']);
export type Role = z.infer<typeof Role>;

/** A token's public id: 12 hex digits (the token itself is never shown again). */
export const TokenId = z.string().regex(/^[0-9a-f]{12}$/, 'a token id: 12 hex digits');

/** `GET /api/v1/me`: the sign-in check. */
export const Me = z.object({
  role: Role,
  label: z.string(),
  site: z.object({ slug: SiteSlug, name: z.string() }).nullable(),
  tokenId: TokenId.nullable(),
});
export type Me = z.infer<typeof Me>;

/** One of a site's tokens as listed: `current` is the token making the request. */
export const TokenSummary = z.object({
  id: TokenId,
  label: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  current: z.boolean(),
});
export type TokenSummary = z.infer<typeof TokenSummary>;

/** `GET /api/v1/sites/:site/tokens` */
export const TokenList = z.object({ items: z.array(TokenSummary) });
export type TokenList = z.infer<typeof TokenList>;

/**
 * An editor's token label: their name. Never "operator" (in any case): the audit log names the
 * operator so, and an editor must not pass for them.
 */
export const TokenLabel = PlainText(100).refine((label) => label.toLowerCase() !== 'operator', '"operator" names the operator: use the editor\'s name');

/** `POST /api/v1/sites/:site/tokens`: the label names the editor who holds it. */
export const TokenCreate = z.object({ label: TokenLabel }).strict();
export type TokenCreate = z.infer<typeof TokenCreate>;

/** A new token, shown once: only its SHA-256 is stored. */
export const TokenCreated = z.object({ id: TokenId, label: z.string(), token: z.string() });
export type TokenCreated = z.infer<typeof TokenCreated>;

/** A site as the operator lists it: `GET /api/v1/sites`. */
export const SiteAdminSummary = z.object({
  slug: SiteSlug,
  name: z.string(),
  origins: z.array(z.string()),
  timeZone: z.string(),
  language: Language,
  createdAt: z.string(),
});
export type SiteAdminSummary = z.infer<typeof SiteAdminSummary>;

export const SiteAdminList = z.object({ items: z.array(SiteAdminSummary) });
export type SiteAdminList = z.infer<typeof SiteAdminList>;

/** `POST /api/v1/sites` (operator): a new site and its first token, labelled `tokenLabel`. */
export const SiteCreate = z
  .object({
    slug: SiteSlug,
    name: PlainText(200),
    origins: z.array(Origin).max(50),
    timeZone: TimeZone.default('Asia/Ho_Chi_Minh'),
    language: Language.default('vi'),
    tokenLabel: TokenLabel,
  })
  .strict();
export type SiteCreate = z.infer<typeof SiteCreate>;

export const SiteCreated = z.object({ site: SiteAdminSummary, token: TokenCreated });
export type SiteCreated = z.infer<typeof SiteCreated>;

/** A page of a list read newest first: `nextCursor` is passed back as `cursor`. */
export const IdCursor = z.string().regex(/^\d{1,15}$/, 'a nextCursor from the previous page');

/** One audit row: who changed what, when. `summary` names fields, never their values. */
export const AuditEntry = z.object({
  id: z.number().int().positive(),
  at: z.string(),
  actor: z.string(),
  tokenId: TokenId.nullable(),
  method: z.string(),
  resource: z.string(),
  key: z.string(),
  summary: z.string(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

/** A moment or a day: `2026-11-29T08:00:00+07:00`, or `2026-11-29` (midnight UTC). */
const Instant = z.union([z.iso.datetime({ offset: true }), z.iso.date()]);

/** `GET /api/v1/sites/:site/audit?resource&actor&since&until&cursor&limit` */
export const AuditQuery = z.object({
  resource: z.string().max(64).optional(),
  actor: z.string().max(100).optional(),
  since: Instant.optional(),
  until: Instant.optional(),
  cursor: IdCursor.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type AuditQuery = z.infer<typeof AuditQuery>;

export const AuditList = z.object({ items: z.array(AuditEntry), nextCursor: IdCursor.nullable() });
export type AuditList = z.infer<typeof AuditList>;

/** A photo as the admin sees it: also unpublished ones, their order, and whether R2 holds the file. */
export const AdminPhoto = Photo.extend({
  published: z.boolean(),
  weight: z.number().int(),
  stored: z.boolean(),
});
export type AdminPhoto = z.infer<typeof AdminPhoto>;

/** `GET /api/v1/sites/:site/albums/:album/photos` (admin): every photo, in order. */
export const AdminPhotoList = z.object({ items: z.array(AdminPhoto) });
export type AdminPhotoList = z.infer<typeof AdminPhotoList>;

/** `POST /api/v1/sites/:site/albums/:album/uploads?alt=…`: the file is the body. */
export const UploadQuery = z.object({ alt: PlainText(1000).optional() });
export type UploadQuery = z.infer<typeof UploadQuery>;

/** One rated item's statistics. */
export const ItemRatingStats = z.object({
  item: z.string(),
  count: z.number().int().min(0),
  average: z.number(),
  lastVoteAt: z.string().nullable(),
});
export type ItemRatingStats = z.infer<typeof ItemRatingStats>;

/** `GET /api/v1/sites/:site/ratings?sort&limit&cursor` (admin) */
export const RatingStatsQuery = z.object({
  sort: z.enum(['most-rated', 'top-rated']).default('most-rated'),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(2100).optional(),
});
export type RatingStatsQuery = z.infer<typeof RatingStatsQuery>;

export const RatingStatsList = z.object({ items: z.array(ItemRatingStats), nextCursor: z.string().nullable() });
export type RatingStatsList = z.infer<typeof RatingStatsList>;

/** `GET /api/v1/sites/:site/ratings-daily?days&item` (admin): votes cast per day, in the site's time zone. */
export const DailyVotesQuery = z.object({
  days: z.coerce.number().int().min(1).max(366).default(30),
  item: z.string().min(1).max(2048).optional(),
});
export type DailyVotesQuery = z.infer<typeof DailyVotesQuery>;

export const DailyVotes = z.object({
  days: z.array(z.object({ date: z.iso.date(), votes: z.number().int().min(0) })),
});
export type DailyVotes = z.infer<typeof DailyVotes>;

/** One change an import would make: a category (by slug) or a link (by URL). */
export const ImportChange = z.object({
  kind: z.enum(['category', 'link']),
  key: z.string(),
  title: z.string(),
  /** the link's category */
  category: z.string().optional(),
  /** for an update: the fields that would change */
  fields: z.array(z.string()).optional(),
});
export type ImportChange = z.infer<typeof ImportChange>;

/** `POST …/links/import?dryRun=1`: what the import would create, update and remove, with nothing written. */
export const ImportPlan = z.object({
  create: z.array(ImportChange),
  update: z.array(ImportChange),
  remove: z.array(ImportChange),
});
export type ImportPlan = z.infer<typeof ImportPlan>;

/** `GET /api/v1/sites/:site/albums?all=1` (admin): scheduled albums too, and their unpublished photos. */
export const AlbumListQuery = PageQuery.extend({ all: z.enum(['1', 'true']).optional() });
export type AlbumListQuery = z.infer<typeof AlbumListQuery>;

export const AdminAlbumSummary = AlbumSummary.extend({ unpublishedCount: z.number().int().min(0) });
export type AdminAlbumSummary = z.infer<typeof AdminAlbumSummary>;

export const AdminAlbumList = z.object({ items: z.array(AdminAlbumSummary), nextCursor: Cursor.nullable() });
export type AdminAlbumList = z.infer<typeof AdminAlbumList>;
