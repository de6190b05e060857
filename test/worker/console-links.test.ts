// The console's link tools: an import's dry run, and checking one link now.
import { describe, expect, inject, it } from 'vitest';
import type { AdminLink, ImportPlan } from '@civic-widgets/contract';
import { adminApi, createSite, errorJson, rows, type TestSite } from './helpers.js';

const fixture = inject('fixtureOrigin');

async function siteWithDirectory(): Promise<TestSite> {
  const site = await createSite();
  const file = {
    categories: [
      {
        slug: 'so-nganh',
        title: 'Sở, ngành',
        links: [
          { title: 'Sở Tài chính', url: 'https://stc.thainguyen.gov.vn' },
          { title: 'Sở Y tế', url: 'https://syt.thainguyen.gov.vn' },
        ],
      },
      { slug: 'huyen', title: 'Huyện, thành phố', links: [{ title: 'Huyện Phú Lương', url: 'https://phuluong.thainguyen.gov.vn' }] },
    ],
  };
  expect((await adminApi(site, 'POST', '/links/import', file)).status).toBe(200);
  return site;
}

const snapshot = (site: TestSite) =>
  rows('SELECT l.title, l.url, l.weight, c.slug FROM links l JOIN link_categories c ON c.id = l.category_id WHERE l.site_id = ?1 ORDER BY l.url', site.id);

describe('POST …/links/import?dryRun=1', () => {
  it('answers what would be created, updated and removed, and writes nothing', async () => {
    const site = await siteWithDirectory();
    const before = await snapshot(site);
    const auditBefore = await rows('SELECT id FROM audit_log WHERE site_id = ?1', site.id);
    const generation = () => rows('SELECT content_generation, vote_generation FROM sites WHERE id = ?1', site.id);
    const generationBefore = await generation();
    const file = {
      categories: [
        {
          slug: 'so-nganh',
          title: 'Sở, ngành',
          links: [
            { title: 'Sở Tài chính tỉnh Thái Nguyên', url: 'https://stc.thainguyen.gov.vn' },
            { title: 'Sở Y tế', url: 'https://syt.thainguyen.gov.vn' },
            { title: 'Sở Giáo dục và Đào tạo', url: 'https://sgddt.thainguyen.gov.vn' },
          ],
        },
      ],
    };
    const response = await adminApi(site, 'POST', '/links/import?dryRun=1&replace=true', file);
    expect(response.status).toBe(200);
    const plan = await response.json<ImportPlan>();
    expect(plan.create.map((change) => [change.kind, change.key])).toEqual([['link', 'https://sgddt.thainguyen.gov.vn/']]);
    expect(plan.update.map((change) => [change.key, change.fields])).toEqual([['https://stc.thainguyen.gov.vn/', ['title']]]);
    expect(plan.remove.map((change) => [change.kind, change.key])).toEqual([
      ['link', 'https://phuluong.thainguyen.gov.vn/'],
      ['category', 'huyen'],
    ]);
    expect(await snapshot(site)).toEqual(before);
    expect(await rows('SELECT id FROM audit_log WHERE site_id = ?1', site.id)).toEqual(auditBefore);
    // nothing changed, so no cached read is passed over
    expect(await generation()).toEqual(generationBefore);

    // without replace nothing would be removed; and the real import does what the plan said
    const keep = await (await adminApi(site, 'POST', '/links/import?dryRun=1', file)).json<ImportPlan>();
    expect(keep.remove).toEqual([]);
    await adminApi(site, 'POST', '/links/import?replace=true', file);
    expect((await snapshot(site)).map((row) => row.url)).toEqual([
      'https://sgddt.thainguyen.gov.vn/',
      'https://stc.thainguyen.gov.vn/',
      'https://syt.thainguyen.gov.vn/',
    ]);
  });

  it('refuses a bad file or a bad dryRun value like the import does', async () => {
    const site = await siteWithDirectory();
    const bad = await adminApi(site, 'POST', '/links/import?dryRun=1', { categories: [{ slug: 'x', title: '', links: [] }] });
    expect(bad.status).toBe(400);
    expect((await errorJson(bad)).error.issues?.[0]?.path).toBe('categories.0.title');
    expect((await adminApi(site, 'POST', '/links/import?dryRun=maybe', { categories: [] })).status).toBe(400);
  });
});

describe('POST …/links/:id/check', () => {
  it("asks the link's server now and answers the link with its fresh health", async () => {
    const site = await createSite();
    await adminApi(site, 'POST', '/links/categories', { slug: 'lien-ket', title: 'Liên kết' });
    const ok = await (await adminApi(site, 'POST', '/links', { category: 'lien-ket', title: 'Trả lời', url: `${fixture}/status/200` })).json<AdminLink>();
    const gone = await (await adminApi(site, 'POST', '/links', { category: 'lien-ket', title: 'Mất', url: `${fixture}/status/404` })).json<AdminLink>();
    expect(ok.health).toBe('unknown');

    const checked = await adminApi(site, 'POST', `/links/${ok.id}/check`);
    expect(checked.status).toBe(200);
    const link = await checked.json<AdminLink>();
    expect(link).toMatchObject({ id: ok.id, health: 'ok', hits: 0, reports: { broken: 0, bad: 0 } });
    expect(link.checkedAt).not.toBeNull();

    // one failure is not yet "broken"; the second in a row is
    expect((await (await adminApi(site, 'POST', `/links/${gone.id}/check`)).json<AdminLink>()).health).toBe('unknown');
    expect((await (await adminApi(site, 'POST', `/links/${gone.id}/check`)).json<AdminLink>()).health).toBe('broken');

    const other = await createSite();
    expect((await adminApi(other, 'POST', `/links/${ok.id}/check`)).status).toBe(404);
    expect((await adminApi(site, 'POST', `/links/${ok.id}/check`, undefined, { token: other.token })).status).toBe(403);
  });
});
