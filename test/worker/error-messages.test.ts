// A refused write says what is wrong in its message, not only in its issues: the field that is
// missing or invalid, by name. And an article sent without `publishedAt` is dated when created.
import { describe, expect, it } from 'vitest';
import type { ArticleAdmin } from '@civic-widgets/contract';
import { refusePrivateTargets } from '../../worker/src/lib/targets.js';
import { ApiError } from '../../worker/src/lib/errors.js';
import { adminApi, article, createSite, errorJson, putVote, rows } from './helpers.js';

describe('error messages name the field', () => {
  it('names a missing field of a valid JSON body', async () => {
    const site = await createSite();
    const response = await adminApi(site, 'POST', '/links/categories', { title: 'Bộ, ngành Trung ương' });
    expect(response.status).toBe(400);
    const { error } = await errorJson(response);
    expect(error.message).toBe('The field "slug" is missing.');
    expect(error.issues?.map((issue) => issue.path)).toEqual(['slug']);
    expect(await rows('SELECT * FROM link_categories WHERE site_id = ?1', site.id)).toEqual([]);
  });

  it('names the first two fields at fault and counts the rest', async () => {
    const site = await createSite();
    const response = await adminApi(site, 'POST', '/articles', { key: 'k', url: 'javascript:alert(1)', status: 'draft', author: 42 });
    expect(response.status).toBe(400);
    const { error } = await errorJson(response);
    expect(error.message).toMatch(/^The field "title" is missing; "url": .+ \(and 2 more\)\.$/);
    expect(error.issues?.map((issue) => issue.path).sort()).toEqual(['author', 'status', 'title', 'url']);
  });

  it('names the field a site-specific check refuses', async () => {
    const site = await createSite();
    const response = await adminApi(site, 'POST', '/articles', article('k', { category: 'khong-co' }));
    expect(response.status).toBe(400);
    expect((await errorJson(response)).error.message).toBe('"category": no category "khong-co" in this site.');
  });

  it('names the field of a reader’s vote', async () => {
    const site = await createSite();
    const response = await putVote(site.slug, 'tin-1', 6);
    expect(response.status).toBe(400);
    expect((await errorJson(response)).error.message).toMatch(/^"stars": /);
  });

  it('names a URL the worker refuses to fetch, and a bad cursor of the ratings list', async () => {
    let refused: unknown;
    try {
      refusePrivateTargets({}, [['url', 'http://127.0.0.1/feed.xml']]);
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(ApiError);
    expect((refused as ApiError).message).toMatch(/^"url": /);

    const site = await createSite();
    const response = await adminApi(site, 'GET', '/ratings?cursor=not-a-cursor');
    expect(response.status).toBe(400);
    const { error } = await errorJson(response);
    expect(error.message).toBe('"cursor": send a nextCursor from the previous page.');
    expect(error.issues?.map((issue) => issue.path)).toEqual(['cursor']);
  });

  it('names what is wrong with the body as a whole', async () => {
    const site = await createSite();
    const response = await adminApi(site, 'POST', '/articles', [article('k')]);
    expect(response.status).toBe(400);
    expect((await errorJson(response)).error.message).toMatch(/^The body: /);
  });
});

describe('an article without publishedAt', () => {
  it('is dated when it is created, and keeps that date when written again without one', async () => {
    const site = await createSite();
    const { publishedAt: _, ...undated } = article('khong-ngay', { title: 'Tin chưa có ngày đăng' });
    const before = Math.floor(Date.now() / 1000);
    const created = await adminApi(site, 'POST', '/articles', undated);
    expect(created.status).toBe(201);
    const after = Math.ceil(Date.now() / 1000);
    const [row] = await rows<{ published_at: number }>('SELECT published_at FROM articles WHERE site_id = ?1', site.id);
    expect(row!.published_at).toBeGreaterThanOrEqual(before);
    expect(row!.published_at).toBeLessThanOrEqual(after);
    expect(Date.parse((await created.json<ArticleAdmin>()).publishedAt) / 1000).toBe(row!.published_at);

    // a bulk write of the same article later, still without a date, changes nothing
    const again = await adminApi(site, 'POST', '/articles/bulk', { articles: [undated] });
    expect(await again.json()).toEqual({ created: 0, updated: 0, unchanged: 1 });
    expect(await rows('SELECT published_at FROM articles WHERE site_id = ?1', site.id)).toEqual([row]);
  });
});
