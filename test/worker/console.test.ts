// The console's roles, tokens, sites (operator) and audit log: what a client sees and what D1 holds.
import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '@civic-widgets/contract';
import { OPERATOR_TOKEN, adminApi, api, bearer, createSite, errorJson, rows, type TestSite } from './helpers.js';

const asOperator = (site: TestSite, method: string, path: string, body?: unknown) => adminApi(site, method, path, body, { token: OPERATOR_TOKEN });

function operatorCall(method: string, path: string, body?: unknown, token = OPERATOR_TOKEN) {
  const headers: Record<string, string> = bearer(token);
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  return api(`/api/v1${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
}

type AuditItem = AuditEntry;

const auditOf = async (site: TestSite, query = '') =>
  await (await adminApi(site, 'GET', `/audit${query}`)).json<{ items: AuditItem[]; nextCursor: string | null }>();

describe('GET /api/v1/me', () => {
  it("names a site token's holder and site, and the operator", async () => {
    const site = await createSite({ name: 'Sở Thông tin và Truyền thông' });
    const mine = await api('/api/v1/me', { headers: bearer(site.token) });
    expect(mine.status).toBe(200);
    const body = await mine.json<{ role: string; label: string; site: { slug: string; name: string }; tokenId: string }>();
    expect(body).toMatchObject({ role: 'admin', label: 'test', site: { slug: site.slug, name: 'Sở Thông tin và Truyền thông' } });
    expect(body.tokenId).toMatch(/^[0-9a-f]{12}$/);

    const operator = await api('/api/v1/me', { headers: bearer(OPERATOR_TOKEN) });
    expect(await operator.json()).toEqual({ role: 'operator', label: 'operator', site: null, tokenId: null });
  });

  it('is 401 without a token or with an unknown one', async () => {
    expect((await api('/api/v1/me')).status).toBe(401);
    const unknown = await api('/api/v1/me', { headers: bearer('cw_not-a-token-of-anyone-here') });
    expect(unknown.status).toBe(401);
    expect((await errorJson(unknown)).error.code).toBe('unauthorized');
  });
});

describe('site tokens', () => {
  it('issues a token once, lists it by label without its secret, and revokes it at once', async () => {
    const site = await createSite();
    const created = await adminApi(site, 'POST', '/tokens', { label: 'Nguyễn Thị Hoa' });
    expect(created.status).toBe(201);
    const token = await created.json<{ id: string; label: string; token: string }>();
    expect(token.label).toBe('Nguyễn Thị Hoa');
    expect(token.token).toMatch(/^cw_[A-Za-z0-9_-]{43}$/);

    // the new token works, and the list marks it as the current one when it asks
    const list = await (
      await adminApi(site, 'GET', '/tokens', undefined, { token: token.token })
    ).json<{ items: { id: string; label: string; current: boolean; lastUsedAt: string | null }[] }>();
    expect(list.items.map((item) => item.label).sort()).toEqual(['Nguyễn Thị Hoa', 'test']);
    expect(list.items.find((item) => item.id === token.id)).toMatchObject({ current: true });
    expect(list.items.find((item) => item.id === token.id)!.lastUsedAt).not.toBeNull();
    expect(JSON.stringify(list)).not.toContain(token.token);

    // D1 holds only the hash
    const stored = await rows<{ token_hash: string }>('SELECT token_hash FROM site_tokens WHERE id = ?1', token.id);
    expect(stored[0]!.token_hash).toMatch(/^[0-9a-f]{64}$/);

    expect((await adminApi(site, 'DELETE', `/tokens/${token.id}`)).status).toBe(204);
    const next = await api('/api/v1/me', { headers: bearer(token.token) });
    expect(next.status).toBe(401);
    expect((await adminApi(site, 'GET', '/settings', undefined, { token: token.token })).status).toBe(401);
    expect((await adminApi(site, 'DELETE', `/tokens/${token.id}`)).status).toBe(404);
  });

  it('refuses a blank or hostile label', async () => {
    const site = await createSite();
    for (const label of ['', '   ', 'a\u0000b', 'x'.repeat(101)]) {
      const response = await adminApi(site, 'POST', '/tokens', { label });
      expect(response.status).toBe(400);
      expect((await errorJson(response)).error.issues?.[0]?.path).toBe('label');
    }
    expect(await rows('SELECT id FROM site_tokens WHERE site_id = ?1', site.id)).toHaveLength(1);
  });

  it('issuing or revoking a token moves no generation: no cached read is passed over for it', async () => {
    const site = await createSite();
    const generation = () => rows('SELECT content_generation, vote_generation FROM sites WHERE id = ?1', site.id);
    const before = await generation();
    const issued = await (await adminApi(site, 'POST', '/tokens', { label: 'Phạm An' })).json<{ id: string }>();
    expect((await adminApi(site, 'DELETE', `/tokens/${issued.id}`)).status).toBe(204);
    expect(await generation()).toEqual(before);
    // an admin's change to what readers see still does
    await adminApi(site, 'PATCH', '/settings', { name: 'Tên khác' });
    expect(await generation()).not.toEqual(before);
  });

  it("site A's token cannot read, issue or revoke site B's tokens, or read its audit log", async () => {
    const a = await createSite();
    const b = await createSite();
    const [bToken] = await rows<{ id: string }>('SELECT id FROM site_tokens WHERE site_id = ?1', b.id);
    const asA = (method: string, path: string, body?: unknown) => adminApi(b, method, path, body, { token: a.token });
    expect((await asA('GET', '/tokens')).status).toBe(403);
    expect((await asA('POST', '/tokens', { label: 'kẻ lạ' })).status).toBe(403);
    expect((await asA('DELETE', `/tokens/${bToken!.id}`)).status).toBe(403);
    expect((await asA('GET', '/audit')).status).toBe(403);
    expect(await rows('SELECT id FROM site_tokens WHERE site_id = ?1', b.id)).toHaveLength(1);
    // and the operator can
    expect((await asOperator(b, 'GET', '/tokens')).status).toBe(200);
  });
});

describe('sites (operator only)', () => {
  it('creates a site with its first token, lists it, and refuses a taken slug', async () => {
    const slug = `moi-${crypto.randomUUID().slice(0, 8)}`;
    const response = await operatorCall('POST', '/sites', {
      slug,
      name: 'UBND huyện Đồng Hỷ',
      origins: ['https://dongy.thainguyen.gov.vn'],
      tokenLabel: 'Trần Văn Nam',
    });
    expect(response.status).toBe(201);
    const created = await response.json<{ site: { slug: string; timeZone: string; language: string }; token: { id: string; token: string } }>();
    expect(created.site).toMatchObject({ slug, timeZone: 'Asia/Ho_Chi_Minh', language: 'vi' });

    const me = await (await api('/api/v1/me', { headers: bearer(created.token.token) })).json<{ site: { slug: string }; label: string }>();
    expect(me).toMatchObject({ site: { slug }, label: 'Trần Văn Nam' });

    const list = await (await operatorCall('GET', '/sites')).json<{ items: { slug: string; origins: string[] }[] }>();
    expect(list.items.find((item) => item.slug === slug)).toMatchObject({ origins: ['https://dongy.thainguyen.gov.vn'] });

    const again = await operatorCall('POST', '/sites', { slug, name: 'Khác', origins: [], tokenLabel: 'x' });
    expect(again.status).toBe(409);
    // no second token slipped onto the existing site
    expect(await rows('SELECT t.id FROM site_tokens t JOIN sites s ON s.id = t.site_id WHERE s.slug = ?1', slug)).toHaveLength(1);

    // the creation is in the new site's audit log, without the token
    const audit = await rows<{ actor: string; summary: string }>(
      'SELECT a.actor, a.summary FROM audit_log a JOIN sites s ON s.id = a.site_id WHERE s.slug = ?1',
      slug,
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor).toBe('operator');
    expect(JSON.stringify(audit)).not.toContain(created.token.token);
  });

  it('refuses a site token (403) and no token (401)', async () => {
    const site = await createSite();
    expect((await operatorCall('GET', '/sites', undefined, site.token)).status).toBe(403);
    const post = await operatorCall('POST', '/sites', { slug: 'khong-duoc', name: 'x', origins: [], tokenLabel: 'x' }, site.token);
    expect(post.status).toBe(403);
    expect((await errorJson(post)).error.code).toBe('forbidden');
    expect(await rows("SELECT id FROM sites WHERE slug = 'khong-duoc'")).toHaveLength(0);
    expect((await api('/api/v1/sites')).status).toBe(401);
  });

  it('lets the operator change any site', async () => {
    const site = await createSite();
    const response = await asOperator(site, 'PATCH', '/settings', { name: 'Đổi tên bởi trung tâm' });
    expect(response.status).toBe(200);
    expect((await rows<{ name: string }>('SELECT name FROM sites WHERE id = ?1', site.id))[0]!.name).toBe('Đổi tên bởi trung tâm');
  });

  it('refuses bad bodies with the field named', async () => {
    const cases: [unknown, string][] = [
      [{ slug: 'Bad Slug', name: 'x', origins: [], tokenLabel: 'x' }, 'slug'],
      [{ slug: 'ok-slug', name: 'x', origins: ['javascript:alert(1)'], tokenLabel: 'x' }, 'origins.0'],
      [{ slug: 'ok-slug', name: 'x', origins: [] }, 'tokenLabel'],
      [{ slug: 'ok-slug', name: 'x', origins: [], tokenLabel: 'x', timeZone: 'Mars/Olympus' }, 'timeZone'],
    ];
    for (const [body, path] of cases) {
      const response = await operatorCall('POST', '/sites', body);
      expect(response.status).toBe(400);
      expect((await errorJson(response)).error.issues?.map((issue) => issue.path)).toContain(path);
    }
    expect(await rows("SELECT id FROM sites WHERE slug = 'ok-slug'")).toHaveLength(0);
  });
});

describe('audit log', () => {
  it('records each admin write with its actor, in the same batch, and nothing for a write that changed nothing', async () => {
    const site = await createSite();
    const issued = await (await adminApi(site, 'POST', '/tokens', { label: 'Lê Thu' })).json<{ id: string; token: string }>();
    await adminApi(site, 'PATCH', '/settings', { name: 'Cổng thông tin mới' }, { token: issued.token });
    await adminApi(site, 'POST', '/albums', { slug: 'hoi-nghi', title: 'Hội nghị' }, { token: issued.token });
    // a refused write (404) and a read leave nothing
    await adminApi(site, 'DELETE', '/albums/khong-co');
    await adminApi(site, 'GET', '/settings');

    const { items } = await auditOf(site);
    expect(items.map((item) => [item.method, item.resource, item.key, item.actor])).toEqual([
      ['POST', 'albums', '', 'Lê Thu'],
      ['PATCH', 'settings', '', 'Lê Thu'],
      ['POST', 'tokens', issued.id, 'test'],
    ]);
    expect(items[1]!.summary).toBe('name');
    expect(items[1]!.tokenId).toBe(issued.id);
    // the token itself is nowhere in the log
    expect(JSON.stringify(await rows('SELECT * FROM audit_log WHERE site_id = ?1', site.id))).not.toContain(issued.token);
  });

  it('filters by resource and actor, pages with a cursor, and is site-scoped', async () => {
    const site = await createSite();
    const other = await createSite();
    for (let i = 0; i < 3; i++) await adminApi(site, 'PATCH', '/settings', { name: `Tên ${i}` });
    await asOperator(site, 'POST', '/albums', { slug: 'a1', title: 'A1' });
    await adminApi(other, 'PATCH', '/settings', { name: 'Khác' });

    const first = await auditOf(site, '?resource=settings&limit=2');
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).not.toBeNull();
    const second = await auditOf(site, `?resource=settings&limit=2&cursor=${first.nextCursor}`);
    expect(second.items).toHaveLength(1);
    expect(second.nextCursor).toBeNull();
    expect(new Set([...first.items, ...second.items].map((item) => item.id)).size).toBe(3);

    const byOperator = await auditOf(site, '?actor=operator');
    expect(byOperator.items.map((item) => item.resource)).toEqual(['albums']);
    expect(byOperator.items[0]!.tokenId).toBeNull();

    // the other site's change is not in this site's log; the operator reads either
    expect((await auditOf(site)).items.every((item) => item.summary !== '' || item.resource !== 'settings')).toBe(true);
    const otherLog = await (await asOperator(other, 'GET', '/audit')).json<{ items: AuditItem[] }>();
    expect(otherLog.items).toHaveLength(1);
    expect((await auditOf(site)).items).toHaveLength(4);

    const bad = await adminApi(site, 'GET', '/audit?since=yesterday');
    expect(bad.status).toBe(400);
    expect((await errorJson(bad)).error.issues?.[0]?.path).toBe('since');
  });

  it('no editor passes for the operator: the label is refused, and the operator filter is the rows without a token', async () => {
    const site = await createSite();
    for (const label of ['operator', ' Operator ', 'OPERATOR']) {
      const response = await adminApi(site, 'POST', '/tokens', { label });
      expect(response.status).toBe(400);
      expect((await errorJson(response)).error.issues?.map((issue) => issue.path)).toEqual(['label']);
    }
    expect(await rows('SELECT id FROM site_tokens WHERE site_id = ?1 AND lower(label) = ?2', site.id, 'operator')).toEqual([]);
    // a label stored before this check still does not count as the operator's
    await rows(
      "INSERT INTO audit_log (site_id, at, actor, token_id, method, resource, key, summary) VALUES (?1, 1, 'operator', 'aaaaaaaaaaaa', 'PATCH', 'settings', '', 'name')",
      site.id,
    );
    await asOperator(site, 'PATCH', '/settings', { name: 'Tên mới' });
    const byOperator = await auditOf(site, '?actor=operator');
    expect(byOperator.items.map((item) => [item.resource, item.tokenId])).toEqual([['settings', null]]);
  });

  it('a change that fails writes no audit row either (one batch)', async () => {
    const site = await createSite();
    await adminApi(site, 'POST', '/albums', { slug: 'trung', title: 'Một' });
    const conflict = await adminApi(site, 'POST', '/albums', { slug: 'trung', title: 'Hai' });
    expect(conflict.status).toBe(409);
    expect(await rows('SELECT id FROM audit_log WHERE site_id = ?1', site.id)).toHaveLength(1);
  });

  it('a batch write refused with 409 or 404 writes no audit row; one that changed something writes one, at its time', async () => {
    const site = await createSite();
    expect((await adminApi(site, 'POST', '/links/categories', { slug: 'tinh', title: 'Tỉnh' })).status).toBe(201);
    const link = await (
      await adminApi(site, 'POST', '/links', { category: 'tinh', title: 'Cổng tỉnh', url: 'https://thainguyen.gov.vn' })
    ).json<{ id: number }>();
    const logged = 'SELECT method, resource, key FROM audit_log WHERE site_id = ?1 ORDER BY id';
    const before = await rows(logged, site.id);
    expect(before).toHaveLength(2);

    // the category still holds a link: 409; a link that is not there: 404
    expect((await adminApi(site, 'DELETE', '/links/categories/tinh')).status).toBe(409);
    expect((await adminApi(site, 'PATCH', `/links/${link.id + 1000}`, { title: 'Không có' })).status).toBe(404);
    expect(await rows(logged, site.id)).toEqual(before);

    const started = Math.floor(Date.now() / 1000);
    expect((await adminApi(site, 'PATCH', `/links/${link.id}`, { title: 'Cổng thông tin tỉnh' })).status).toBe(200);
    expect(await rows(logged, site.id)).toEqual([...before, { method: 'PATCH', resource: 'links', key: String(link.id) }]);
    const [last] = await rows<{ at: number }>('SELECT at FROM audit_log WHERE site_id = ?1 ORDER BY id DESC LIMIT 1', site.id);
    expect(last!.at).toBeGreaterThanOrEqual(started - 1);
    expect(await rows('SELECT id FROM audit_log WHERE at < 0')).toEqual([]);
  });
});

describe('OpenAPI document', () => {
  it("describes the console's routes from the contract", async () => {
    const document = await (await api('/api/v1/openapi.json')).json<{ paths: Record<string, Record<string, unknown>> }>();
    for (const [path, methods] of Object.entries({
      '/me': ['get'],
      '/sites': ['get', 'post'],
      '/sites/{site}/tokens': ['get', 'post'],
      '/sites/{site}/tokens/{id}': ['delete'],
      '/sites/{site}/audit': ['get'],
      '/sites/{site}/albums/{album}/photos': ['get'],
      '/sites/{site}/albums/{album}/uploads': ['post'],
      '/sites/{site}/ratings': ['get'],
      '/sites/{site}/ratings-daily': ['get'],
      '/sites/{site}/ratings/{item}': ['get', 'put', 'delete'],
      '/sites/{site}/links/{link}/check': ['post'],
    })) {
      expect(Object.keys(document.paths[path] ?? {}), path).toEqual(expect.arrayContaining(methods));
    }
  });
});
