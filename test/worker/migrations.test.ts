// Migration 0010 rebuilds links (AUTOINCREMENT) and the search index (prefix indexes) on a D1 that
// holds data: applied step by step to an empty D1 of its own, with rows written under the old
// schema, then checked for what D1 holds afterwards.
import { applyD1Migrations } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';

const db = env.MIGRATION_DB;
const all = async (sql: string, ...binds: unknown[]) => (await db.prepare(sql).bind(...binds).all()).results;

describe('migration 0010', () => {
  it('keeps every link’s id and data, its clicks and reports, and never hands a deleted id out again', async () => {
    await applyD1Migrations(db, env.TEST_MIGRATIONS.filter((migration) => migration.name < '0010'));
    await db.batch([
      db.prepare("INSERT INTO sites (id, slug, name) VALUES (1, 'tinh', 'Tỉnh'), (2, 'huyen', 'Huyện')"),
      db.prepare("INSERT INTO link_categories (id, site_id, slug, title) VALUES (1, 1, 'lien-ket', 'Liên kết'), (2, 2, 'lien-ket', 'Liên kết')"),
      db.prepare(
        `INSERT INTO links (id, site_id, category_id, title, url, description, weight, hits, health, failures, checked_at, due_at) VALUES
           (3, 1, 1, 'Cổng tỉnh', 'https://thainguyen.gov.vn/', 'UBND tỉnh', 2, 41, 'ok', 0, 1700000000, 1700086400),
           (7, 2, 2, 'Chính phủ', 'https://chinhphu.vn/', '', 0, 5, 'broken', 2, 1700000100, 1700003700),
           (16, 1, 1, 'Liên minh HTX', 'https://vca.org.vn/', '', 1, 0, 'unknown', 0, NULL, 0)`,
      ),
      db.prepare("INSERT INTO link_clicks (site_id, link_id, reader_key, clicked_at) VALUES (2, 7, 'k1', 1700000000)"),
      db.prepare("INSERT INTO link_reports (site_id, link_id, reader_key, reason, reported_at) VALUES (1, 16, 'k2', 'broken', 1700000000)"),
      db.prepare(
        `INSERT INTO articles (id, site_id, external_key, title, url, published_at, updated_at)
         VALUES (1782439936000000, 1, 'htx', 'Hợp tác xã chè Tân Cương', 'https://thainguyen.gov.vn/htx.html', 1700000000, 1700000000)`,
      ),
    ]);
    const links = () => all('SELECT * FROM links ORDER BY id');
    const before = { links: await links(), clicks: await all('SELECT * FROM link_clicks'), reports: await all('SELECT * FROM link_reports') };
    expect(before.links).toHaveLength(3);

    await applyD1Migrations(db, env.TEST_MIGRATIONS.filter((migration) => migration.name.startsWith('0010')));

    expect(await links()).toEqual(before.links);
    expect(await all('SELECT * FROM link_clicks')).toEqual(before.clicks);
    expect(await all('SELECT * FROM link_reports')).toEqual(before.reports);
    expect(await all("SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'links' AND sql IS NOT NULL ORDER BY name")).toEqual([
      { name: 'links_by_category' },
      { name: 'links_by_due' },
      { name: 'links_by_site_due' },
    ]);
    // 0008's per-site link quota outlives the rebuild
    expect(await all("SELECT name FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = 'links' ORDER BY name")).toEqual([
      { name: 'links_gone_on_delete' },
      { name: 'links_quota' },
    ]);

    // the highest id deleted: the next link still gets a new one, and the old one is remembered
    await db.prepare('DELETE FROM links WHERE id = 16').run();
    const fresh = await db.prepare("INSERT INTO links (site_id, category_id, title, url) VALUES (2, 2, 'Huyện', 'https://daitu.gov.vn/') RETURNING id").first<{ id: number }>();
    expect(fresh!.id).toBe(17);
    expect(await all('SELECT id, site_id FROM links_gone')).toEqual([{ id: 16, site_id: 1 }]);
    // its reports went with it (the foreign key still points at the rebuilt table)
    expect(await all('SELECT * FROM link_reports')).toEqual([]);

    // the search index was rebuilt from the articles, prefix indexes included
    const hits = await db.prepare(`SELECT rowid FROM articles_fts WHERE articles_fts MATCH '{title summary} : ("tan" AND "cu"*)'`).all();
    expect(hits.results).toEqual([{ rowid: 1782439936000000 }]);
  });
});
