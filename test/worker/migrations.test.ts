// Migration 0010 rebuilds links (AUTOINCREMENT) and the search index (prefix indexes) on a D1 that
// holds data: applied step by step to an empty D1 of its own, with rows written under the old
// schema, then checked for what D1 holds afterwards. Migration 0015 rebuilds the search index again.
import { applyD1Migrations } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';

const db = env.MIGRATION_DB;
const all = async (sql: string, ...binds: unknown[]) =>
  (
    await db
      .prepare(sql)
      .bind(...binds)
      .all()
  ).results;

describe('migration 0010', () => {
  it('keeps every link’s id and data, its clicks and reports, and never hands a deleted id out again', async () => {
    await applyD1Migrations(
      db,
      env.TEST_MIGRATIONS.filter((migration) => migration.name < '0010'),
    );
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

    await applyD1Migrations(
      db,
      env.TEST_MIGRATIONS.filter((migration) => migration.name.startsWith('0010')),
    );

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
    const fresh = await db
      .prepare("INSERT INTO links (site_id, category_id, title, url) VALUES (2, 2, 'Huyện', 'https://daitu.gov.vn/') RETURNING id")
      .first<{ id: number }>();
    expect(fresh!.id).toBe(17);
    expect(await all('SELECT id, site_id FROM links_gone')).toEqual([{ id: 16, site_id: 1 }]);
    // its reports went with it (the foreign key still points at the rebuilt table)
    expect(await all('SELECT * FROM link_reports')).toEqual([]);

    // the search index was rebuilt from the articles, prefix indexes included
    const hits = await db.prepare(`SELECT rowid FROM articles_fts WHERE articles_fts MATCH '{title summary} : ("tan" AND "cu"*)'`).all();
    expect(hits.results).toEqual([{ rowid: 1782439936000000 }]);
  });
});

describe('migration 0015', () => {
  it('puts hidden articles in the search index under their own scope tokens, and makes each feed’s next fetch a full one', async () => {
    // (after 0010's test: its D1 holds one published article of site 1)
    await applyD1Migrations(
      db,
      env.TEST_MIGRATIONS.filter((migration) => migration.name > '0010' && migration.name < '0015'),
    );
    await db.batch([
      db.prepare(
        `INSERT INTO articles (id, site_id, external_key, title, url, published_at, updated_at, status)
         VALUES (1782439937000000, 1, 'an', 'Đường giao thông', 'https://tinh.example/an.html', 1699999999, 1699999999, 'hidden')`,
      ),
      db.prepare(
        `INSERT INTO feeds (id, site_id, url, etag, last_modified) VALUES (5, 1, 'https://tinh.example/rss', '"v1"', 'Sat, 01 Jan 2026 00:00:00 GMT')`,
      ),
    ]);
    const search = (query: string) => db.prepare('SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?1').bind(query).all();
    expect((await search('scope : hs1')).results).toEqual([]);

    await applyD1Migrations(
      db,
      env.TEST_MIGRATIONS.filter((migration) => migration.name.startsWith('0015')),
    );

    expect((await search('scope : hs1 AND {title summary} : "duong"')).results).toEqual([{ rowid: 1782439937000000 }]);
    // the public search (s1) still meets the published article only
    expect((await search('scope : s1')).results).toEqual([{ rowid: 1782439936000000 }]);
    expect((await search('scope : f0')).results).toEqual([{ rowid: 1782439936000000 }]);
    expect(await all('SELECT etag, last_modified, article_count FROM feeds')).toEqual([{ etag: null, last_modified: null, article_count: 0 }]);
    expect(await all('SELECT count(*) AS n FROM articles WHERE feed_id IS NOT NULL')).toEqual([{ n: 0 }]);
  });
});

describe('migration 0016', () => {
  it('counts each site’s links on its row, keeps the count through inserts and deletes, and still enforces the quota', async () => {
    // (after 0010's test: site 1 holds one link, site 2 two)
    await applyD1Migrations(
      db,
      env.TEST_MIGRATIONS.filter((migration) => migration.name.startsWith('0016')),
    );
    const counts = () => all('SELECT id, link_count FROM sites ORDER BY id');
    expect(await counts()).toEqual([
      { id: 1, link_count: 1 },
      { id: 2, link_count: 2 },
    ]);

    await db.prepare("INSERT INTO links (site_id, category_id, title, url) VALUES (1, 1, 'Sở Y tế', 'https://soyte.example/')").run();
    await db.prepare('DELETE FROM links WHERE id = 7').run();
    expect(await counts()).toEqual([
      { id: 1, link_count: 2 },
      { id: 2, link_count: 1 },
    ]);

    // the quota: a link past it is refused, and the count is as it was
    await db.prepare('UPDATE sites SET link_quota = 2 WHERE id = 1').run();
    await expect(db.prepare("INSERT INTO links (site_id, category_id, title, url) VALUES (1, 1, 'Sở GD', 'https://sogd.example/')").run()).rejects.toThrow(
      /quota_exceeded: links/,
    );
    expect(await counts()).toEqual([
      { id: 1, link_count: 2 },
      { id: 2, link_count: 1 },
    ]);
  });
});
