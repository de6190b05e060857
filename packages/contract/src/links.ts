import * as z from 'zod';
import { PlainText, SiteSlug, TurnstileToken } from './sites.js';

/**
 * A web address a reader may be sent to or shown: absolute http(s) only, no user:password@
 * (a classic way to disguise a host), at most 2,048 characters. Stored as the parser's `href`.
 */
export const LinkUrl = z
  .string()
  .trim()
  .max(2048)
  .refine((value) => {
    if (!/^https?:\/\//i.test(value) || /[\s\p{Cc}]/u.test(value)) return false;
    try {
      const url = new URL(value);
      return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '' && !url.username && !url.password;
    } catch {
      return false;
    }
  }, 'an absolute http(s) URL such as https://thainguyen.gov.vn, without user:password@')
  .transform((value) => new URL(value).href);

/** A category's key in URLs and in the element's `category` attribute, as in `bo-nganh`. */
/** A link category's slug: the same rule as an article category's. */
export const LinkCategorySlug = SiteSlug;

/** A link's number: the `:link` of `/go/:link` and of the admin routes. */
export const LinkId = z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER);

export const LinkWeight = z.number().int().min(-1_000_000).max(1_000_000);

export const LinkHealth = z.enum(['ok', 'broken', 'unknown']);
export type LinkHealth = z.infer<typeof LinkHealth>;

/** A link's description: plain text that may run over lines (CRLF becomes LF), no other control characters. */
export const Description = z
  .string()
  .trim()
  .transform((text) => text.replace(/\r\n?/g, '\n'))
  .pipe(
    z
      .string()
      .max(500)
      .regex(/^(?:[^\p{Cc}]|\n)*$/u, 'no control characters but line breaks'),
  );

/** An update: any of the fields, at least one; an absent field stays as it is. */
const someOf = <Shape extends z.ZodRawShape>(shape: Shape) =>
  z
    .object(shape)
    .partial()
    .strict()
    .refine((update) => Object.keys(update).length > 0, 'nothing to update');

const linkFields = {
  category: LinkCategorySlug,
  title: PlainText(200),
  url: LinkUrl,
  description: Description,
  logo: LinkUrl.nullable(),
  /** position within its category, smaller first */
  weight: LinkWeight,
};

/** What an admin writes for one link (a category is named by its slug). */
export const LinkInput = z
  .object({
    ...linkFields,
    description: Description.default(''),
    logo: LinkUrl.nullable().default(null),
    /** a new link goes last in its category when omitted */
    weight: LinkWeight.optional(),
  })
  .strict();
export type LinkInput = z.input<typeof LinkInput>;

/** `PATCH …/links/:link`: any of the fields; a new `url` starts its health over. */
export const LinkUpdate = someOf(linkFields);
export type LinkUpdate = z.output<typeof LinkUpdate>;

const categoryFields = { slug: LinkCategorySlug, title: PlainText(200), weight: LinkWeight };

/** A new category (last unless a weight is given). */
export const LinkCategoryInput = z.object({ ...categoryFields, weight: LinkWeight.optional() }).strict();
export type LinkCategoryInput = z.output<typeof LinkCategoryInput>;

export const LinkCategoryUpdate = someOf(categoryFields);
export type LinkCategoryUpdate = z.output<typeof LinkCategoryUpdate>;

/** `PUT …/links/order`: categories by slug and links by id, each list in its new order. */
export const LinkOrder = z
  .object({
    categories: z.array(LinkCategorySlug).max(200),
    links: z.array(LinkId).max(2000),
  })
  .partial()
  .strict()
  .refine((order) => order.categories?.length || order.links?.length, 'nothing to reorder')
  .refine((order) => new Set(order.categories).size === (order.categories?.length ?? 0), { message: 'a category is listed twice', path: ['categories'] })
  .refine((order) => new Set(order.links).size === (order.links?.length ?? 0), { message: 'a link is listed twice', path: ['links'] });
export type LinkOrder = z.output<typeof LinkOrder>;

/** `POST …/links/:link/reports`: a reader says a link is dead, or leads somewhere it should not. */
export const LinkReport = z.object({ reason: z.enum(['broken', 'bad']), turnstile: TurnstileToken.optional() }).strict();
export type LinkReport = z.infer<typeof LinkReport>;

/** One link as anyone may read it. Readers follow `/go/{id}`, which counts the click. */
export const PublicLink = z.object({
  id: z.number().int(),
  title: z.string(),
  url: z.string(),
  description: z.string(),
  logo: z.string().nullable(),
  health: LinkHealth,
});
export type PublicLink = z.infer<typeof PublicLink>;

/** `GET …/links[?category=slug]`: the directory, grouped by category, both in their weight order. */
export const LinkDirectory = z.object({
  categories: z.array(z.object({ slug: z.string(), title: z.string(), links: z.array(PublicLink) })),
});
export type LinkDirectory = z.infer<typeof LinkDirectory>;

/** One link as its admin reads it: the public fields with its counts and last check. */
export const AdminLink = PublicLink.extend({
  category: z.string(),
  weight: z.number().int(),
  hits: z.number().int(),
  /** ISO 8601 time of the last health check, null before the first */
  checkedAt: z.string().nullable(),
  reports: z.object({ broken: z.number().int(), bad: z.number().int() }),
});
export type AdminLink = z.infer<typeof AdminLink>;

export const AdminCategory = z.object({ slug: z.string(), title: z.string(), weight: z.number().int() });
export type AdminCategory = z.infer<typeof AdminCategory>;

const ignored = z.unknown().optional();
const ImportedLink = LinkInput.omit({ category: true })
  .extend({
    weight: LinkWeight.default(0),
    // an export carries read-only figures too: an import accepts them and ignores them
    id: ignored,
    hits: ignored,
    health: ignored,
    checkedAt: ignored,
    reports: ignored,
  })
  .strict();

/**
 * `POST …/links/import` (JSON) and `GET …/links/export`: the whole directory. Import adds and
 * updates categories by slug and links by URL (a link keeps its hits and health); with
 * `?replace=true` it also removes what the file does not list.
 */
export const DirectoryFile = z
  .object({
    categories: z
      .array(
        z
          .object({
            slug: LinkCategorySlug,
            title: PlainText(200),
            weight: LinkWeight.default(0),
            links: z.array(ImportedLink).max(1000).default([]),
          })
          .strict(),
      )
      .max(200),
  })
  .strict()
  .superRefine((file, context) => {
    const slugs = new Set<string>();
    const urls = new Set<string>();
    file.categories.forEach((category, i) => {
      if (slugs.has(category.slug)) context.addIssue({ code: 'custom', message: 'this slug is listed twice', path: ['categories', i, 'slug'] });
      slugs.add(category.slug);
      category.links.forEach((link, j) => {
        if (urls.has(link.url)) context.addIssue({ code: 'custom', message: 'this URL is listed twice', path: ['categories', i, 'links', j, 'url'] });
        urls.add(link.url);
      });
    });
    if (urls.size > 2000) context.addIssue({ code: 'custom', message: 'at most 2000 links', path: ['categories'] });
  });
export type DirectoryFile = z.output<typeof DirectoryFile>;

/** The export: every category (empty ones too) with its links as the admin reads them. */
export const DirectoryExport = z.object({
  categories: z.array(AdminCategory.extend({ links: z.array(AdminLink.omit({ category: true })) })),
});
export type DirectoryExport = z.infer<typeof DirectoryExport>;

/** The CSV columns, in order: one row per link, its category repeated on every row. */
export const CSV_COLUMNS = [
  'category',
  'category_title',
  'category_weight',
  'title',
  'url',
  'description',
  'logo',
  'weight',
  'hits',
  'health',
  'checked_at',
] as const;
