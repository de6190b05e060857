// The demo's data, as SQL for an empty database: the sites first, then each resource's rows
// (resources add their own module to `parts`; each part's SQL finds its site by slug).
import { createSiteSql } from '../scripts/sites.mjs';
import { albumsSql } from './albums.mjs';
import { articlesSql } from './articles.mjs';
import { demoSites } from './demo-sites.mjs';
import { linksSeedSql } from './links.mjs';

/** @type {Array<() => string>} */
const parts = [articlesSql, albumsSql, () => linksSeedSql()];

/** Resolves with the SQL and the new sites' admin tokens (`{ slug: token }`). */
export function demoSeed() {
  const sites = demoSites.map((site) => ({ slug: site.slug, ...createSiteSql(site) }));
  return {
    sql: [...sites.map((site) => site.sql), ...parts.map((part) => part())].join('\n'),
    tokens: Object.fromEntries(sites.map((site) => [site.slug, site.token])),
  };
}
