// D1 cost per request of the public endpoints, at the scale docs/architecture.md (Cost) asks for (1,000,000 votes …),
// measured on a local D1 through the worker's own db/ functions and a metering binding.
import { join } from 'node:path';
import { d1, root } from '../../worker/scripts/wrangler.mjs';
import { withBenchD1 } from './bench-d1.mjs';
import { meteredD1 } from './metered-d1.mjs';
import { importWorkerModule } from '../../worker/scripts/worker-modules.mjs';

export const SCALE = { votes: 1_000_000, ratedItems: 10_000, photos: 10_000, albums: 200, links: 2_000, linkCategories: 40 };

/** Fills a fresh local D1 in SQL (recursive CTEs: seconds, not minutes). */
async function fill(persistTo) {
  await d1(
    `INSERT INTO sites (slug, name) VALUES ('bench', 'Bench');
     WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${SCALE.votes})
     INSERT INTO rating_votes (site_id, item, voter_key, stars, voted_at)
     SELECT 1, 'news-' || (i % ${SCALE.ratedItems}), hex(randomblob(16)), 1 + (i % 5), 0 FROM n;
     INSERT INTO rating_totals (site_id, item, count, total)
     SELECT site_id, item, count(*), sum(stars) FROM rating_votes GROUP BY site_id, item;
     WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${SCALE.albums})
     INSERT INTO albums (site_id, slug, title, published_at, weight) SELECT 1, 'album-' || i, 'Album ' || i, 0, i FROM n;
     WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${SCALE.photos})
     INSERT INTO photos (site_id, album_id, src, width, height, alt, weight)
     SELECT 1, 1 + (i % ${SCALE.albums}), '/img/p' || i || '.jpg', 1200, 800, 'Ảnh ' || i, i FROM n;
     WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${SCALE.linkCategories})
     INSERT INTO link_categories (site_id, slug, title, weight) SELECT 1, 'nhom-' || i, 'Nhóm ' || i, i FROM n;
     WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${SCALE.links})
     INSERT INTO links (site_id, category_id, title, url, weight)
     SELECT 1, 1 + (i % ${SCALE.linkCategories}), 'Liên kết ' || i, 'https://so' || i || '.example.gov.vn/', i FROM n;`,
    { persistTo },
  );
}

export async function d1Cost() {
  return withBenchD1(async ({ db: local, persistTo }) => {
    await fill(persistTo);
    const { db, meter, reset } = meteredD1(local);
    const ratings = await importWorkerModule(join(root, 'worker/src/db/ratings.ts'));
    const sites = await importWorkerModule(join(root, 'worker/src/db/sites.ts'));
    const albums = await importWorkerModule(join(root, 'worker/src/db/albums.ts'));
    const links = await importWorkerModule(join(root, 'worker/src/db/links.ts'));

    const rows = [];
    const measure = async (what, run) => {
      reset();
      await run();
      rows.push([what, meter.queries, meter.rowsRead, meter.rowsWritten]);
    };
    await measure('site lookup (at most once a second per isolate)', () => sites.findSiteBySlug(db, 'bench'));
    await measure('GET rating (the same for every reader)', () => ratings.getRatingSummary(db, 1, 'news-7'));
    await measure('PUT rating, room for a new item (the caps read before the batch)', () => ratings.itemRoom(db, 1, 'news-7', 1));
    await measure('PUT rating, a first vote (one batch)', () =>
      ratings.castVote(db, {
        siteId: 1,
        item: 'news-7',
        voterKey: 'someone-new',
        stars: 4,
        networkKey: 'net',
        window: 1,
        limit: 10,
        day: 1,
        itemsPerDay: 5000,
        itemsTotal: 50000,
      }),
    );
    await measure('PUT rating, a changed vote (one batch)', () =>
      ratings.castVote(db, {
        siteId: 1,
        item: 'news-7',
        voterKey: 'someone-new',
        stars: 2,
        networkKey: 'net',
        window: 1,
        limit: 10,
        day: 1,
        itemsPerDay: 5000,
        itemsTotal: 50000,
      }),
    );
    const now = Math.floor(Date.now() / 1000);
    await measure('GET albums (a page of 10)', () => albums.listAlbums(db, 1, now, albums.START, 10));
    await measure('GET albums/:album (the album and 24 photos)', () => albums.getAlbumPage(db, 1, 'album-7', now, albums.START, 24));
    await measure(`GET links (the whole directory: ${SCALE.links.toLocaleString('en')} links)`, () => links.getDirectory(db, 1));
    await measure(`GET links?category (one category: ${SCALE.links / SCALE.linkCategories} links)`, () => links.getDirectory(db, 1, 'nhom-7'));
    await measure('GET /go/:link (the redirect target)', () => links.findLinkTarget(db, 77));
    await measure('GET /go/:link (counting the click, one batch)', () => links.countClick(db, { siteId: 1, linkId: 77, readerKey: 'reader', now }));
    await links.deleteLink(local, 1, 78);
    await measure(
      'GET /go/:link of a deleted link (410: the target, then its tombstone)',
      async () => (await links.findLinkTarget(db, 78)) ?? links.isLinkGone(db, 78),
    );
    const en = (n) => n.toLocaleString('en');
    return {
      title: `D1 cost per request (local D1 holding ${en(SCALE.votes)} votes on ${en(SCALE.ratedItems)} items, ${en(SCALE.photos)} photos in ${en(SCALE.albums)} albums, ${en(SCALE.links)} links; articles below)`,
      columns: ['request', 'queries', 'rows read', 'rows written'],
      rows,
    };
  });
}
