// What article lists cost in D1 at 110,000 articles: a throwaway local D1 (wrangler's own,
// migrations applied) receives its articles through the worker's own bulk upsert and feed sync
// (write-articles.mjs), then runs the worker's own list and search statements
// (worker/src/db/articles.ts) through getPlatformProxy, reading meta.rows_read — what D1 bills by.
import { join } from 'node:path';
import { quietEnv, root } from '../../worker/scripts/wrangler.mjs';
import { withBenchD1 } from './bench-d1.mjs';
import { writeThroughBulk, writeThroughFeed } from './write-articles.mjs';
import { importWorkerModule } from '../../worker/scripts/worker-modules.mjs';

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
    await writeThroughBulk(db, { siteId: sites[0], count: ARTICLES, prefix: 'p', categories: categories.map((id) => ({ id })) });
    await writeThroughFeed(db, { siteId: sites[1], count: ARTICLES / 10, prefix: 'd' });
    const [{ n }] = (await db.prepare('SELECT count(*) AS n FROM articles').all()).results;
    console.error(`bench: wrote ${n} articles (${ARTICLES} by bulk upsert, ${ARTICLES / 10} by feed sync) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    // some votes, copied onto the articles as a vote's batch does, so "top rated" has an order
    await db.exec(`UPDATE articles SET key_votes = 1 + id % 7, key_points = (1 + id % 7) * (1 + id % 5) WHERE site_id = ${sites[0]} AND id % 3 = 0`);

    const { articlePageStatement, ftsQuery } = await importWorkerModule(join(root, 'worker/src/db/articles.ts'));
    const province = [{ siteId: sites[0], categoryIds: null }];
    const both = [...province, { siteId: sites[1], categoryIds: null }];
    const oneCategory = [{ siteId: sites[0], categoryIds: [categories[1]] }];
    const idOf = async (key) => (await db.prepare('SELECT id FROM articles WHERE site_id = ?1 AND external_key = ?2').bind(sites[0], key).first()).id;
    const middle = await idOf(`p-${ARTICLES / 2}`);
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
      ['search "so 4321" (few hits)', { scopes: province, match: ftsQuery('so 4321', province) }],
      ['search "hop tac xa", top rated', { scopes: province, sort: 'top-rated', match: search }],
      ['search "ho" (a two-letter prefix), page 1', { scopes: province, match: ftsQuery('ho', province) }],
      ['search "ho", halfway down', { scopes: province, match: ftsQuery('ho', province), cursor: { id: middle, score: 0 } }],
      ['search "h" (one letter: a whole word, not a prefix)', { scopes: province, match: ftsQuery('h', province) }],
      ['search "hop t" (last word one letter)', { scopes: province, match: ftsQuery('hop t', province) }],
      ['search "x", top rated', { scopes: province, sort: 'top-rated', match: ftsQuery('x', province) }],
      ['search "hop tac xa" on two sites, halfway down', { scopes: both, match: ftsQuery('hop tac xa', both), cursor: { id: middle, score: 0 } }],
    ];
    const rows = [];
    for (const [name, query] of cases) {
      const { results, meta } = await articlePageStatement(db, { sort: 'newest', cursor: null, take: 21, match: null, ...query }).all();
      rows.push([name, Math.min(results.length, 20), meta.rows_read]);
    }
    return {
      title: `Article lists in D1 (${n.toLocaleString('en')} articles written by the worker's bulk upsert and feed sync; a page asks for 21 rows, the 21st says whether another follows; site and categories come from the isolate's cache)`,
      columns: ['query', 'articles', 'rows read'],
      rows,
    };
  });
}
