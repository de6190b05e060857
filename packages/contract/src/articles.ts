import * as z from 'zod';
import { ItemKey, RatingSummary } from './ratings.js';
import { PlainText, SiteSlug } from './sites.js';

/** A category's slug, unique within its site: `tin-tuc`, `hoat-dong-lien-minh`. */
export const CategorySlug = SiteSlug;

/** An absolute http(s) URL: the only kind an element turns into a link or an image. */
export const HttpUrl = z
  .string()
  .max(2048)
  .refine((value) => {
    try {
      return /^https?:$/.test(new URL(value).protocol);
    } catch {
      return false;
    }
  }, 'an absolute http(s) URL');

// Markup is refused, not stripped, in what an admin sends: a tag or a character reference in a
// title means the sender passed HTML where text belongs, and guessing would show "&amp;" or
// lose words. (Feeds are HTML by nature: the importer strips them instead.)
const MARKUP = /<[a-zA-Z!/?]|&(#\d+|#x[\da-fA-F]+|[a-zA-Z]+\d*);/;
const noMarkup = (text: z.ZodString) => text.refine((value) => !MARKUP.test(value), 'plain text only: no HTML tags or character references');

/** Text shown to readers: trimmed, no control characters, no markup. */
export const ArticleText = (max: number) => noMarkup(PlainText(max));
/** Like ArticleText, but may be empty. */
const OptionalText = (max: number) =>
  noMarkup(
    z
      .string()
      .trim()
      .max(max)
      .regex(/^[^\p{Cc}]*$/u, 'no control characters'),
  );

export const ArticleStatus = z.enum(['published', 'hidden']);
export type ArticleStatus = z.infer<typeof ArticleStatus>;

/** A time with its offset, as ISO 8601: `2018-04-19T15:00:00+07:00`. */
export const Timestamp = z.iso.datetime({ offset: true }).refine((value) => {
  const time = Date.parse(value);
  return time >= 0 && time < Date.UTC(2200, 0, 1);
}, 'a time between 1970 and 2200');

/** An image on the widget server itself, by path (`/img/hoi-nghi.svg`): the API answers it as an absolute URL. */
export const ServerPath = z
  .string()
  .max(2048)
  .regex(/^\/(?![/\\])\S*$/, 'an http(s) URL, or a path on this server such as /img/photo.jpg');

export const ArticleImage = z
  .object({
    url: z.union([HttpUrl, ServerPath]),
    /** what the picture shows, for readers who cannot see it; empty when it is decoration */
    alt: OptionalText(300).default(''),
    width: z.number().int().min(1).max(20000).nullable().optional(),
    height: z.number().int().min(1).max(20000).nullable().optional(),
  })
  .strict();

// The fields of an article, without defaults (so that a partial update leaves out what it omits).
const articleFields = {
  key: ItemKey,
  title: ArticleText(300),
  summary: OptionalText(2000),
  /** the article on the portal: where its title links */
  url: HttpUrl,
  image: ArticleImage.nullable().optional(),
  author: ArticleText(200).nullable().optional(),
  poster: ArticleText(200).nullable().optional(),
  source: ArticleText(200).nullable().optional(),
  category: CategorySlug.nullable().optional(),
  publishedAt: Timestamp,
  /** default: when the write changes something */
  updatedAt: Timestamp.optional(),
  status: ArticleStatus,
};

/**
 * One article as an admin writes it. `key` is the portal's own id or guid; `publishedAt` defaults
 * to the time the article is created (a later write without it keeps that time).
 */
export const ArticleInput = z
  .object({
    ...articleFields,
    summary: articleFields.summary.default(''),
    publishedAt: articleFields.publishedAt.optional(),
    status: articleFields.status.default('published'),
  })
  .strict();
export type ArticleInput = z.input<typeof ArticleInput>;
export type ArticleRecordInput = z.output<typeof ArticleInput>;

/** `PATCH …/articles/:key`: any fields but the key; what it leaves out stays as it was. */
export const ArticleUpdate = z
  .object(articleFields)
  .omit({ key: true })
  .partial()
  .strict()
  .refine((update) => Object.keys(update).length > 0, 'nothing to update');
export type ArticleUpdate = z.output<typeof ArticleUpdate>;

export const MAX_BULK = 100;

/** `POST …/articles/bulk`: upsert up to 100 articles by key; sending the same batch again changes nothing. */
export const ArticleBulk = z
  .object({ articles: z.array(ArticleInput).min(1).max(MAX_BULK) })
  .strict()
  .superRefine(({ articles }, ctx) => {
    const seen = new Set<string>();
    articles.forEach(({ key }, i) => {
      if (seen.has(key)) ctx.addIssue({ code: 'custom', path: ['articles', i, 'key'], message: 'the same key twice in one batch' });
      seen.add(key);
    });
  });

export const BulkResult = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
});
export type BulkResult = z.infer<typeof BulkResult>;

/** The rating summary of an article in a list: what everyone sees, without the reader's own vote. */
export const ArticleRating = RatingSummary;
export type ArticleRating = z.infer<typeof ArticleRating>;

/** One article in a list. */
export const Article = z.object({
  site: SiteSlug,
  key: ItemKey,
  title: z.string(),
  summary: z.string(),
  url: HttpUrl,
  image: z.object({ url: HttpUrl, alt: z.string(), width: z.number().nullable(), height: z.number().nullable() }).nullable(),
  author: z.string().nullable(),
  poster: z.string().nullable(),
  source: z.string().nullable(),
  category: z.object({ slug: CategorySlug, title: z.string() }).nullable(),
  /** UTC, ISO 8601; an element shows it in the site's time zone */
  publishedAt: z.string(),
  updatedAt: z.string(),
  /** under the item key the portal's page rates it by: its external key, else its URL */
  rating: ArticleRating,
});
export type Article = z.infer<typeof Article>;

/** An article as its site's admin reads it back (hidden ones too), with the feed that imported it (null: none). */
export const ArticleAdmin = Article.extend({ status: ArticleStatus, feed: z.number().int().nullable() });
export type ArticleAdmin = z.infer<typeof ArticleAdmin>;

export const ArticleSort = z.enum(['newest', 'top-rated']);
export type ArticleSort = z.infer<typeof ArticleSort>;

export const MAX_SITES = 10;

/** `GET …/articles?category&q&limit&cursor&sort&sites` */
export const ArticleQuery = z
  .object({
    category: CategorySlug.optional(),
    /** words to find in titles and summaries, without regard to diacritics or case */
    q: z.string().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(50).default(10),
    /** `nextCursor` of the previous page */
    cursor: z
      .string()
      .regex(/^[\w-]{1,64}$/, 'a nextCursor from a previous page')
      .optional(),
    sort: ArticleSort.default('newest'),
    /** several sites' articles merged by date: `sites=daitu,phuluong` */
    sites: z
      .string()
      .transform((value) => [
        ...new Set(
          value
            .split(',')
            .map((slug) => slug.trim())
            .filter(Boolean),
        ),
      ])
      .pipe(z.array(SiteSlug).min(1).max(MAX_SITES))
      .optional(),
  })
  .strict();
export type ArticleQuery = z.output<typeof ArticleQuery>;

/**
 * `GET …/articles?admin=1&status&feed&category&q&cursor&limit` (the site's token or the
 * operator's): every article of the site whatever its status, newest first.
 */
export const ArticleAdminQuery = z
  .object({
    admin: z.enum(['1', 'true']),
    status: ArticleStatus.optional(),
    /** a feed's id: the articles it imported */
    feed: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional(),
    /** that category and the categories under it */
    category: CategorySlug.optional(),
    /** words to find in titles and summaries, without regard to diacritics or case */
    q: z.string().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(50).default(20),
    /** `nextCursor` of the previous page */
    cursor: z
      .string()
      .regex(/^[\w-]{1,64}$/, 'a nextCursor from a previous page')
      .optional(),
  })
  .strict();
export type ArticleAdminQuery = z.output<typeof ArticleAdminQuery>;

export const ArticleAdminPage = z.object({
  items: z.array(ArticleAdmin),
  /** pass as `cursor` for the next page; null on the last page */
  nextCursor: z.string().nullable(),
});
export type ArticleAdminPage = z.infer<typeof ArticleAdminPage>;

export const ArticlePage = z.object({
  items: z.array(Article),
  /** pass as `cursor` for the next page; null on the last page */
  nextCursor: z.string().nullable(),
  /** name and time zone of every site an item comes from */
  sites: z.record(SiteSlug, z.object({ name: z.string(), timeZone: z.string() })),
});
export type ArticlePage = z.infer<typeof ArticlePage>;

const categoryFields = {
  slug: CategorySlug,
  title: ArticleText(200),
  /** the parent category's slug; null or absent: a top-level category */
  parent: CategorySlug.nullable().optional(),
  /** menu order, lightest first */
  weight: z.number().int().min(-1_000_000).max(1_000_000),
};

export const CategoryInput = z.object({ ...categoryFields, weight: categoryFields.weight.default(0) }).strict();
export type CategoryInput = z.input<typeof CategoryInput>;

export const CategoryUpdate = z
  .object(categoryFields)
  .omit({ slug: true })
  .partial()
  .strict()
  .refine((update) => Object.keys(update).length > 0, 'nothing to update');
export type CategoryUpdate = z.output<typeof CategoryUpdate>;

export const Category = z.object({
  slug: CategorySlug,
  title: z.string(),
  parent: CategorySlug.nullable(),
  weight: z.number().int(),
});
export type Category = z.infer<typeof Category>;

export const CategoryList = z.object({ items: z.array(Category) });
export type CategoryList = z.infer<typeof CategoryList>;
