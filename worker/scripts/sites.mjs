// Creating sites and issuing admin tokens. Tokens are shown once and stored only as SHA-256.
import { createHash, randomBytes } from 'node:crypto';
import { d1, sqlText } from './wrangler.mjs';

const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;

function checkOrigin(origin) {
  const url = new URL(origin);
  if (!/^https?:$/.test(url.protocol) || url.origin !== origin) {
    throw new Error(`"${origin}" is not an origin like https://portal.example.gov.vn (no path, no trailing slash)`);
  }
  return origin;
}

const newToken = () => `cw_${randomBytes(32).toString('base64url')}`;
const sha256 = (text) => createHash('sha256').update(text).digest('hex');

/** SQL that inserts a site and one admin token for it; returns the SQL and the plaintext token. */
export function createSiteSql({ slug, name, origins = [], timeZone = 'Asia/Ho_Chi_Minh', language = 'vi' }) {
  if (!SLUG.test(slug)) throw new Error(`"${slug}" is not a slug (lowercase letters, digits, inner hyphens)`);
  if (!name?.trim() || name.trim().length > 200 || /\p{Cc}/u.test(name)) throw new Error('a site needs a --name: plain text, at most 200 characters');
  if (!['vi', 'en'].includes(language)) throw new Error('--language is vi or en');
  new Intl.DateTimeFormat('en', { timeZone }); // throws on an unknown zone
  const token = newToken();
  const sql = [
    `INSERT INTO sites (slug, name, origins, time_zone, language) VALUES (${[slug, name.trim(), JSON.stringify(origins.map(checkOrigin)), timeZone, language]
      .map(sqlText)
      .join(', ')});`,
    tokenSql(slug, token, 'Quản trị trang'), // the first token's holder, as the console and the audit log name them
  ].join('\n');
  return { sql, token };
}

const tokenSql = (slug, token, label) =>
  `INSERT INTO site_tokens (token_hash, site_id, label) SELECT ${sqlText(sha256(token))}, id, ${sqlText(label)} FROM sites WHERE slug = ${sqlText(slug)};`;

export async function createSite(site, where) {
  const { sql, token } = createSiteSql(site);
  await d1(sql, where);
  return token;
}

/** A further token for an existing site (e.g. one per editor); the old ones stay valid. */
export async function issueToken(slug, label, where) {
  const [found] = await d1(`SELECT id FROM sites WHERE slug = ${sqlText(slug)}`, where);
  if (!found) throw new Error(`no site "${slug}"`);
  const token = newToken();
  await d1(tokenSql(slug, token, label), where);
  return token;
}

/** A site's tokens: id, label and when each was issued and last used (never the token itself). */
export async function listTokens(slug, where) {
  const [found] = await d1(`SELECT id FROM sites WHERE slug = ${sqlText(slug)}`, where);
  if (!found) throw new Error(`no site "${slug}"`);
  return d1(
    `SELECT t.id, t.label, datetime(t.created_at, 'unixepoch') AS created, datetime(t.last_used_at, 'unixepoch') AS last_used
     FROM site_tokens t JOIN sites s ON s.id = t.site_id WHERE s.slug = ${sqlText(slug)} ORDER BY t.created_at, t.id`,
    where,
  );
}

/** Revokes one of a site's tokens by its id; fails when the site has no such token. */
export async function revokeToken(slug, id, where) {
  if (!/^[0-9a-f]{12}$/.test(id ?? '')) throw new Error('a token id is 12 hex digits (see `npm run site -- tokens <slug>`)');
  const before = await d1(`SELECT t.id FROM site_tokens t JOIN sites s ON s.id = t.site_id WHERE s.slug = ${sqlText(slug)} AND t.id = ${sqlText(id)}`, where);
  if (!before.length) throw new Error(`site "${slug}" has no token ${id}`);
  await d1(`DELETE FROM site_tokens WHERE id = ${sqlText(id)} AND site_id = (SELECT id FROM sites WHERE slug = ${sqlText(slug)})`, where);
}
