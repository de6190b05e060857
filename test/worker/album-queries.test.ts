// worker/src/db/albums.ts against the real D1: what a page of albums or photos costs in
// `meta.rows_read` (what D1 bills by) when the site holds many albums and photos.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { START, albumListStatement, photoPageStatement } from '../../worker/src/db/albums.js';
import { createSite } from './helpers.js';

const NOW = 2_000_000_000;

/** `albums` albums of `photos` photos each, straight in D1, 20 rows a statement (100 binds at most). */
async function fill(siteId: number, albums: number, photos: number) {
  for (let a = 0; a < albums; a++) {
    await env.DB.prepare('INSERT INTO albums (site_id, slug, title, published_at, weight) VALUES (?1, ?2, ?3, 0, ?4)')
      .bind(siteId, `album-${a}`, `Album ${a}`, a)
      .run();
    for (let first = 0; first < photos; first += 20) {
      const count = Math.min(20, photos - first);
      const values = Array.from(
        { length: count },
        (_, i) => `(?1, (SELECT id FROM albums WHERE site_id = ?1 AND slug = ?2), '/p.jpg', 4, 3, 'ảnh', ?${i + 3})`,
      );
      await env.DB.prepare(`INSERT INTO photos (site_id, album_id, src, width, height, alt, weight) VALUES ${values.join(', ')}`)
        .bind(siteId, `album-${a}`, ...Array.from({ length: count }, (_, i) => first + i))
        .run();
    }
  }
}

describe('cost of the public album reads', () => {
  it('reads about three rows per album listed, and one per photo of a page, however large the site', async () => {
    const site = await createSite();
    const other = await createSite();
    await fill(site.id, 30, 40);
    await fill(other.id, 5, 40);

    const list = await albumListStatement(env.DB, site.id, NOW, START, 10).all<{ slug: string; photo_count: number; c_id: number | null }>();
    expect(list.results).toHaveLength(11); // one more than the page, to know a next page exists
    expect(list.results[0]).toMatchObject({ slug: 'album-0', photo_count: 40 });
    expect(list.results.every((row) => row.c_id !== null)).toBe(true);
    // the album row, its first photo by index, the cover photo: 3 per row
    expect(list.meta.rows_read).toBeLessThanOrEqual(3 * 11);

    const later = await albumListStatement(env.DB, site.id, NOW, { weight: 20, id: 0 }, 10).all<{ slug: string }>();
    expect(later.results[0]!.slug).toBe('album-20');
    expect(later.meta.rows_read).toBeLessThanOrEqual(3 * 11);

    const photos = await photoPageStatement(env.DB, site.id, 'album-7', NOW, START, 24).all<{ weight: number }>();
    expect(photos.results.map((row) => row.weight)).toEqual(Array.from({ length: 25 }, (_, i) => i));
    // the album lookup, 25 photo rows, and the index probe that ends the range
    expect(photos.meta.rows_read).toBeLessThanOrEqual(25 + 3);

    const lastPage = await photoPageStatement(env.DB, site.id, 'album-7', NOW, { weight: 23, id: Number.MAX_SAFE_INTEGER }, 24).all();
    expect(lastPage.results).toHaveLength(16);
    expect(lastPage.meta.rows_read).toBeLessThanOrEqual(16 + 3);

    const unpublished = await photoPageStatement(env.DB, site.id, 'album-7', -1, START, 24).all();
    expect(unpublished.results).toEqual([]);
  });
});
