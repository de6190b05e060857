import * as z from 'zod';

/** A site's slug: lowercase ASCII letters, digits and inner hyphens, as in `htx-thainguyen`. */
export const SiteSlug = z.string().regex(/^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/, 'lowercase letters, digits and inner hyphens, at most 64');

/** An origin a site may be embedded from: scheme, host and port only, http(s). */
export const Origin = z
  .string()
  .max(200)
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value;
    } catch {
      return false;
    }
  }, 'an http(s) origin such as https://portal.example.gov.vn, with no path or trailing slash');

export const Language = z.enum(['vi', 'en']);
export type Language = z.infer<typeof Language>;

export const TimeZone = z
  .string()
  .max(64)
  .refine((value) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: value });
      return true;
    } catch {
      return false;
    }
  }, 'an IANA time zone such as Asia/Ho_Chi_Minh');

/** Plain text a reader will see: no control characters, trimmed. */
export const PlainText = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .regex(/^[^\p{Cc}]*$/u, 'no control characters');

/** A Cloudflare Turnstile key as the dashboard gives it (site keys are public, secrets are not). */
const TurnstileKey = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[\w.-]+$/, 'a Turnstile key: letters, digits, ".", "_" and "-"');

/** The Turnstile widget a site's readers complete before a vote or a link report; null: none. */
export const TurnstilePublic = z.object({ siteKey: TurnstileKey }).nullable();

/** A reader's Turnstile token, sent with a vote or a link report when the site asks for one (Turnstile's are at most 2,048 characters). */
export const TurnstileToken = z.string().min(1).max(2048);

/** What anyone may read about a site: `GET /api/v1/sites/:site`. */
export const SitePublic = z.object({
  slug: SiteSlug,
  name: z.string(),
  timeZone: z.string(),
  language: Language,
  turnstile: TurnstilePublic,
});
export type SitePublic = z.infer<typeof SitePublic>;

/** What the site's admin reads and writes: `GET|PATCH /api/v1/sites/:site/settings`. */
export const SiteSettings = SitePublic.extend({
  origins: z.array(Origin),
  /** new items readers may start rating per day (UTC), and in all: 4xx beyond (see docs/ratings.md) */
  ratingItemsPerDay: z.number().int().min(0),
  ratingItemsTotal: z.number().int().min(0),
  /** the site key; the secret is never answered, only whether the site holds its own */
  turnstile: z.object({ siteKey: TurnstileKey, ownSecret: z.boolean() }).nullable(),
});
export type SiteSettings = z.infer<typeof SiteSettings>;

export const SiteSettingsUpdate = z
  .object({
    name: PlainText(200),
    origins: z.array(Origin).max(50),
    timeZone: TimeZone,
    language: Language,
    ratingItemsPerDay: z.number().int().min(0).max(1_000_000),
    ratingItemsTotal: z.number().int().min(0).max(100_000_000),
    /** null turns Turnstile off; without `secret`, a secret stored earlier is kept (else the worker's TURNSTILE_SECRET is used) */
    turnstile: z.object({ siteKey: TurnstileKey, secret: TurnstileKey.optional() }).strict().nullable(),
  })
  .partial()
  .strict()
  .refine((update) => Object.keys(update).length > 0, 'nothing to update');
export type SiteSettingsUpdate = z.infer<typeof SiteSettingsUpdate>;
