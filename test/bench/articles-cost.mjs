// What article lists cost in D1 at 100,000 articles: fills a throwaway local D1 (wrangler's own,
// migrations applied) and runs the worker's own list and search statements
// (worker/src/db/articles.ts) through getPlatformProxy, reading meta.rows_read — what D1 bills by.
import { join } from 'node:path';
import { quietEnv, root } from '../../worker/scripts/wrangler.mjs';
import { withBenchD1 } from './bench-d1.mjs';
import { fillArticlesSql } from './fill-articles.mjs';
import { importWorkerModule } from './worker-modules.mjs';

const ARTICLES = Number(process.env.BENCH_ARTICLES) || 100_000;
Object.assign(process.env, quietEnv);

export async function articlesCost() {
  return withBenchD1(async ({ db }) => {
    await db.exec("INSERT INTO sites (slug, name) VALUES ('bench-province', 'Tỉnh'), ('bench-district', 'Huyện')");
    const sites = (await db.prepare('SELECT id FROM sites ORDER BY id').all()).results.map((row) => row.id);
    for (const slug of ['tin-tuc', 'thong-bao', 'van-ban', 'su-kien']) {
      await db.prepare('INSERT INTO categories (site_id, slug, title) VALUES (?1, ?2, ?2)').bind(sites[0], slug).run();
    }
    const categories = (await db.prepare('SELECT id FROM categories ORDER BY id').all()).results.map((row) => row.id);
    const started = Date.now();
    // in slices: one statement of 100,000 rows and their index entries is more than a request should do
    const slice = 10_000;
    for (let done = 0; done < ARTICLES; done += slice) {
      const sql = fillArticlesSql({ siteId: sites[0], count: Math.min(slice, ARTICLES - done), newest: 1_700_000_000 - done * 600, categoryIds: categories, prefix: `p${done}` });
      await db.exec(sql.replace(/\n/g, ' '));
    }
    await db.exec(fillArticlesSql({ siteId: sites[1], count: ARTICLES / 10, prefix: 'd' }).replace(/\n/g, ' '));
    const [{ n }] = (await db.prepare('SELECT count(*) AS n FROM articles').all()).results;
    console.error(`bench: filled ${n} articles (${ARTICLES} on one site, ${ARTICLES / 10} on another) in ${((Date.now() - started) / 1000).toFixed(1)} s`);

    const { articlePageStatement, ftsQuery } = await importWorkerModule(join(root, 'worker/src/db/articles.ts'));
    const province = [{ siteId: sites[0], categoryIds: null }];
    const both = [...province, { siteId: sites[1], categoryIds: null }];
    const oneCategory = [{ siteId: sites[0], categoryIds: [categories[1]] }];
    const first = await articlePageStatement(db, { scopes: province, sort: 'newest', cursor: null, take: 21, match: null }).all();
    const middle = first.results[0].id - Math.floor(ARTICLES / 2) * 600 * 1_048_576;
    const search = ftsQuery('hop tac xa', province);
    const searchPage1 = await articlePageStatement(db, { scopes: province, sort: 'newest', cursor: null, take: 21, match: search }).all();

    const cases = [
      ['page of 20, newest first', { scopes: province }],
      ['page of 20, halfway down (cursor)', { scopes: province, cursor: { id: middle, score: 0 } }],
      ['page of 20 in one category', { scopes: oneCategory }],
      ['page of 20, top rated', { scopes: province, sort: 'top-rated' }],
      ['page of 20, two sites merged', { scopes: both }],
      ['search "hop tac xa", page 1', { scopes: province, match: search }],
      ['search "hop tac xa", page 2', { scopes: province, match: search, cursor: { id: searchPage1.results[19].id, score: 0 } }],
      ['search "hop tac xa", halfway down', { scopes: province, match: search, cursor: { id: middle, score: 0 } }],
      ['search "dai hoi dang bo" in a category', { scopes: oneCategory, match: ftsQuery('dai hoi dang bo', oneCategory) }],
      ['search "so 4321" (10 hits)', { scopes: province, match: ftsQuery('so 4321', province) }],
      ['search "hop tac xa", top rated', { scopes: province, sort: 'top-rated', match: search }],
    ];
    const rows = [];
    for (const [name, query] of cases) {
      const { results, meta } = await articlePageStatement(db, { sort: 'newest', cursor: null, take: 21, match: null, ...query }).all();
      rows.push([name, Math.min(results.length, 20), meta.rows_read]);
    }
    return {
      title: `Article lists in D1 (${n.toLocaleString('en')} articles; a page asks for 21 rows, the 21st says whether another follows; site and categories come from the isolate's cache)`,
      columns: ['query', 'articles', 'rows read'],
      rows,
    };
  });
}
