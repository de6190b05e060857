// What the link reads cost in D1 (`meta.rows_read`, what D1 bills by): the directory read grows
// with the site's own directory only, never with other sites' links or with clicks.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { countClick, directoryStatements, importDirectory } from '../../worker/src/db/links.js';
import { createSite, rows } from './helpers.js';

/** `categories` categories of `perCategory` links each, straight into D1. */
async function fill(siteId: number, categories: number, perCategory: number) {
  for (let c = 0; c < categories; c++) {
    const { id } = (await env.DB.prepare('INSERT INTO link_categories (site_id, slug, title, weight) VALUES (?1, ?2, ?3, ?4) RETURNING id')
      .bind(siteId, `c${c}`, `Category ${c}`, c)
      .first<{ id: number }>())!;
    const values = Array.from({ length: perCategory }, (_, i) => `(?1, ?2, 'Link ${i}', 'https://l${i}.c${c}.s${siteId}.gov.vn/', ${i})`).join(', ');
    await env.DB.prepare(`INSERT INTO links (site_id, category_id, title, url, weight) VALUES ${values}`).bind(siteId, id).run();
  }
}

describe('cost of the link reads', () => {
  it('reads the directory in rows proportional to the site’s own links, whatever other sites and clicks hold', async () => {
    const site = await createSite();
    await fill(site.id, 4, 10);
    // neighbours with far bigger directories, and many clicks on this site's links
    for (let i = 0; i < 2; i++) await fill((await createSite()).id, 10, 50);
    const [first] = await rows<{ id: number }>('SELECT id FROM links WHERE site_id = ?1 LIMIT 1', site.id);
    for (let i = 0; i < 50; i++) await countClick(env.DB, { siteId: site.id, linkId: first!.id, readerKey: `r${i}`, now: 1_000_000 });

    const read = async (category?: string) => {
      const results = await env.DB.batch(directoryStatements(env.DB, site.id, category));
      return { links: results[1]!.results.length, rowsRead: results.reduce((sum, result) => sum + result.meta.rows_read, 0) };
    };
    const all = await read();
    console.log(`directory of 4 categories × 10 links: rows_read ${all.rowsRead}`);
    expect(all).toEqual({ links: 40, rowsRead: expect.any(Number) });
    // each category twice (read, sorted by weight), each link once, and one index probe past each range
    expect(all.rowsRead).toBeLessThanOrEqual(2 * 4 + 40 + 2);

    const one = await read('c2');
    console.log(`one category of 10 links: rows_read ${one.rowsRead}`);
    expect(one.links).toBe(10);
    expect(one.rowsRead).toBeLessThanOrEqual(2 * 1 + 1 + 10 + 2);
  });

  it('finds the target of /go/:link, and counts a click, by primary keys', async () => {
    const site = await createSite();
    await fill(site.id, 1, 20);
    const [link] = await rows<{ id: number }>('SELECT id FROM links WHERE site_id = ?1 LIMIT 1', site.id);
    const target = await env.DB.prepare('SELECT site_id AS siteId, url FROM links WHERE id = ?1').bind(link!.id).all();
    expect(target.meta.rows_read).toBe(1);
    const counted = await env.DB.batch([
      env.DB.prepare(
        `UPDATE links SET hits = hits + 1 WHERE site_id = ?1 AND id = ?2
         AND NOT EXISTS (SELECT 1 FROM link_clicks WHERE site_id = ?1 AND link_id = ?2 AND reader_key = ?3 AND clicked_at > ?4 - 1800)`,
      ).bind(site.id, link!.id, 'reader', 2_000_000),
    ]);
    expect(counted[0]!.meta.rows_read).toBeLessThanOrEqual(2);
  });
});

describe('cost of a directory import', () => {
  it('reads rows in proportion to the links it adds, not to their square (the quota check reads the site row)', async () => {
    const site = await createSite();
    let rowsRead = 0;
    // env.DB, summing what each batch reads
    const db = {
      prepare: (sql: string) => env.DB.prepare(sql),
      batch: async (statements: D1PreparedStatement[]) => {
        const results = await env.DB.batch(statements);
        rowsRead += results.reduce((sum, result) => sum + result.meta.rows_read, 0);
        return results;
      },
    } as unknown as D1Database;
    const links = Array.from({ length: 2000 }, (_, i) => ({ title: `Xã ${i}`, url: `https://xa${i}.example.gov.vn/`, description: '', logo: null, weight: 0 }));
    const result = await importDirectory(db, site.id, { categories: [{ slug: 'xa-phuong', title: 'Xã, phường', weight: 0, links }] }, false);
    console.log(`import of 2,000 links: rows_read ${rowsRead}`);
    expect(result.links).toBe(2000);
    expect(await rows('SELECT link_count FROM sites WHERE id = ?1', site.id)).toEqual([{ link_count: 2000 }]);
    // each link: its JSON row, its category's lookup, the unique-URL check, the site row (was ~2,000,000)
    expect(rowsRead).toBeLessThanOrEqual(10 * 2000);
  });
});
