// /api/v1/sites/:site (public info), /settings (admin, Bearer token) and CORS for a site's origins.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { FOREIGN, PORTAL, api, bearer, createSite, errorJson, putVote, ratingPath, rows, type TestSite } from './helpers.js';

interface SiteRow {
  slug: string;
  name: string;
  origins: string;
  time_zone: string;
  language: string;
}

const siteRow = async (site: TestSite) => (await rows<SiteRow>('SELECT slug, name, origins, time_zone, language FROM sites WHERE id = ?1', site.id))[0];

function patchSettings(site: TestSite, body: unknown, headers: Record<string, string> = bearer(site.token)) {
  return api(`/api/v1/sites/${site.slug}/settings`, {
    method: 'PATCH',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

describe('public site info', () => {
  it('answers slug, name, time zone and language, and nothing an admin alone should see', async () => {
    const site = await createSite({ name: 'Cổng TTĐT Liên minh HTX tỉnh Thái Nguyên' });
    const response = await api(`/api/v1/sites/${site.slug}`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      slug: site.slug,
      name: 'Cổng TTĐT Liên minh HTX tỉnh Thái Nguyên',
      timeZone: 'Asia/Ho_Chi_Minh',
      language: 'vi',
      turnstile: null,
    });
    expect(response.headers.get('Cache-Control')).toBe('public, max-age=300');
    const etag = response.headers.get('ETag');
    expect(etag).toMatch(/^"[0-9a-f]{32}"$/);

    const again = await api(`/api/v1/sites/${site.slug}`, { headers: { 'If-None-Match': etag! } });
    expect(again.status).toBe(304);
  });

  it('answers 404 JSON for an unknown site', async () => {
    const response = await api('/api/v1/sites/no-such-site-anywhere');
    expect(response.status).toBe(404);
    expect((await errorJson(response)).error.code).toBe('not_found');
  });
});

describe('site lookup', () => {
  it('serves a site created just after its slug was asked for and not found', async () => {
    // An admin embeds the widget, sees "not found", then creates the site: it must work at once,
    // not after the worker's site cache expires.
    const slug = `late-${Date.now().toString(36)}`;
    expect((await api(`/api/v1/sites/${slug}`)).status).toBe(404);
    await env.DB.prepare('INSERT INTO sites (slug, name) VALUES (?1, ?2)').bind(slug, 'Created late').run();
    const response = await api(`/api/v1/sites/${slug}`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ slug, name: 'Created late' });
  });
});

describe('settings', () => {
  it('GET with the site token answers the settings, origins included', async () => {
    const site = await createSite({ origins: [PORTAL, 'https://www.portal.test'] });
    const response = await api(`/api/v1/sites/${site.slug}/settings`, { headers: bearer(site.token) });
    expect(response.status).toBe(200);
    expect(response.headers.get('Cache-Control')).toBe('private, no-cache');
    expect(await response.json()).toEqual({
      slug: site.slug,
      name: `Test site ${site.slug}`,
      origins: [PORTAL, 'https://www.portal.test'],
      timeZone: 'Asia/Ho_Chi_Minh',
      language: 'vi',
      turnstile: null,
      ratingItemsPerDay: 5000,
      ratingItemsTotal: 50000,
    });
  });

  it('PATCH with the site token updates the row, and the change is seen at once', async () => {
    const site = await createSite();
    // Read first, so the worker has the site cached: the PATCH must not leave a stale copy behind.
    expect((await api(`/api/v1/sites/${site.slug}`)).status).toBe(200);

    const update = {
      name: '  Cổng TTĐT huyện Đồng Hỷ  ',
      origins: ['https://donghy.portal.test', 'http://localhost:8080'],
      timeZone: 'Asia/Bangkok',
      language: 'en',
    };
    const response = await patchSettings(site, update);
    expect(response.status).toBe(200);
    expect(response.headers.get('Cache-Control')).toBe('no-store');
    const expected = {
      slug: site.slug,
      name: 'Cổng TTĐT huyện Đồng Hỷ',
      origins: update.origins,
      timeZone: 'Asia/Bangkok',
      language: 'en',
      turnstile: null,
      ratingItemsPerDay: 5000,
      ratingItemsTotal: 50000,
    };
    expect(await response.json()).toEqual(expected);

    const row = await siteRow(site);
    expect(row).toEqual({
      slug: site.slug,
      name: 'Cổng TTĐT huyện Đồng Hỷ',
      origins: JSON.stringify(update.origins),
      time_zone: 'Asia/Bangkok',
      language: 'en',
    });

    const publicInfo = await api(`/api/v1/sites/${site.slug}`);
    expect(await publicInfo.json()).toMatchObject({ name: 'Cổng TTĐT huyện Đồng Hỷ', language: 'en' });

    // The new origin list governs writes straight away: the old portal is out, the new one in.
    expect((await putVote(site.slug, 'news-1', 4, { origin: PORTAL })).status).toBe(403);
    expect((await putVote(site.slug, 'news-1', 4, { origin: 'https://donghy.portal.test' })).status).toBe(200);
  });

  it('PATCH of one field leaves the others as they were', async () => {
    const site = await createSite();
    const before = await siteRow(site);
    const response = await patchSettings(site, { language: 'en' });
    expect(response.status).toBe(200);
    expect(await siteRow(site)).toEqual({ ...before, language: 'en' });
  });

  it('PATCH may clear the origins list', async () => {
    const site = await createSite();
    const response = await patchSettings(site, { origins: [] });
    expect(response.status).toBe(200);
    expect((await siteRow(site))!.origins).toBe('[]');
  });

  it('answers 401 without a token, and changes nothing', async () => {
    const site = await createSite();
    const before = await siteRow(site);
    const get = await api(`/api/v1/sites/${site.slug}/settings`);
    expect(get.status).toBe(401);
    expect(get.headers.get('WWW-Authenticate')).toBe('Bearer');
    expect((await errorJson(get)).error.code).toBe('unauthorized');

    const patch = await patchSettings(site, { name: 'Hacked' }, {});
    expect(patch.status).toBe(401);
    expect((await errorJson(patch)).error.code).toBe('unauthorized');

    for (const authorization of ['Basic dXNlcjpwYXNz', `Bearer`, `Bearer short`, site.token, `Bearer ${site.token} extra`]) {
      const response = await patchSettings(site, { name: 'Hacked' }, { Authorization: authorization });
      expect(response.status, authorization).toBe(401);
    }
    expect(await siteRow(site)).toEqual(before);
  });

  it('answers 401 for an unknown token, and changes nothing', async () => {
    const site = await createSite();
    const before = await siteRow(site);
    const unknown = 'tok_0000000000000000000000000000000000000000';
    const get = await api(`/api/v1/sites/${site.slug}/settings`, { headers: bearer(unknown) });
    expect(get.status).toBe(401);
    expect((await errorJson(get)).error.code).toBe('unauthorized');

    // The stored hash is not a token either.
    const hash = (await rows<{ token_hash: string }>('SELECT token_hash FROM site_tokens WHERE site_id = ?1', site.id))[0]!;
    const withHash = await patchSettings(site, { name: 'Hacked' }, bearer(hash.token_hash));
    expect(withHash.status).toBe(401);
    expect(await siteRow(site)).toEqual(before);
  });

  it("answers 403 for another site's token, and leaves that site's row as it was", async () => {
    const siteA = await createSite();
    const siteB = await createSite();
    const before = await siteRow(siteB);

    const get = await api(`/api/v1/sites/${siteB.slug}/settings`, { headers: bearer(siteA.token) });
    expect(get.status).toBe(403);
    expect((await errorJson(get)).error.code).toBe('forbidden');

    const patch = await patchSettings(siteB, { name: 'Taken over', origins: [FOREIGN] }, bearer(siteA.token));
    expect(patch.status).toBe(403);
    expect((await errorJson(patch)).error.code).toBe('forbidden');
    expect(await siteRow(siteB)).toEqual(before);
    expect(await siteRow(siteA)).toMatchObject({ name: `Test site ${siteA.slug}` });
  });

  const badUpdates: { name: string; body: unknown; path?: string; status?: number; code?: string }[] = [
    { name: 'javascript: origin', body: { origins: ['javascript:alert(1)'] }, path: 'origins.0' },
    { name: 'origin with a path', body: { origins: ['https://x.gov.vn/path'] }, path: 'origins.0' },
    { name: 'origin with a trailing slash', body: { origins: [PORTAL, 'https://x.gov.vn/'] }, path: 'origins.1' },
    { name: 'ftp origin', body: { origins: ['ftp://x.gov.vn'] }, path: 'origins.0' },
    { name: 'wildcard origin', body: { origins: ['*'] }, path: 'origins.0' },
    { name: 'data: origin', body: { origins: ['data:text/html,<script>alert(1)</script>'] }, path: 'origins.0' },
    { name: 'origin with credentials', body: { origins: ['https://user:pw@x.gov.vn'] }, path: 'origins.0' },
    { name: 'origins not an array', body: { origins: PORTAL }, path: 'origins' },
    { name: '51 origins', body: { origins: Array.from({ length: 51 }, (_, i) => `https://o${i}.gov.vn`) }, path: 'origins' },
    { name: 'empty name', body: { name: '   ' }, path: 'name' },
    { name: 'name with a control character', body: { name: 'Cổng\u0007' }, path: 'name' },
    { name: 'unknown time zone', body: { timeZone: 'Mars/Olympus' }, path: 'timeZone' },
    { name: 'unknown language', body: { language: 'fr' }, path: 'language' },
    { name: 'unknown field', body: { slug: 'renamed' } },
    { name: 'nothing to update', body: {} },
    { name: 'malformed JSON', body: '{"name":' },
    { name: 'oversize body', body: { name: 'x'.repeat(17 * 1024) }, status: 413, code: 'payload_too_large' },
  ];

  it.each(badUpdates)('PATCH refuses $name, and changes nothing', async ({ body, path, status = 400, code = 'validation_failed' }) => {
    const site = await createSite();
    const before = await siteRow(site);
    const response = await patchSettings(site, body);
    expect(response.status).toBe(status);
    const error = await errorJson(response);
    expect(error.error.code).toBe(code);
    if (path) expect(error.error.issues?.map((issue) => issue.path)).toContain(path);
    expect(await siteRow(site)).toEqual(before);
  });

  it('PATCH refuses a text/plain body with 415', async () => {
    const site = await createSite();
    const before = await siteRow(site);
    const response = await api(`/api/v1/sites/${site.slug}/settings`, {
      method: 'PATCH',
      headers: { 'Content-Type': 'text/plain', ...bearer(site.token) },
      body: JSON.stringify({ name: 'Plain' }),
    });
    expect(response.status).toBe(415);
    expect((await errorJson(response)).error.code).toBe('unsupported_media_type');
    expect(await siteRow(site)).toEqual(before);
  });

  it('stores a hostile-looking name as plain text', async () => {
    const site = await createSite();
    const name = '<script>alert(1)</script> & "quotes"';
    const response = await patchSettings(site, { name });
    expect(response.status).toBe(200);
    expect((await siteRow(site))!.name).toBe(name);
    expect(await (await api(`/api/v1/sites/${site.slug}`)).json()).toMatchObject({ name });
  });
});

describe('CORS', () => {
  it('echoes an allowed Origin on reads, and gives a foreign one nothing', async () => {
    const site = await createSite();
    for (const path of [`/api/v1/sites/${site.slug}`, ratingPath(site.slug, 'news-cors')]) {
      const allowed = await api(path, { headers: { Origin: PORTAL } });
      expect(allowed.status).toBe(200);
      expect(allowed.headers.get('Access-Control-Allow-Origin')).toBe(PORTAL);
      expect(allowed.headers.get('Vary')).toMatch(/Origin/i);
      expect(allowed.headers.get('Access-Control-Expose-Headers')).toMatch(/ETag/i);

      const foreign = await api(path, { headers: { Origin: FOREIGN } });
      expect(foreign.status).toBe(200);
      expect(foreign.headers.get('Access-Control-Allow-Origin')).toBeNull();
    }
  });

  it('answers a preflight from an allowed origin with the allowed methods and headers', async () => {
    const site = await createSite();
    const response = await api(ratingPath(site.slug, 'news-preflight'), {
      method: 'OPTIONS',
      headers: {
        Origin: PORTAL,
        'Access-Control-Request-Method': 'PUT',
        'Access-Control-Request-Headers': 'content-type',
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('Access-Control-Allow-Origin')).toBe(PORTAL);
    const methods = (response.headers.get('Access-Control-Allow-Methods') ?? '').split(/\s*,\s*/);
    expect(methods).toEqual(expect.arrayContaining(['GET', 'PUT', 'PATCH']));
    expect(response.headers.get('Access-Control-Allow-Headers')).toMatch(/Content-Type/i);
    expect(response.headers.get('Access-Control-Max-Age')).toBe('86400');
  });

  it('gives a preflight from a foreign origin no Allow-Origin', async () => {
    const site = await createSite();
    const response = await api(ratingPath(site.slug, 'news-preflight'), {
      method: 'OPTIONS',
      headers: { Origin: FOREIGN, 'Access-Control-Request-Method': 'PUT' },
    });
    expect(response.status).toBeLessThan(500);
    expect(response.headers.get('Access-Control-Allow-Origin')).toBeNull();
  });

  it("allows the origins of the site it is asked about, not another site's", async () => {
    const siteA = await createSite({ origins: ['https://a.portal.test'] });
    const siteB = await createSite({ origins: ['https://b.portal.test'] });
    const response = await api(`/api/v1/sites/${siteB.slug}`, { headers: { Origin: 'https://a.portal.test' } });
    expect(response.headers.get('Access-Control-Allow-Origin')).toBeNull();
    const own = await api(`/api/v1/sites/${siteA.slug}`, { headers: { Origin: 'https://a.portal.test' } });
    expect(own.headers.get('Access-Control-Allow-Origin')).toBe('https://a.portal.test');
  });
});
