// /api/v1/sites/:site/links: the public directory, the admin's writes, import and export, checked
// against what the responses say and what D1 holds. Every test makes its own site.
import { beforeAll, describe, expect, it } from 'vitest';
import type { AdminLink, DirectoryExport, LinkDirectory } from '../../packages/contract/src/index.js';
import { FOREIGN, PORTAL, adminCall, api, bearer, createSite, errorJson, rows, type TestSite } from './helpers.js';

const linksPath = (site: TestSite, rest = '') => `/api/v1/sites/${site.slug}/links${rest}`;
const directory = async (site: TestSite, query = '') => (await api(linksPath(site, query))).json<LinkDirectory>();

async function addCategory(site: TestSite, slug: string, title: string, weight?: number) {
  const response = await adminCall(site, 'POST', '/links/categories', { slug, title, weight });
  expect(response.status, await response.clone().text()).toBe(201);
  return response.json();
}

async function addLink(site: TestSite, link: Record<string, unknown>): Promise<AdminLink> {
  const response = await adminCall(site, 'POST', '/links', link);
  expect(response.status, await response.clone().text()).toBe(201);
  return response.json<AdminLink>();
}

/** Two categories and three links, as a portal's "Liên kết Website" would have them. */
async function sampleDirectory(site: TestSite) {
  await addCategory(site, 'tinh', 'Tỉnh Thái Nguyên');
  await addCategory(site, 'bo-nganh', 'Bộ, ngành Trung ương');
  const province = await addLink(site, { category: 'tinh', title: 'Cổng thông tin điện tử tỉnh Thái Nguyên', url: 'https://thainguyen.gov.vn' });
  const government = await addLink(site, { category: 'bo-nganh', title: 'Cổng thông tin điện tử Chính phủ', url: 'https://chinhphu.vn/' });
  const agriculture = await addLink(site, {
    category: 'bo-nganh',
    title: 'Bộ Nông nghiệp và Môi trường',
    url: 'https://mae.gov.vn/',
    description: 'Quản lý nhà nước về nông nghiệp',
    logo: 'https://mae.gov.vn/logo.png',
  });
  return { province, government, agriculture };
}

const linkRows = (site: TestSite) =>
  rows('SELECT id, title, url, description, logo_url, weight, hits, health FROM links WHERE site_id = ?1 ORDER BY id', site.id);

describe('the public directory', () => {
  it('groups links by category, each in weight order, with new ones last', async () => {
    const site = await createSite();
    const { province, government, agriculture } = await sampleDirectory(site);
    expect(province).toMatchObject({
      category: 'tinh',
      url: 'https://thainguyen.gov.vn/',
      weight: 0,
      hits: 0,
      health: 'unknown',
      checkedAt: null,
      logo: null,
      description: '',
    });
    expect(agriculture.weight).toBe(1);

    const response = await api(linksPath(site));
    expect(response.status).toBe(200);
    expect(response.headers.get('Cache-Control')).toBe('public, max-age=60');
    expect(await response.json()).toEqual({
      categories: [
        {
          slug: 'tinh',
          title: 'Tỉnh Thái Nguyên',
          links: [
            {
              id: province.id,
              title: 'Cổng thông tin điện tử tỉnh Thái Nguyên',
              url: 'https://thainguyen.gov.vn/',
              description: '',
              logo: null,
              health: 'unknown',
            },
          ],
        },
        {
          slug: 'bo-nganh',
          title: 'Bộ, ngành Trung ương',
          links: [
            { id: government.id, title: 'Cổng thông tin điện tử Chính phủ', url: 'https://chinhphu.vn/', description: '', logo: null, health: 'unknown' },
            {
              id: agriculture.id,
              title: 'Bộ Nông nghiệp và Môi trường',
              url: 'https://mae.gov.vn/',
              description: 'Quản lý nhà nước về nông nghiệp',
              logo: 'https://mae.gov.vn/logo.png',
              health: 'unknown',
            },
          ],
        },
      ],
    });
  });

  it('answers one category, and nothing for a category it does not have', async () => {
    const site = await createSite();
    await sampleDirectory(site);
    const one = await directory(site, '?category=bo-nganh');
    expect(one.categories.map((category) => [category.slug, category.links.length])).toEqual([['bo-nganh', 2]]);
    expect(await directory(site, '?category=khong-co')).toEqual({ categories: [] });
    const bad = await api(linksPath(site, '?category=<script>'));
    expect(bad.status).toBe(400);
    expect((await errorJson(bad)).error.issues?.[0]?.path).toBe('category');
  });

  it('leaves out empty categories, and is empty for a site without links', async () => {
    const site = await createSite();
    expect(await directory(site)).toEqual({ categories: [] });
    await addCategory(site, 'trong', 'Chưa có liên kết');
    expect(await directory(site)).toEqual({ categories: [] });
  });

  it('sends an ETag and answers If-None-Match with 304, until the directory changes', async () => {
    const site = await createSite();
    const { province } = await sampleDirectory(site);
    const first = await api(linksPath(site));
    const etag = first.headers.get('ETag')!;
    expect(etag).toMatch(/^"[0-9a-f]{32}"$/);
    const again = await api(linksPath(site), { headers: { 'If-None-Match': etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');

    await adminCall(site, 'PATCH', `/links/${province.id}`, { title: 'Cổng TTĐT tỉnh Thái Nguyên' });
    const changed = await api(linksPath(site), { headers: { 'If-None-Match': etag } });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('ETag')).not.toBe(etag);
  });

  it('keeps sites apart', async () => {
    const siteA = await createSite();
    const siteB = await createSite();
    await sampleDirectory(siteA);
    expect(await directory(siteB)).toEqual({ categories: [] });
    // the same slugs and URLs are free on another site
    await sampleDirectory(siteB);
    expect((await directory(siteB)).categories).toHaveLength(2);
  });

  it('answers CORS for the site’s origins only', async () => {
    const site = await createSite();
    const allowed = await api(linksPath(site), { headers: { Origin: PORTAL } });
    expect(allowed.headers.get('Access-Control-Allow-Origin')).toBe(PORTAL);
    const foreign = await api(linksPath(site), { headers: { Origin: FOREIGN } });
    expect(foreign.headers.get('Access-Control-Allow-Origin')).toBeNull();
  });
});

describe('the admin’s writes', () => {
  it('stores hostile-looking titles as plain text, exactly', async () => {
    const site = await createSite();
    await addCategory(site, 'x', '<img src=x onerror=alert(1)>');
    const title = '<script>alert("xss")</script> & “Sở”';
    await addLink(site, { category: 'x', title, url: 'https://example.gov.vn/?a=1&b=<2>' });
    const { categories } = await directory(site);
    expect(categories[0]!.title).toBe('<img src=x onerror=alert(1)>');
    expect(categories[0]!.links[0]).toMatchObject({ title, url: 'https://example.gov.vn/?a=1&b=%3C2%3E' });
  });

  it('updates a link; a new URL starts its health over and drops the reports about the old one', async () => {
    const site = await createSite();
    const { government } = await sampleDirectory(site);
    await rows(`UPDATE links SET health = 'broken', failures = 3, checked_at = 1000, due_at = 999999999999 WHERE id = ?1`, government.id);
    await rows(`INSERT INTO link_reports (site_id, link_id, reader_key, reason, reported_at) VALUES (?1, ?2, 'k', 'broken', 1)`, site.id, government.id);

    // a change that keeps the URL keeps the health
    const renamed = await adminCall(site, 'PATCH', `/links/${government.id}`, { title: 'Chính phủ', logo: 'https://chinhphu.vn/logo.svg', weight: 7 });
    expect(renamed.status).toBe(200);
    expect(await renamed.json()).toMatchObject({
      title: 'Chính phủ',
      logo: 'https://chinhphu.vn/logo.svg',
      weight: 7,
      health: 'broken',
      reports: { broken: 1, bad: 0 },
    });

    const moved = await adminCall(site, 'PATCH', `/links/${government.id}`, { url: 'https://baochinhphu.vn', category: 'tinh', logo: null });
    expect(moved.status).toBe(200);
    expect(await moved.json()).toMatchObject({
      category: 'tinh',
      url: 'https://baochinhphu.vn/',
      logo: null,
      health: 'unknown',
      checkedAt: null,
      reports: { broken: 0, bad: 0 },
    });
    expect(await rows('SELECT failures, due_at FROM links WHERE id = ?1', government.id)).toEqual([{ failures: 0, due_at: 0 }]);
  });

  it('leaves the fields an update does not name as they were', async () => {
    const site = await createSite();
    const { agriculture } = await sampleDirectory(site);
    const response = await adminCall(site, 'PATCH', `/links/${agriculture.id}`, { title: 'Bộ Nông nghiệp' });
    expect(await response.json()).toEqual({ ...agriculture, title: 'Bộ Nông nghiệp' });
  });

  it('deletes a link with its clicks and reports', async () => {
    const site = await createSite();
    const { province, government } = await sampleDirectory(site);
    await rows(`INSERT INTO link_clicks (site_id, link_id, reader_key, clicked_at) VALUES (?1, ?2, 'k', 1)`, site.id, province.id);
    await rows(`INSERT INTO link_reports (site_id, link_id, reader_key, reason, reported_at) VALUES (?1, ?2, 'k', 'bad', 1)`, site.id, province.id);
    const response = await adminCall(site, 'DELETE', `/links/${province.id}`);
    expect(response.status).toBe(204);
    expect((await linkRows(site)).map((row) => row.id)).not.toContain(province.id);
    expect(await rows('SELECT * FROM link_clicks WHERE site_id = ?1', site.id)).toEqual([]);
    expect(await rows('SELECT * FROM link_reports WHERE site_id = ?1', site.id)).toEqual([]);
    expect((await adminCall(site, 'DELETE', `/links/${province.id}`)).status).toBe(404);
    expect((await adminCall(site, 'GET', `/links/${government.id}`)).status).toBe(200);
  });

  it('deletes a category only once it is empty', async () => {
    const site = await createSite();
    const { province } = await sampleDirectory(site);
    const full = await adminCall(site, 'DELETE', '/links/categories/tinh');
    expect(full.status).toBe(409);
    expect((await errorJson(full)).error.code).toBe('conflict');
    await adminCall(site, 'DELETE', `/links/${province.id}`);
    expect((await adminCall(site, 'DELETE', '/links/categories/tinh')).status).toBe(204);
    expect((await adminCall(site, 'DELETE', '/links/categories/tinh')).status).toBe(404);
    expect(await rows('SELECT slug FROM link_categories WHERE site_id = ?1', site.id)).toEqual([{ slug: 'bo-nganh' }]);
  });

  it('renames and re-weights a category, and refuses a slug that is taken', async () => {
    const site = await createSite();
    await sampleDirectory(site);
    const response = await adminCall(site, 'PATCH', '/links/categories/tinh', { slug: 'dia-phuong', title: 'Địa phương', weight: 9 });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ slug: 'dia-phuong', title: 'Địa phương', weight: 9 });
    expect((await directory(site)).categories.map((category) => category.slug)).toEqual(['bo-nganh', 'dia-phuong']);
    expect((await adminCall(site, 'PATCH', '/links/categories/dia-phuong', { slug: 'bo-nganh' })).status).toBe(409);
    expect((await adminCall(site, 'POST', '/links/categories', { slug: 'bo-nganh', title: 'Again' })).status).toBe(409);
    expect((await adminCall(site, 'PATCH', '/links/categories/khong-co', { title: 'x' })).status).toBe(404);
  });

  it('reorders categories and links in one go', async () => {
    const site = await createSite();
    const { province, government, agriculture } = await sampleDirectory(site);
    const response = await adminCall(site, 'PUT', '/links/order', { categories: ['bo-nganh', 'tinh'], links: [agriculture.id, government.id] });
    expect(response.status).toBe(200);
    const { categories } = await directory(site);
    expect(categories.map((category) => [category.slug, category.links.map((link) => link.id)])).toEqual([
      ['bo-nganh', [agriculture.id, government.id]],
      ['tinh', [province.id]],
    ]);
  });

  it('refuses to reorder what is not the site’s own, and changes nothing', async () => {
    const site = await createSite();
    const other = await createSite();
    const { government, agriculture } = await sampleDirectory(site);
    const { province: foreignLink } = await sampleDirectory(other);
    const before = await linkRows(site);
    const response = await adminCall(site, 'PUT', '/links/order', { categories: ['tinh', 'khong-co'], links: [agriculture.id, foreignLink.id, government.id] });
    expect(response.status).toBe(400);
    expect((await errorJson(response)).error.issues?.map((issue) => issue.path)).toEqual(['categories.1', 'links.1']);
    expect(await linkRows(site)).toEqual(before);
    for (const body of [{}, { links: [1, 1] }, { categories: 'tinh' }, { links: [1.5] }]) {
      expect((await adminCall(site, 'PUT', '/links/order', body)).status, JSON.stringify(body)).toBe(400);
    }
  });

  it('refuses a URL the site lists already, and a category it does not have', async () => {
    const site = await createSite();
    await sampleDirectory(site);
    const twice = await adminCall(site, 'POST', '/links', { category: 'tinh', title: 'Again', url: 'https://thainguyen.gov.vn/' });
    expect(twice.status).toBe(409);
    const noCategory = await adminCall(site, 'POST', '/links', { category: 'khong-co', title: 'X', url: 'https://x.gov.vn/' });
    expect(noCategory.status).toBe(400);
    expect((await errorJson(noCategory)).error.issues).toEqual([{ path: 'category', message: 'no category "khong-co" on this site' }]);
    expect(await linkRows(site)).toHaveLength(3);
  });

  const badLinks: { name: string; body: unknown; path?: string; alsoAsUpdate?: false }[] = [
    { name: 'a javascript: URL', body: { url: 'javascript:alert(1)' }, path: 'url' },
    { name: 'a javascript: URL in capitals, behind spaces', body: { url: '  JavaScript:alert(1)' }, path: 'url' },
    { name: 'a data: URL', body: { url: 'data:text/html,<script>alert(1)</script>' }, path: 'url' },
    { name: 'a relative URL', body: { url: '/tin-tuc' }, path: 'url' },
    { name: 'a protocol-relative URL', body: { url: '//evil.test/' }, path: 'url' },
    { name: 'an ftp URL', body: { url: 'ftp://x.gov.vn/' }, path: 'url' },
    { name: 'a URL with credentials', body: { url: 'https://thainguyen.gov.vn@evil.test/' }, path: 'url' },
    { name: 'a URL with a tab inside', body: { url: 'https://x.gov\t.vn/' }, path: 'url' },
    { name: 'a URL of 2,049 characters', body: { url: `https://x.gov.vn/${'a'.repeat(2032)}` }, path: 'url' },
    { name: 'a javascript: logo', body: { logo: 'javascript:alert(1)' }, path: 'logo' },
    { name: 'an empty title', body: { title: '   ' }, path: 'title' },
    { name: 'a title with a control character', body: { title: 'Sở\u0000' }, path: 'title' },
    { name: 'a title of 201 characters', body: { title: 'x'.repeat(201) }, path: 'title' },
    { name: 'a description of 501 characters', body: { description: 'x'.repeat(501) }, path: 'description' },
    { name: 'a fractional weight', body: { weight: 1.5 }, path: 'weight' },
    { name: 'a category slug with capitals', body: { category: 'Tinh' }, path: 'category' },
    { name: 'an unknown field', body: { hits: 1000 } },
    { name: 'a description with a control character', body: { description: 'Sở\u0007' }, path: 'description' },
    { name: 'a missing URL', body: { url: undefined }, path: 'url', alsoAsUpdate: false },
  ];

  describe('refusing bad links', () => {
    // the cases write nothing, so they share one site
    let site: TestSite;
    let existing: AdminLink;
    beforeAll(async () => {
      site = await createSite();
      await addCategory(site, 'tinh', 'Tỉnh');
      existing = await addLink(site, { category: 'tinh', title: 'Sở Y tế', url: 'https://soyte.thainguyen.gov.vn/' });
    });

    it.each(badLinks)('refuses $name with a 400 naming the field, and writes nothing', async ({ body, path, alsoAsUpdate = true }) => {
      const before = await linkRows(site);
      const link = { category: 'tinh', title: 'Sở Nông nghiệp', url: 'https://snnptnt.thainguyen.gov.vn/', ...(body as object) };
      const response = await adminCall(site, 'POST', '/links', link);
      expect(response.status).toBe(400);
      const error = await errorJson(response);
      expect(error.error.code).toBe('validation_failed');
      if (path) expect(error.error.issues?.map((issue) => issue.path)).toContain(path);
      expect(await linkRows(site)).toEqual(before);

      // and the same as an update of an existing link
      if (!alsoAsUpdate) return;
      const { category: _category, ...update } = link;
      const patch = await adminCall(site, 'PATCH', `/links/${existing.id}`, { ...update, ...(body as object) });
      expect(patch.status).toBe(400);
      expect(await linkRows(site)).toEqual(before);
    });
  });

  it('refuses the wrong content type (415), an oversize body (413) and malformed JSON (400)', async () => {
    const site = await createSite();
    await addCategory(site, 'tinh', 'Tỉnh');
    const link = { category: 'tinh', title: 'X', url: 'https://x.gov.vn/' };
    expect((await adminCall(site, 'POST', '/links', JSON.stringify(link), { 'Content-Type': 'text/plain' })).status).toBe(415);
    expect((await adminCall(site, 'POST', '/links', { ...link, description: 'x'.repeat(9000) })).status).toBe(413);
    expect((await adminCall(site, 'POST', '/links', '{"title":')).status).toBe(400);
    expect(await linkRows(site)).toEqual([]);
  });

  it('answers 401 without a token and 403 with another site’s, for every admin route, and writes nothing', async () => {
    const site = await createSite();
    const other = await createSite();
    const { province } = await sampleDirectory(site);
    const before = await linkRows(site);
    const calls: [string, string, unknown?][] = [
      ['POST', '/links/categories', { slug: 'moi', title: 'Mới' }],
      ['PATCH', '/links/categories/tinh', { title: 'Đổi' }],
      ['DELETE', '/links/categories/bo-nganh'],
      ['POST', '/links', { category: 'tinh', title: 'X', url: 'https://x.gov.vn/' }],
      ['GET', `/links/${province.id}`],
      ['PATCH', `/links/${province.id}`, { title: 'Đổi' }],
      ['DELETE', `/links/${province.id}`],
      ['PUT', '/links/order', { links: [province.id] }],
      ['GET', '/links/export'],
      ['POST', '/links/import?replace=true', { categories: [] }],
    ];
    for (const [method, path, body] of calls) {
      const anonymous = await adminCall(site, method, path, body, { Authorization: '' });
      expect([method, path, anonymous.status]).toEqual([method, path, 401]);
      const foreign = await adminCall(site, method, path, body, bearer(other.token));
      expect([method, path, foreign.status]).toEqual([method, path, 403]);
    }
    expect(await linkRows(site)).toEqual(before);
    expect(await rows('SELECT slug, title FROM link_categories WHERE site_id = ?1 ORDER BY id', site.id)).toEqual([
      { slug: 'tinh', title: 'Tỉnh Thái Nguyên' },
      { slug: 'bo-nganh', title: 'Bộ, ngành Trung ương' },
    ]);
  });
});

/** What an import sets, without what the site itself adds (ids, hits, health, checks, reports). */
const editable = (file: DirectoryExport) =>
  file.categories.map(({ slug, title, weight, links }) => ({
    slug,
    title,
    weight,
    links: links.map(({ title, url, description, logo, weight }) => ({ title, url, description, logo, weight })),
  }));

const exportOf = async (site: TestSite, format: 'json' | 'csv' = 'json') => {
  const response = await adminCall(site, 'GET', `/links/export?format=${format}`);
  expect(response.status).toBe(200);
  return response;
};

function importFile(site: TestSite, body: string | object, type = 'application/json', query = '') {
  return adminCall(site, 'POST', `/links/import${query}`, typeof body === 'string' ? body : JSON.stringify(body), { 'Content-Type': type });
}

/** A directory with the awkward cases: commas, quotes, line breaks, Vietnamese, formula-like text. */
const trickyFile = {
  categories: [
    {
      slug: 'bo-nganh',
      title: 'Bộ, ngành "Trung ương"',
      weight: 0,
      links: [
        { title: 'Bộ Tài chính', url: 'https://mof.gov.vn/', description: 'Dòng một\nDòng hai, có dấu phẩy', logo: 'https://mof.gov.vn/logo.png', weight: 0 },
        { title: '=HYPERLINK("https://evil.test","Bấm")', url: 'https://mic.gov.vn/', description: '@SUM(1+1)', logo: null, weight: 1 },
        { title: "'=1+1 (có nháy)", url: 'https://moet.gov.vn/', description: '-bắt đầu bằng gạch', logo: null, weight: -2 },
      ],
    },
    {
      slug: 'huyen',
      title: 'Huyện, thành phố',
      weight: 1,
      links: [{ title: 'Huyện Đại Từ', url: 'https://daitu.thainguyen.gov.vn/', description: '', logo: null, weight: 0 }],
    },
  ],
};

describe('import and export', () => {
  it('round-trips the directory through JSON', async () => {
    const source = await createSite();
    const imported = await importFile(source, trickyFile);
    expect(imported.status).toBe(200);
    expect(await imported.json()).toEqual({ categories: 2, links: 4, removed: { categories: 0, links: 0 } });
    const exported = await (await exportOf(source)).json<DirectoryExport>();
    expect(editable(exported)).toEqual(
      trickyFile.categories.map((category) => ({ ...category, links: [...category.links].sort((a, b) => a.weight - b.weight) })),
    );
    expect(exported.categories[0]!.links[0]).toMatchObject({ hits: 0, health: 'unknown', checkedAt: null, reports: { broken: 0, bad: 0 } });

    // an export is itself an importable file: into another site, it gives the same directory
    const copy = await createSite();
    expect((await importFile(copy, exported)).status).toBe(200);
    expect(editable(await (await exportOf(copy)).json<DirectoryExport>())).toEqual(editable(exported));
  });

  it('round-trips the directory through CSV, quotes, line breaks and formulas included', async () => {
    const source = await createSite();
    await importFile(source, trickyFile);
    const response = await exportOf(source, 'csv');
    expect(response.headers.get('Content-Type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('Content-Disposition')).toBe(`attachment; filename="lien-ket-${source.slug}.csv"`);
    // UTF-8 with a byte-order mark, so that Excel reads Vietnamese as Vietnamese
    expect([...new Uint8Array(await response.clone().arrayBuffer()).slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = await response.text();
    expect(csv.startsWith('category,category_title,category_weight,title,url,description,logo,weight,hits,health,checked_at\r\n')).toBe(true);
    // no cell starts a formula in a spreadsheet
    expect(csv).toContain(`"'=HYPERLINK(""https://evil.test"",""Bấm"")"`);
    expect(csv).toContain(`'@SUM(1+1)`);
    expect(csv).toContain(`"Dòng một\nDòng hai, có dấu phẩy"`);
    expect(csv).not.toMatch(/(^|,)[=+@]/m);

    const copy = await createSite();
    const imported = await importFile(copy, csv, 'text/csv; charset=utf-8');
    expect(imported.status, await imported.clone().text()).toBe(200);
    const original = await (await exportOf(source)).json<DirectoryExport>();
    expect(editable(await (await exportOf(copy)).json<DirectoryExport>())).toEqual(editable(original));
    expect(await (await exportOf(copy, 'csv')).text()).toBe(csv);
  });

  it('updates what it finds by slug and URL, keeping hits and health, and adds the rest', async () => {
    const site = await createSite();
    const { province } = await sampleDirectory(site);
    await rows(`UPDATE links SET hits = 42, health = 'ok' WHERE id = ?1`, province.id);
    const response = await importFile(site, {
      categories: [
        {
          slug: 'tinh',
          title: 'Tỉnh Thái Nguyên (mới)',
          links: [
            { title: 'Cổng TTĐT tỉnh', url: 'https://thainguyen.gov.vn/' },
            { title: 'Sở Y tế', url: 'https://soyte.thainguyen.gov.vn/', weight: 1 },
          ],
        },
      ],
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ categories: 1, links: 2, removed: { categories: 0, links: 0 } });
    const link = await (await adminCall(site, 'GET', `/links/${province.id}`)).json<AdminLink>();
    expect(link).toMatchObject({ title: 'Cổng TTĐT tỉnh', hits: 42, health: 'ok' });
    const { categories } = await directory(site);
    expect(categories.map((category) => [category.title, category.links.length])).toEqual([
      ['Tỉnh Thái Nguyên (mới)', 2],
      ['Bộ, ngành Trung ương', 2],
    ]);
  });

  it('with replace=true, removes what the file does not list, clicks and reports included', async () => {
    const site = await createSite();
    const { province, government } = await sampleDirectory(site);
    await rows(`INSERT INTO link_clicks (site_id, link_id, reader_key, clicked_at) VALUES (?1, ?2, 'k', 1)`, site.id, government.id);
    const response = await importFile(
      site,
      { categories: [{ slug: 'tinh', title: 'Tỉnh', links: [{ title: 'Tỉnh', url: 'https://thainguyen.gov.vn/' }] }] },
      'application/json',
      '?replace=true',
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ categories: 1, links: 1, removed: { categories: 1, links: 2 } });
    expect((await linkRows(site)).map((row) => row.id)).toEqual([province.id]);
    expect(await rows('SELECT * FROM link_clicks WHERE site_id = ?1', site.id)).toEqual([]);
    expect(await rows('SELECT slug FROM link_categories WHERE site_id = ?1', site.id)).toEqual([{ slug: 'tinh' }]);
  });

  const badImports: { name: string; body: string | object; type?: string; status?: number; paths?: string[] }[] = [
    {
      name: 'a javascript: URL in the JSON',
      body: { categories: [{ slug: 'a', title: 'A', links: [{ title: 'X', url: 'javascript:alert(1)' }] }] },
      paths: ['categories.0.links.0.url'],
    },
    {
      name: 'the same URL twice',
      body: {
        categories: [
          {
            slug: 'a',
            title: 'A',
            links: [
              { title: 'X', url: 'https://x.gov.vn' },
              { title: 'Y', url: 'https://x.gov.vn/' },
            ],
          },
        ],
      },
      paths: ['categories.0.links.1.url'],
    },
    {
      name: 'the same slug twice',
      body: {
        categories: [
          { slug: 'a', title: 'A' },
          { slug: 'a', title: 'B' },
        ],
      },
      paths: ['categories.1.slug'],
    },
    { name: 'an unknown field', body: { categories: [], extra: 1 } },
    { name: 'malformed JSON', body: '{"categories": [' },
    {
      name: 'a CSV row with a javascript: URL',
      type: 'text/csv',
      body: 'category,category_title,title,url\r\na,A,Good,https://x.gov.vn/\r\na,A,Bad,javascript:alert(1)\r\n',
      paths: ['rows.3.url'],
    },
    {
      name: 'a CSV row without a category title',
      type: 'text/csv',
      body: 'category,category_title,title,url\nb,,X,https://x.gov.vn/\n',
      paths: ['rows.2.category_title'],
    },
    {
      name: 'a CSV weight that is no number',
      type: 'text/csv',
      body: 'category,category_title,title,url,weight\na,A,X,https://x.gov.vn/,first\n',
      paths: ['rows.2.weight'],
    },
    { name: 'a CSV without a url column', type: 'text/csv', body: 'category,category_title,title\na,A,X\n', paths: ['header'] },
    {
      name: 'a CSV with an unknown column',
      type: 'text/csv',
      body: 'category,category_title,title,url,secret\na,A,X,https://x.gov.vn/,1\n',
      paths: ['header'],
    },
    { name: 'a CSV with an unclosed quote', type: 'text/csv', body: 'category,category_title,title,url\na,A,"X,https://x.gov.vn/\n' },
    { name: 'an XML body', type: 'application/xml', body: '<links/>', status: 415 },
    { name: 'a body over 512 KiB', body: { categories: [{ slug: 'a', title: 'x'.repeat(600_000) }] }, status: 413 },
  ];

  describe('refusing bad files', () => {
    // the cases write nothing, so they share one site
    let site: TestSite;
    let before: unknown;
    beforeAll(async () => {
      site = await createSite();
      await sampleDirectory(site);
      before = await (await exportOf(site)).json();
    });

    it.each(badImports)('refuses $name and writes nothing', async ({ body, type = 'application/json', status = 400, paths }) => {
      const response = await importFile(site, body, type, '?replace=true');
      expect(response.status).toBe(status);
      const error = await errorJson(response);
      if (paths) expect(error.error.issues?.map((issue) => issue.path)).toEqual(expect.arrayContaining(paths));
      expect(await (await exportOf(site)).json()).toEqual(before);
    });
  });
});
