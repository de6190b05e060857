// The typed client (@civic-widgets/client, Hono's hc over AppType) against the whole worker: a
// public read and an admin write go through it, and a wrong body does not typecheck.
import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { createClient } from '@civic-widgets/client';
import type { Category, CategoryList, RatingSummary } from '@civic-widgets/contract';
import { createSite, PORTAL, WORKER } from './helpers.js';

const client = createClient(WORKER, { fetch: (input: RequestInfo | URL, init?: RequestInit) => exports.default.fetch(new Request(input, init)) });
const sites = client.api.v1.sites[':site'];

describe('the typed client', () => {
  it('creates a category as the site admin, then reads it from the public list', async () => {
    const site = await createSite();
    const created = await sites.categories.$post(
      { param: { site: site.slug }, json: { slug: 'tin-tuc', title: 'Tin tức' } },
      { headers: { Authorization: `Bearer ${site.token}` } },
    );
    expect(created.status).toBe(201);
    const category: Category = await created.json();
    expect(category).toEqual({ slug: 'tin-tuc', title: 'Tin tức', parent: null, weight: 0 });

    const list = await sites.categories.$get({ param: { site: site.slug } }, { headers: { Origin: PORTAL } });
    expect(list.status).toBe(200);
    expect(((await list.json()) as CategoryList).items.map((item) => item.slug)).toEqual(['tin-tuc']);
  });

  it('sends no token unless given one: the write is refused', async () => {
    const site = await createSite();
    const refused = await sites.categories.$post({ param: { site: site.slug }, json: { slug: 'tin-tuc', title: 'Tin tức' } });
    expect(refused.status).toBe(401);
  });

  it('passes path params as given: a caller encodes an item key, as for any URL', async () => {
    const site = await createSite();
    const key = '/tin-tuc/bai-1.html?id=7';
    // hc puts a param into the path as it is, so a key with / or ? must be encoded first
    expect(sites.ratings[':item'].$url({ param: { site: site.slug, item: key } }).pathname).toBe(`/api/v1/sites/${site.slug}/ratings//tin-tuc/bai-1.html`);
    const item = encodeURIComponent(key);
    expect(sites.ratings[':item'].$url({ param: { site: site.slug, item } }).pathname).toBe(`/api/v1/sites/${site.slug}/ratings/${item}`);
    const summary = await sites.ratings[':item'].$get({ param: { site: site.slug, item } }, { headers: { Origin: PORTAL } });
    expect(summary.status).toBe(200);
    expect((await summary.json()) as RatingSummary).toEqual({ item: key, average: 0, count: 0, total: 0 });
  });

  it('refuses a wrong body at typecheck time', () => {
    // Never called: tsc -p test/worker fails if a title that is not a string stops being an error.
    const wrong = () =>
      // @ts-expect-error title must be a string
      sites.categories.$post({ param: { site: 'phuluong' }, json: { slug: 'tin-tuc', title: 42 } });
    expect(typeof wrong).toBe('function');
  });
});
