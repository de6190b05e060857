import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { SiteSlug } from '@civic-widgets/contract';
import type { AppEnv } from '../env.js';
import { bumpGeneration, findSiteBySlug, type Generation, type SiteRecord } from '../db/sites.js';
import { unaudited } from './audit.js';
import { forgetCategories } from './categories.js';
import { ApiError } from './errors.js';
import { documents, failure } from './openapi.js';

/**
 * The header that carries a D1 bookmark (docs/edge-cache.md): every site-scoped answer names the
 * database state it was read or written at, and a client that sends it back reads at least that.
 */
export const BOOKMARK_HEADER = 'X-D1-Bookmark';

// An isolate keeps each site it has seen for a second: the record, the generations that key the
// edge cache, and the D1 bookmark it was read at. A second is how long another isolate's write
// can go unseen here (unless the request brings a newer bookmark: then the site is read again at
// that bookmark at once). A burst of requests for one site shares one read. Only sites that exist
// are kept, so requests for made-up slugs cannot grow the map.
const FRESH_MS = 1000;

interface KnownSite {
  site: SiteRecord;
  /** the D1 bookmark the record was read (or bumped) at; null where D1 gives none */
  bookmark: string | null;
  until: number;
}

const known = new Map<string, KnownSite>();
const reading = new Map<string, Promise<KnownSite | null>>();

/** The later of two bookmarks (D1 bookmarks order as strings, as workerd's own sessions compare them). */
export const laterBookmark = (a: string | null, b: string | null) => (a === null ? b : b === null || a >= b ? a : b);

/** Keeps what was read at `bookmark`, unless this isolate already holds a later state of the site. */
function remember(site: SiteRecord, bookmark: string | null): KnownSite {
  const before = known.get(site.slug);
  if (before?.site.id === site.id && before.bookmark !== null && bookmark !== null && before.bookmark > bookmark) return before;
  // the categories an isolate keeps are as old as the content generation it last saw
  if (before?.site.contentGeneration !== site.contentGeneration) forgetCategories(site.id);
  const entry = { site, bookmark, until: Date.now() + FRESH_MS };
  known.set(site.slug, entry);
  return entry;
}

/** A binding or a session: a session has no withSession, a binding no getBookmark. */
type Db = D1Database | D1DatabaseSession;
const bookmarkOf = (db: Db) => ('getBookmark' in db ? db.getBookmark() : null);

async function readSite(db: Db, slug: string, after: string | null): Promise<KnownSite | null> {
  const session = 'withSession' in db ? db.withSession(after ?? 'first-unconstrained') : db;
  const site = await findSiteBySlug(session as unknown as D1Database, slug);
  if (!site) {
    known.delete(slug);
    return null;
  }
  return remember(site, bookmarkOf(session));
}

/** The site, as this isolate knows it (at most a second old, and read at `after` or later). */
async function knownSite(db: Db, slug: string, after: string | null): Promise<KnownSite | null> {
  const hit = known.get(slug);
  if (hit && hit.until > Date.now() && (after === null || (hit.bookmark !== null && hit.bookmark >= after))) return hit;
  const key = `${slug} ${after ?? ''}`;
  let pending = reading.get(key);
  if (!pending) {
    pending = readSite(db, slug, after).finally(() => reading.delete(key));
    reading.set(key, pending);
  }
  return pending;
}

export async function loadSite(db: Db, slug: string): Promise<SiteRecord | null> {
  return (await knownSite(db, slug, null))?.site ?? null;
}

/** The query parameter that may carry the bookmark instead (a cross-origin GET with it needs no preflight). */
export const BOOKMARK_PARAM = 'after';

// a D1 bookmark as getBookmark() gives it: hex groups of 8, 8, 8 and 32 digits joined by dashes
const BOOKMARK = /^[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{32}$/i;

interface AskedBookmark {
  /** where the client sent it: the header or `after` */
  where: string;
  value: string;
}

const notABookmark = (where: string) =>
  new ApiError(400, 'Invalid bookmark.', [{ path: where, message: 'not a bookmark: send back the value an answer gave' }]);

/** The bookmark a client sent back (header, else `?after=`), or null; anything not shaped as D1's is a 400. */
function askedBookmark(c: Context<AppEnv>): AskedBookmark | null {
  const [where, value] = c.req.header(BOOKMARK_HEADER) ? [BOOKMARK_HEADER, c.req.header(BOOKMARK_HEADER)] : [BOOKMARK_PARAM, c.req.query(BOOKMARK_PARAM)];
  if (!value?.trim()) return null;
  if (!BOOKMARK.test(value.trim())) throw notABookmark(where);
  return { where, value: value.trim() };
}

const bumped = new WeakSet<Context>();

/**
 * After a successful write: moves the site's generation (so cached reads made before are passed
 * over) and returns the D1 bookmark after it, which a client sends back to read its own write.
 * siteScope calls it after every successful write; a route may call it first, to put the
 * bookmark in its answer.
 */
export async function recordWrite(c: Context<AppEnv>, generation: Generation): Promise<string | null> {
  const session = c.env.DB as unknown as D1DatabaseSession;
  if (!bumped.has(c)) {
    bumped.add(c);
    try {
      // the bump is never audited: were it, a write that changed nothing would be recorded as one
      const site = await bumpGeneration(unaudited(c.env.DB), c.var.site.id, generation);
      if (site) remember(site, session.getBookmark());
    } catch (error) {
      // The write stands; the cached reads it changed live out their TTL (docs/edge-cache.md).
      console.error('edge cache: could not bump the generation', error);
    }
  }
  return session.getBookmark();
}

/**
 * What a successful write changes, for the edge cache: a vote moves the vote generation, a
 * reader's report of a broken link, a token or a dry run nothing a reader sees, anything else (an
 * admin's write) the content generation.
 */
function generationWritten(c: Context<AppEnv>): Generation | null {
  if (['GET', 'HEAD', 'OPTIONS'].includes(c.req.method) || !c.res.ok || c.error) return null;
  // a dry run (links import) only says what it would write
  if (['1', 'true'].includes(c.req.query('dryRun') ?? '')) return null;
  const rest = new URL(c.req.url).pathname.split('/').slice(5).join('/');
  if (rest.startsWith('ratings/')) return 'vote';
  if (/^links\/\d+\/reports$/.test(rest)) return null;
  // a token issued or revoked changes nothing anyone reads through the cache
  if (rest === 'tokens' || rest.startsWith('tokens/')) return null;
  return 'content';
}

/**
 * Resolves `:site` to its record on `c.var.site` (or answers 404), then runs the request in one D1
 * session (`c.env.DB` becomes it): an editor's from the primary, anyone else's from the later of
 * the bookmark they sent and the one the site was read at — so a read is never older than the
 * generation that keys it. After a successful write it bumps the site's generation; every answer
 * carries the session's bookmark.
 */
export const siteScope = createMiddleware<AppEnv>(async (c, next) => {
  const slug = c.req.param('site') ?? '';
  const sent = askedBookmark(c);
  let asked = sent?.value ?? null;
  const read = () => (SiteSlug.safeParse(slug).success ? knownSite(c.env.DB, slug, asked) : null);
  let found: KnownSite | null;
  try {
    found = await read();
  } catch (error) {
    if (!sent) throw error;
    // D1 refuses a session at a bookmark it cannot reach (made up, too old, another database's):
    // the reader still gets an answer, read as if no bookmark had been sent (a widget keeps its
    // bookmark for good, so refusing would break that item for that reader)
    console.error('D1: no session at the bookmark sent; read without it', error);
    asked = null;
    found = await read();
  }
  // Readable from any page (it holds nothing of any site's), so a widget with a mistyped `site`
  // can say "not found" instead of seeing only a failed request.
  if (!found) throw new ApiError(404, `No site named "${slug.slice(0, 64)}".`, undefined, { 'Access-Control-Allow-Origin': '*' });
  const editor = c.req.header('Authorization') !== undefined;
  const session = (c.env.DB as Db as D1Database).withSession(editor ? 'first-primary' : (laterBookmark(asked, found.bookmark) ?? 'first-unconstrained'));
  c.set('site', found.site);
  c.env = { ...c.env, DB: session as unknown as D1Database };
  await next();

  const written = generationWritten(c);
  if (written) await recordWrite(c, written);
  const bookmark = session.getBookmark();
  if (bookmark) c.header(BOOKMARK_HEADER, bookmark);
});
documents(siteScope, { responses: { 404: failure('No such site') } });
