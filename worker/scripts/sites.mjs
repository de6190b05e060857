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
    `INSERT INTO sites (slug, name, origins, time_zone, language) VALUES (${[
      slug,
      name.trim(),
      JSON.stringify(origins.map(checkOrigin)),
      timeZone,
      language,
    ]
      .map(sqlText)
      .join(', ')});`,
    tokenSql(slug, token, 'created with the site'),
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
