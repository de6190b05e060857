// /api/v1/openapi.json: the document a webmaster's tools read, generated from the contract.
import { describe, expect, it } from 'vitest';
import { api } from './helpers.js';

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
      paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: { required?: string[]; properties: Record<string, unknown> } }> } }>>;
    };
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/sites/{site}/albums', '/sites/{site}/albums/{album}', '/sites/{site}/albums/{album}/photos', '/sites/{site}/photos/{photo}', '/sites/{site}/albums/order']),
    );
    const photo = document.paths['/sites/{site}/albums/{album}/photos']!.post!.requestBody!.content['application/json']!.schema;
    expect(photo.required).toEqual(expect.arrayContaining(['src', 'width', 'height', 'alt']));
    expect(photo.properties.alt).toMatchObject({ minLength: 1 });
  });

  it('describes the link directory, its admin routes and /go/{link}', async () => {
    const document = (await (await api('/api/v1/openapi.json')).json()) as {
      paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: { properties: Record<string, unknown>; required?: string[] } }> } }>>;
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
      paths: Record<string, Record<string, { parameters?: { name: string; schema: { enum?: string[] } }[]; responses: Record<string, { content?: Record<string, { schema: { oneOf?: unknown[] } }> }> }>>;
    };
    const list = document.paths['/sites/{site}/articles']!.get!;
    expect(list.parameters!.map((p) => p.name)).toEqual(expect.arrayContaining(['admin', 'status', 'feed', 'category', 'q', 'cursor', 'limit']));
    expect(list.parameters!.find((p) => p.name === 'status')!.schema.enum).toEqual(['published', 'hidden']);
    expect(list.responses['200']!.content!['application/json']!.schema.oneOf).toHaveLength(2);
    expect(Object.keys(list.responses)).toEqual(expect.arrayContaining(['400', '401', '403']));
    expect(JSON.stringify(document.paths['/sites/{site}/feeds']!.get!.responses['200'])).toContain('articleCount');
  });
});
