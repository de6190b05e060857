// Shared helpers for the worker tests. D1 storage is not reset between tests of a file, so every
// test creates its own site (createSite) and picks its own item keys and reader IPs.
import { env, exports } from 'cloudflare:workers';
import { sha256Hex } from '../../worker/src/lib/crypto.js';

/** The origin the worker is reached at in these tests (its "own" origin). */
export const WORKER = 'https://widgets.test';
/** The portal page origin every test site lists as allowed. */
export const PORTAL = 'https://portal.test';
/** An origin no test site lists. */
export const FOREIGN = 'https://evil.test';

export interface TestSite {
  id: number;
  slug: string;
  token: string;
  origins: string[];
}

let counter = 0;

/** Token hashes as the worker stores them: its own helper, so the tests hash the same way. */
export { sha256Hex };

const randomHex = (bytes: number) => Array.from(crypto.getRandomValues(new Uint8Array(bytes)), (b) => b.toString(16).padStart(2, '0')).join('');

/** A fresh site straight in D1, with one admin token (stored as its SHA-256 hex, as the worker expects). */
export async function createSite(options: { name?: string; origins?: string[] } = {}): Promise<TestSite> {
  const slug = `t${++counter}-${randomHex(4)}`;
  const origins = options.origins ?? [PORTAL];
  const token = `tok_${randomHex(24)}`;
  const row = await env.DB.prepare('INSERT INTO sites (slug, name, origins) VALUES (?1, ?2, ?3) RETURNING id')
    .bind(slug, options.name ?? `Test site ${slug}`, JSON.stringify(origins))
    .first<{ id: number }>();
  await env.DB.prepare('INSERT INTO site_tokens (token_hash, site_id, label) VALUES (?1, ?2, ?3)')
    .bind(await sha256Hex(token), row!.id, 'test')
    .run();
  return { id: row!.id, slug, token, origins };
}

/** Calls the whole worker (its default export's fetch), as a browser or client would. */
export function api(path: string, init: RequestInit = {}): Promise<Response> {
  return exports.default.fetch(new Request(`${WORKER}${path}`, init));
}

export const ratingPath = (slug: string, item: string) => `/api/v1/sites/${slug}/ratings/${encodeURIComponent(item)}`;

export interface Reader {
  ip?: string;
  userAgent?: string;
}

export const readerHeaders = ({ ip = '198.51.100.1', userAgent = 'Mozilla/5.0 (test)' }: Reader = {}) => ({
  'CF-Connecting-IP': ip,
  'User-Agent': userAgent,
});

/** GET a rating summary as `reader`. */
export function getRating(slug: string, item: string, reader?: Reader, headers: Record<string, string> = {}) {
  return api(ratingPath(slug, item), { headers: { ...readerHeaders(reader), ...headers } });
}

export interface VoteOptions extends Reader {
  /** Origin header; `null` sends none. Default: the portal. */
  origin?: string | null;
  contentType?: string | null;
  /** the raw body; default `{"stars":<stars>}` */
  body?: string;
}

/** PUT a vote as `reader` from a page of the portal (unless told otherwise). */
export function putVote(slug: string, item: string, stars: unknown, options: VoteOptions = {}) {
  const { origin = PORTAL, contentType = 'application/json', body = JSON.stringify({ stars }), ...reader } = options;
  const headers: Record<string, string> = readerHeaders(reader);
  if (origin !== null) headers.Origin = origin;
  if (contentType !== null) headers['Content-Type'] = contentType;
  return api(ratingPath(slug, item), { method: 'PUT', headers, body });
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/** The operator's token in the worker tests (vitest.config.ts gives the worker its SHA-256). */
export const OPERATOR_TOKEN = 'test-operator-token-not-a-secret';

/** An admin call with the site's own token (unless `headers` brings its own Authorization); `body` is sent as JSON. */
export const adminCall = (site: TestSite, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
  adminApi(site, method, path, body, { headers, token: 'Authorization' in headers ? null : site.token });

/** Every row of a query, for asserting what D1 holds. */
export async function rows<T = Record<string, unknown>>(sql: string, ...binds: unknown[]): Promise<T[]> {
  const result = await env.DB.prepare(sql)
    .bind(...binds)
    .all<T>();
  return result.results;
}

export interface ErrorJson {
  error: { code: string; message: string; issues?: { path: string; message: string }[] };
}

/** Asserts the response is the project's JSON error shape and returns it. */
export async function errorJson(response: Response): Promise<ErrorJson> {
  const type = response.headers.get('Content-Type') ?? '';
  if (!type.startsWith('application/json')) {
    throw new Error(`expected a JSON error, got ${response.status} ${type}: ${await response.text()}`);
  }
  return response.json<ErrorJson>();
}

/** A call to a site's admin API with its token (`site.token` unless `token` is given); a body is sent as JSON. */
export function adminApi(
  site: TestSite,
  method: string,
  path: string,
  body?: unknown,
  options: { token?: string | null; headers?: Record<string, string> } = {},
) {
  const { token = site.token, headers = {} } = options;
  const all: Record<string, string> = { ...headers };
  if (token !== null) all.Authorization = `Bearer ${token}`;
  if (body !== undefined && !all['Content-Type']) all['Content-Type'] = 'application/json';
  return api(`/api/v1/sites/${site.slug}${path}`, {
    method,
    headers: all,
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** An article as an admin would send it, published on the seed page's date unless told otherwise. */
export const article = (key: string, overrides: Record<string, unknown> = {}) => ({
  key,
  title: `Tin ${key}`,
  url: `https://portal.test/tin-tuc/${key}.html`,
  publishedAt: '2018-04-19T15:00:00+07:00',
  ...overrides,
});
