// /api/v1/openapi.json: the document a webmaster's tools read, generated from the app's own routes.
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { app } from '../../worker/src/index.js';
import { openapiDocument } from '../../worker/src/routes/openapi.js';
import { api, createSite, PORTAL } from './helpers.js';

interface Operation {
  operationId?: string;
  summary?: string;
  tags?: string[];
  security?: Record<string, string[]>[];
  responses: Record<string, { content?: Record<string, { schema: { $ref?: string } }> }>;
}
interface Document {
  servers: { url: string }[];
  paths: Record<string, Record<string, Operation> & { servers?: { url: string }[] }>;
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head', 'trace'];

/** Every (method, path) a Hono app serves, as the document writes them: `GET /api/v1/sites/{site}`. */
const served = (hono: { routes: { method: string; path: string }[] }) =>
  new Set(
    hono.routes
      // middleware (`use`) entries are ALL; a route's middlewares repeat its own method and path
      .filter((route) => route.method !== 'ALL')
      .map((route) => `${route.method} ${route.path.replace(/:(\w+)(\{[^}]*\})?/g, '{$1}')}`),
  );

/** Every operation of a document, its path with its server's (the document's, or the path's own). */
const operations = (document: Document) =>
  Object.entries(document.paths).flatMap(([path, item]) => {
    const base = (item.servers ?? document.servers)[0]!.url.replace(/\/$/, '');
    return Object.entries(item)
      .filter(([method]) => METHODS.includes(method))
      .map(([method, operation]) => ({ key: `${method.toUpperCase()} ${base}${path}`, operation: operation as Operation }));
  });

/** What each side lacks, as a message that names it. */
function difference(routes: Set<string>, documented: Set<string>) {
  const undocumented = [...routes].filter((key) => !documented.has(key)).sort();
  const unserved = [...documented].filter((key) => !routes.has(key)).sort();
  return `served but not documented: ${undocumented.join(', ') || 'none'}; documented but not served: ${unserved.join(', ') || 'none'}`;
}

describe('OpenAPI document', () => {
  it('describes the rating routes with the contract’s own limits', async () => {
    const response = await api('/api/v1/openapi.json');
    expect(response.status).toBe(200);
    expect(response.headers.get('ETag')).toBeTruthy();
    const document = (await response.json()) as {
      openapi: string;
      paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: { properties: Record<string, unknown> } }> } }>>;
    };
    expect(document.openapi).toBe('3.1.0');
    const rating = document.paths['/sites/{site}/ratings/{item}']!;
    expect(Object.keys(rating)).toEqual(expect.arrayContaining(['get', 'put']));
    expect(rating.put!.requestBody!.content['application/json']!.schema.properties.stars).toMatchObject({ type: 'integer', minimum: 1, maximum: 5 });
  });

  it('describes the album and photo routes, alt text required', async () => {
    const document = (await (await api('/api/v1/openapi.json')).json()) as {
      paths: Record<
        string,
        Record<string, { requestBody?: { content: Record<string, { schema: { required?: string[]; properties: Record<string, unknown> } }> } }>
      >;
    };
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/sites/{site}/albums',
        '/sites/{site}/albums/{album}',
        '/sites/{site}/albums/{album}/photos',
        '/sites/{site}/photos/{photo}',
        '/sites/{site}/albums/order',
      ]),
    );
    const photo = document.paths['/sites/{site}/albums/{album}/photos']!.post!.requestBody!.content['application/json']!.schema;
    expect(photo.required).toEqual(expect.arrayContaining(['src', 'width', 'height', 'alt']));
    expect(photo.properties.alt).toMatchObject({ minLength: 1 });
  });

  it('describes the link directory, its admin routes and /go/{link}', async () => {
    const document = (await (await api('/api/v1/openapi.json')).json()) as {
      paths: Record<
        string,
        Record<string, { requestBody?: { content: Record<string, { schema: { properties: Record<string, unknown>; required?: string[] } }> } }>
      >;
    };
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/sites/{site}/links', '/sites/{site}/links/{link}', '/sites/{site}/links/import', '/sites/{site}/links/export', '/go/{link}']),
    );
    const create = document.paths['/sites/{site}/links']!.post!.requestBody!.content['application/json']!.schema;
    expect(create.required).toEqual(expect.arrayContaining(['category', 'title', 'url']));
    expect(create.properties.title).toMatchObject({ type: 'string', maxLength: 200 });
  });

  it("describes the console's article list (admin=1, status, feed) and the feeds' article counts", async () => {
    const document = (await (await api('/api/v1/openapi.json')).json()) as {
      paths: Record<
        string,
        Record<
          string,
          {
            parameters?: { name: string; schema: { enum?: string[] } }[];
            responses: Record<string, { content?: Record<string, { schema: { oneOf?: unknown[] } }> }>;
          }
        >
      >;
    };
    const list = document.paths['/sites/{site}/articles']!.get!;
    expect(list.parameters!.map((p) => p.name)).toEqual(expect.arrayContaining(['admin', 'status', 'feed', 'category', 'q', 'cursor', 'limit']));
    expect(list.parameters!.find((p) => p.name === 'status')!.schema.enum).toEqual(['published', 'hidden']);
    expect(list.responses['200']!.content!['application/json']!.schema.oneOf).toHaveLength(2);
    expect(Object.keys(list.responses)).toEqual(expect.arrayContaining(['400', '401', '403']));
    expect(JSON.stringify(document.paths['/sites/{site}/feeds']!.get!.responses['200'])).toContain('articleCount');
  });
});

describe('OpenAPI document: generated from the routes', () => {
  it('documents every route the app serves under /api, /go and /media, and nothing else', async () => {
    const document = (await (await api('/api/v1/openapi.json')).json()) as Document;
    const routes = served(app);
    const documented = new Set(operations(document).map(({ key }) => key));
    expect([...routes].filter((key) => !/ \/(api|go|media)\//.test(key))).toEqual([]);
    expect(routes.size).toBeGreaterThan(50);
    expect(difference(routes, documented)).toBe('served but not documented: none; documented but not served: none');
  });

  it('gives every operation a unique camelCase operationId, a summary, one known tag, its security and its errors as ErrorBody', async () => {
    const document = (await (await api('/api/v1/openapi.json')).json()) as Document & { tags: { name: string }[] };
    const all = operations(document);
    const ids = all.map(({ operation }) => operation.operationId);
    expect(new Set(ids).size).toBe(all.length);
    const tags = document.tags.map((tag) => tag.name);
    for (const { key, operation } of all) {
      expect(operation.operationId, key).toMatch(/^[a-z][a-zA-Z]+$/);
      expect(operation.summary, key).toBeTruthy();
      expect(operation.tags, key).toHaveLength(1);
      expect(tags, key).toContain(operation.tags![0]);
      expect(operation.security, key).toBeDefined();
      for (const [status, response] of Object.entries(operation.responses).filter(([status]) => Number(status) >= 400)) {
        expect(response.content?.['application/json']?.schema.$ref, `${key} ${status}`).toBe('#/components/schemas/ErrorBody');
      }
    }
    const byId = Object.fromEntries(all.map(({ operation }) => [operation.operationId, operation]));
    // a reader's and the public reads need no token; the admin's and the operator's need the bearer scheme
    expect(byId.getRatingSummary!.security).toEqual([]);
    expect(byId.castVote!.security).toEqual([]);
    expect(byId.followLink!.security).toEqual([]);
    expect(byId.createCategory!.security).toEqual([{ siteToken: [] }]);
    expect(byId.listTokens!.security).toEqual([{ siteToken: [] }]);
    expect(byId.createSite!.security).toEqual([{ siteToken: [] }]);
    expect(byId.listArticles!.security).toEqual([{}, { siteToken: [] }]);
    expect(Object.keys(byId.createCategory!.responses)).toEqual(expect.arrayContaining(['201', '400', '401', '403', '404', '409', '413', '415']));
  });

  it('fails on a route that is served but not described, and on an operation whose route is gone', async () => {
    // an app with one described route and one that is not
    const { ping } = await import('../../worker/src/routes/ping.js');
    const withExtra = new Hono().route('/api/v1/ping', ping).get('/api/v1/extra/:id', (c) => c.text('undocumented'));
    const document = (await openapiDocument(withExtra as never)) as unknown as Document;
    const documented = new Set(operations(document).map(({ key }) => key));
    expect(difference(served(withExtra), documented)).toBe('served but not documented: GET /api/v1/extra/{id}; documented but not served: none');
    // and the same document against an app without the ping
    expect(difference(new Set(), documented)).toBe('served but not documented: none; documented but not served: GET /api/v1/ping');
  });
});

describe('validate(): the documented schemas check the request as before', () => {
  it('reads a repeated query key as an array (Hono’s own reading): a 400 naming the field, nothing served', async () => {
    const site = await createSite();
    const once = await api(`/api/v1/sites/${site.slug}/links?category=lien-ket`, { headers: { Origin: PORTAL } });
    expect(once.status).toBe(200);
    const twice = await api(`/api/v1/sites/${site.slug}/links?category=lien-ket&category=bo-nganh`, { headers: { Origin: PORTAL } });
    expect(twice.status).toBe(400);
    const body = (await twice.json()) as { error: { code: string; message: string; issues: { path: string; message: string }[] } };
    expect(body.error.code).toBe('validation_failed');
    expect(body.error.issues.map((issue) => issue.path)).toEqual(['category']);
    expect(body.error.message).toMatch(/^"category": .*array/);
  });
});
