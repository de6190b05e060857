// /api/v1/sites/:site/albums and /photos through the whole worker: the public reads (albums with
// cover and count, an album's photos page by page, ETag) and the admin's writes (site token),
// checked against what the response says and what D1 holds.
import { describe, expect, it } from 'vitest';
import { FOREIGN, PORTAL, WORKER, api, createSite, errorJson, rows, type TestSite } from './helpers.js';
import type { AdminPhoto } from '@civic-widgets/contract';

interface Photo {
  id: number;
  src: string;
  width: number;
  height: number;
  alt: string;
  caption: string;
  credit: string;
  takenAt: string | null;
  thumbnail: { src: string; width: number } | null;
  variants: { src: string; width: number }[];
}
interface Album {
  slug: string;
  title: string;
  description: string;
  publishedAt: string;
  photoCount: number;
  cover: Photo | null;
}

const base = (site: TestSite) => `/api/v1/sites/${site.slug}`;
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/** An admin call with a JSON body (or `raw` text), with the site's own token unless told otherwise. */
function admin(site: TestSite, method: string, path: string, body?: unknown, headers: Record<string, string> = bearer(site.token)) {
  return api(`${base(site)}${path}`, {
    method,
    headers: { 'Content-Type': 'application/json', ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
}

async function newAlbum(site: TestSite, slug: string, fields: Record<string, unknown> = {}): Promise<Album> {
  const response = await admin(site, 'POST', '/albums', { slug, title: `Album ${slug}`, ...fields });
  expect(response.status, await response.clone().text()).toBe(201);
  return response.json();
}

const photoBody = (n: number, fields: Record<string, unknown> = {}) => ({
  src: `/img/photos/p${n}.svg`,
  width: 1200,
  height: 800,
  alt: `Ảnh số ${n}: đồi chè Tân Cương`,
  ...fields,
});

async function newPhoto(site: TestSite, album: string, n: number, fields: Record<string, unknown> = {}): Promise<Photo> {
  const response = await admin(site, 'POST', `/albums/${album}/photos`, photoBody(n, fields));
  expect(response.status, await response.clone().text()).toBe(201);
  return response.json();
}

const albumRows = (site: TestSite) =>
  rows<{ slug: string; title: string; photo_count: number; cover_photo_id: number | null; weight: number }>(
    'SELECT slug, title, photo_count, cover_photo_id, weight FROM albums WHERE site_id = ?1 ORDER BY weight, id',
    site.id,
  );
const photoRows = (site: TestSite) =>
  rows<{ id: number; alt: string; src: string; album: string; weight: number }>(
    'SELECT p.id, p.alt, p.src, a.slug AS album, p.weight FROM photos p JOIN albums a ON a.id = p.album_id WHERE p.site_id = ?1 ORDER BY a.slug, p.weight, p.id',
    site.id,
  );

/** What D1 holds for a site's albums and photos, to compare before and after a refused write. */
const snapshot = async (site: TestSite) => ({ albums: await albumRows(site), photos: await photoRows(site) });

describe('albums and photos, written by the admin and read by anyone', () => {
  it('creates an album and photos, and answers the album with its cover, count and photos in order', async () => {
    const site = await createSite();
    const created = await newAlbum(site, 'dai-hoi-2018', {
      title: 'Đại hội Liên minh HTX tỉnh',
      description: 'Nhiệm kỳ 2018–2023',
      publishedAt: '2018-04-19T15:00:00+07:00',
    });
    expect(created).toEqual({
      slug: 'dai-hoi-2018',
      title: 'Đại hội Liên minh HTX tỉnh',
      description: 'Nhiệm kỳ 2018–2023',
      publishedAt: '2018-04-19T08:00:00.000Z',
      photoCount: 0,
      cover: null,
    });

    const first = await newPhoto(site, 'dai-hoi-2018', 1, {
      caption: 'Quang cảnh đại hội',
      credit: 'Liên minh HTX tỉnh',
      takenAt: '2018-04-19T09:30:00+07:00',
      thumbnail: { src: '/img/photos/p1-360.png', width: 360 },
      variants: [{ src: 'https://cdn.example.gov.vn/p1-2400.jpg', width: 2400 }],
    });
    // a path on the widget server comes back as an absolute URL on the origin asked
    expect(first).toEqual({
      id: expect.any(Number),
      album: 'dai-hoi-2018',
      src: `${WORKER}/img/photos/p1.svg`,
      width: 1200,
      height: 800,
      alt: 'Ảnh số 1: đồi chè Tân Cương',
      caption: 'Quang cảnh đại hội',
      credit: 'Liên minh HTX tỉnh',
      takenAt: '2018-04-19T02:30:00.000Z',
      thumbnail: { src: `${WORKER}/img/photos/p1-360.png`, width: 360 },
      variants: [{ src: 'https://cdn.example.gov.vn/p1-2400.jpg', width: 2400 }],
      // the admin's answer also says what the console needs (a photo given by URL is published)
      published: true,
      weight: 0,
      stored: false,
    });
    const second = await newPhoto(site, 'dai-hoi-2018', 2);
    expect(second).toMatchObject({ caption: '', credit: '', takenAt: null, thumbnail: null, variants: [] });
    const { album: _, published: _p, weight: _w, stored: _s, ...firstPublic } = first as AdminPhoto & { album: string };

    const response = await api(`${base(site)}/albums/dai-hoi-2018`);
    expect(response.status).toBe(200);
    expect(response.headers.get('Cache-Control')).toBe('public, max-age=60');
    const page = await response.json<{ album: Album; photos: Photo[]; nextCursor: string | null }>();
    expect(page.album).toMatchObject({ slug: 'dai-hoi-2018', photoCount: 2, cover: firstPublic });
    expect(page.photos).toEqual([firstPublic, expect.objectContaining({ id: second.id })]);
    expect(page.photos[1]).not.toHaveProperty('album');
    expect(page.nextCursor).toBeNull();

    expect(await albumRows(site)).toEqual([{ slug: 'dai-hoi-2018', title: 'Đại hội Liên minh HTX tỉnh', photo_count: 2, cover_photo_id: null, weight: 0 }]);
    expect((await photoRows(site)).map((row) => [row.src, row.weight])).toEqual([
      ['/img/photos/p1.svg', 0],
      ['/img/photos/p2.svg', 1],
    ]);
  });

  it('lists the site’s albums newest first with cover and count, hides scheduled ones, and answers If-None-Match with 304', async () => {
    const site = await createSite();
    await newAlbum(site, 'cu', { title: 'Album cũ' });
    await newAlbum(site, 'moi', { title: 'Album mới' });
    await newAlbum(site, 'sap-toi', { publishedAt: '2999-01-01T00:00:00Z' });
    const photo = await newPhoto(site, 'cu', 1);

    const response = await api(`${base(site)}/albums`);
    expect(response.status).toBe(200);
    const list = await response.json<{ items: Album[]; nextCursor: string | null }>();
    expect(list.items.map((album) => [album.slug, album.photoCount, album.cover?.id ?? null])).toEqual([
      ['moi', 0, null],
      ['cu', 1, photo.id],
    ]);
    expect(list.nextCursor).toBeNull();

    const etag = response.headers.get('ETag');
    expect(etag).toMatch(/^"[0-9a-f]{32}"$/);
    expect((await api(`${base(site)}/albums`, { headers: { 'If-None-Match': etag! } })).status).toBe(304);
    await newPhoto(site, 'moi', 2);
    const changed = await api(`${base(site)}/albums`, { headers: { 'If-None-Match': etag! } });
    expect(changed.status).toBe(200);

    // a scheduled album is not public yet, by itself or by its photos
    expect((await api(`${base(site)}/albums/sap-toi`)).status).toBe(404);
    const hidden = await newPhoto(site, 'sap-toi', 3);
    expect((await api(`${base(site)}/photos/${hidden.id}`)).status).toBe(404);
  });

  it('pages a large album and the albums list with limit and nextCursor', async () => {
    const site = await createSite();
    await newAlbum(site, 'lon');
    const ids: number[] = [];
    for (let n = 1; n <= 7; n++) ids.push((await newPhoto(site, 'lon', n)).id);

    const seen: number[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = `?limit=3${cursor ? `&cursor=${cursor}` : ''}`;
      const page = await (await api(`${base(site)}/albums/lon${query}`)).json<{ photos: Photo[]; nextCursor: string | null; album: Album }>();
      expect(page.album.photoCount).toBe(7);
      seen.push(...page.photos.map((photo) => photo.id));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual(ids);

    for (const slug of ['b', 'c']) await newAlbum(site, slug);
    const first = await (await api(`${base(site)}/albums?limit=2`)).json<{ items: Album[]; nextCursor: string }>();
    expect(first.items.map((album) => album.slug)).toEqual(['c', 'b']);
    const second = await (await api(`${base(site)}/albums?limit=2&cursor=${first.nextCursor}`)).json<{ items: Album[]; nextCursor: null }>();
    expect(second).toMatchObject({ items: [{ slug: 'lon' }], nextCursor: null });

    for (const query of ['?limit=0', '?limit=101', '?limit=x', '?cursor=abc', '?cursor=1_2_3']) {
      const response = await api(`${base(site)}/albums/lon${query}`);
      expect(response.status, query).toBe(400);
      expect((await errorJson(response)).error.code).toBe('validation_failed');
    }
  });

  it('answers one photo with its album, for deep links', async () => {
    const site = await createSite();
    await newAlbum(site, 'mot');
    const photo = await newPhoto(site, 'mot', 1);
    const response = await api(`${base(site)}/photos/${photo.id}`);
    expect(response.status).toBe(200);
    const { published: _p, weight: _w, stored: _s, ...publicFields } = photo as AdminPhoto;
    expect(await response.json()).toEqual({ ...publicFields, album: 'mot' });
    expect(photo).toHaveProperty('album', 'mot');
    expect((await api(`${base(site)}/photos/999999999`)).status).toBe(404);
    expect((await api(`${base(site)}/photos/abc`)).status).toBe(400);
  });

  it('updates an album, renames it, and takes only one of its own photos as cover', async () => {
    const site = await createSite();
    await newAlbum(site, 'a');
    await newAlbum(site, 'b');
    await newPhoto(site, 'a', 1);
    const second = await newPhoto(site, 'a', 2);
    const elsewhere = await newPhoto(site, 'b', 3);

    const updated = await admin(site, 'PATCH', '/albums/a', { title: '  Hội chợ nông sản  ', coverPhotoId: second.id, slug: 'hoi-cho' });
    expect(updated.status).toBe(200);
    expect(await updated.json()).toMatchObject({ slug: 'hoi-cho', title: 'Hội chợ nông sản', cover: { id: second.id } });

    const before = await snapshot(site);
    const badCover = await admin(site, 'PATCH', '/albums/hoi-cho', { title: 'Không lưu', coverPhotoId: elsewhere.id });
    expect(badCover.status).toBe(400);
    expect((await errorJson(badCover)).error.issues?.map((issue) => issue.path)).toEqual(['coverPhotoId']);
    const taken = await admin(site, 'PATCH', '/albums/hoi-cho', { slug: 'b', title: 'Không lưu' });
    expect(taken.status).toBe(409);
    expect((await errorJson(taken)).error.code).toBe('conflict');
    expect((await admin(site, 'PATCH', '/albums/khong-co', { title: 'x' })).status).toBe(404);
    expect(await snapshot(site)).toEqual(before);

    // back to the first photo as cover
    const reset = await admin(site, 'PATCH', '/albums/hoi-cho', { coverPhotoId: null });
    expect((await reset.json<Album>()).cover?.alt).toBe('Ảnh số 1: đồi chè Tân Cương');
  });

  it('refuses a second album with the same slug', async () => {
    const site = await createSite();
    await newAlbum(site, 'trung');
    const response = await admin(site, 'POST', '/albums', { slug: 'trung', title: 'Lần hai' });
    expect(response.status).toBe(409);
    expect(await albumRows(site)).toMatchObject([{ slug: 'trung', title: 'Album trung' }]);
  });

  it('updates, moves and deletes photos, and the album counts and covers follow', async () => {
    const site = await createSite();
    await newAlbum(site, 'a');
    await newAlbum(site, 'b');
    const one = await newPhoto(site, 'a', 1);
    const two = await newPhoto(site, 'a', 2);
    const three = await newPhoto(site, 'b', 3);
    await admin(site, 'PATCH', '/albums/a', { coverPhotoId: one.id });

    const patched = await admin(site, 'PATCH', `/photos/${two.id}`, {
      caption: 'Chú thích mới',
      thumbnail: { src: 'https://cdn.example.gov.vn/t.jpg', width: 300 },
    });
    expect(patched.status).toBe(200);
    expect(await patched.json()).toMatchObject({ id: two.id, caption: 'Chú thích mới', alt: two.alt, thumbnail: { width: 300 } });
    expect(await (await admin(site, 'PATCH', `/photos/${two.id}`, { thumbnail: null })).json()).toMatchObject({ thumbnail: null });

    // the cover moves to b, at its end: a's cover falls back to its first photo
    expect((await admin(site, 'PATCH', `/photos/${one.id}`, { album: 'b' })).status).toBe(200);
    expect(await albumRows(site)).toEqual([
      { slug: 'b', title: 'Album b', photo_count: 2, cover_photo_id: null, weight: -1 },
      { slug: 'a', title: 'Album a', photo_count: 1, cover_photo_id: null, weight: 0 },
    ]);
    expect((await photoRows(site)).map((row) => [row.album, row.id])).toEqual([
      ['a', two.id],
      ['b', three.id],
      ['b', one.id],
    ]);
    expect((await admin(site, 'PATCH', `/photos/${one.id}`, { album: 'khong-co' })).status).toBe(404);

    expect((await admin(site, 'DELETE', `/photos/${two.id}`)).status).toBe(204);
    expect((await admin(site, 'DELETE', `/photos/${two.id}`)).status).toBe(404);
    expect(await albumRows(site)).toMatchObject([
      { slug: 'b', photo_count: 2 },
      { slug: 'a', photo_count: 0 },
    ]);
    const emptied = await (await api(`${base(site)}/albums/a`)).json<{ album: Album; photos: Photo[] }>();
    expect(emptied).toMatchObject({ album: { photoCount: 0, cover: null }, photos: [] });

    expect((await admin(site, 'DELETE', '/albums/b')).status).toBe(204);
    expect((await admin(site, 'DELETE', '/albums/b')).status).toBe(404);
    expect(await photoRows(site)).toEqual([]);
    expect((await api(`${base(site)}/albums/b`)).status).toBe(404);
  });

  it('reorders albums and photos only when the list names every one exactly once', async () => {
    const site = await createSite();
    for (const slug of ['x', 'y', 'z']) await newAlbum(site, slug);
    const order = await admin(site, 'PUT', '/albums/order', { order: ['y', 'x', 'z'] });
    expect(order.status).toBe(200);
    expect(await order.json()).toEqual({ order: ['y', 'x', 'z'] });
    expect((await albumRows(site)).map((row) => [row.slug, row.weight])).toEqual([
      ['y', 0],
      ['x', 1],
      ['z', 2],
    ]);
    const list = await (await api(`${base(site)}/albums`)).json<{ items: Album[] }>();
    expect(list.items.map((album) => album.slug)).toEqual(['y', 'x', 'z']);

    const before = await snapshot(site);
    for (const [body, status] of [
      [{ order: ['x', 'y'] }, 409],
      [{ order: ['x', 'y', 'z', 'w'] }, 409],
      [{ order: ['x', 'y', 'w'] }, 409],
      [{ order: ['x', 'x', 'y'] }, 400],
      [{ order: [] }, 400],
      [{ order: 'x,y,z' }, 400],
    ] as const) {
      const response = await admin(site, 'PUT', '/albums/order', body);
      expect(response.status, JSON.stringify(body)).toBe(status);
    }
    expect(await snapshot(site)).toEqual(before);

    const ids: number[] = [];
    for (let n = 1; n <= 3; n++) ids.push((await newPhoto(site, 'x', n)).id);
    const other = await newPhoto(site, 'y', 9);
    const photos = await admin(site, 'PUT', '/albums/x/photos/order', { order: [ids[2], ids[0], ids[1]] });
    expect(await photos.json()).toEqual({ order: [ids[2], ids[0], ids[1]] });
    const page = await (await api(`${base(site)}/albums/x`)).json<{ photos: Photo[]; album: Album }>();
    expect(page.photos.map((photo) => photo.id)).toEqual([ids[2], ids[0], ids[1]]);
    expect(page.album.cover?.id).toBe(ids[2]);
    // a photo of another album is not one of this album's
    expect((await admin(site, 'PUT', '/albums/x/photos/order', { order: [ids[0], ids[1], other.id] })).status).toBe(409);
    expect((await admin(site, 'PUT', '/albums/khong-co/photos/order', { order: [1] })).status).toBe(404);
  });

  it('keeps hostile-looking text as text', async () => {
    const site = await createSite();
    const title = '<img src=x onerror=alert(1)> "Ảnh"';
    await newAlbum(site, 'h', { title });
    const photo = await newPhoto(site, 'h', 1, { alt: '<script>alert(1)</script>', caption: '&lt;b&gt; & </figcaption>' });
    const page = await (await api(`${base(site)}/albums/h`)).json<{ album: Album; photos: Photo[] }>();
    expect(page.album.title).toBe(title);
    expect(page.photos[0]).toMatchObject({ id: photo.id, alt: '<script>alert(1)</script>', caption: '&lt;b&gt; & </figcaption>' });
  });
});

describe('validation of the admin’s writes', () => {
  const badPhotos: { name: string; body: unknown; path?: string; status?: number }[] = [
    { name: 'an empty alt', body: photoBody(1, { alt: '' }), path: 'alt' },
    { name: 'a blank alt', body: photoBody(1, { alt: '   \u00a0 ' }), path: 'alt' },
    { name: 'no alt', body: { src: '/img/a.svg', width: 10, height: 10 }, path: 'alt' },
    { name: 'a null alt', body: photoBody(1, { alt: null }), path: 'alt' },
    { name: 'an alt with a control character', body: photoBody(1, { alt: 'ảnh\u0000' }), path: 'alt' },
    { name: 'a javascript: src', body: photoBody(1, { src: 'javascript:alert(1)' }), path: 'src' },
    { name: 'a data: src', body: photoBody(1, { src: 'data:image/svg+xml,<svg onload=alert(1)>' }), path: 'src' },
    { name: 'a protocol-relative src', body: photoBody(1, { src: '//evil.test/x.jpg' }), path: 'src' },
    { name: 'a backslash src', body: photoBody(1, { src: '/\\evil.test/x.jpg' }), path: 'src' },
    { name: 'an ftp src', body: photoBody(1, { src: 'ftp://x.gov.vn/a.jpg' }), path: 'src' },
    { name: 'a relative src without a slash', body: photoBody(1, { src: 'img/a.jpg' }), path: 'src' },
    { name: 'a src with credentials', body: photoBody(1, { src: 'https://u:p@x.gov.vn/a.jpg' }), path: 'src' },
    { name: 'a javascript: thumbnail', body: photoBody(1, { thumbnail: { src: 'javascript:alert(1)', width: 10 } }), path: 'thumbnail.src' },
    { name: 'a javascript: variant', body: photoBody(1, { variants: [{ src: 'JavaScript:alert(1)', width: 10 }] }), path: 'variants.0.src' },
    { name: 'a zero width', body: photoBody(1, { width: 0 }), path: 'width' },
    { name: 'a negative height', body: photoBody(1, { height: -800 }), path: 'height' },
    { name: 'a fractional width', body: photoBody(1, { width: 1.5 }), path: 'width' },
    { name: 'a width as text', body: photoBody(1, { width: '1200' }), path: 'width' },
    { name: 'a variant without width', body: photoBody(1, { variants: [{ src: '/a.jpg' }] }), path: 'variants.0.width' },
    { name: 'nine variants', body: photoBody(1, { variants: Array.from({ length: 9 }, (_, i) => ({ src: `/v${i}.jpg`, width: 100 + i })) }), path: 'variants' },
    { name: 'a bad takenAt', body: photoBody(1, { takenAt: '19/04/2018' }), path: 'takenAt' },
    { name: 'an unknown field', body: photoBody(1, { title: 'x' }) },
    { name: 'malformed JSON', body: '{"alt":' },
    { name: 'an oversize body', body: photoBody(1, { caption: 'x'.repeat(17 * 1024) }), status: 413 },
  ];

  it.each(badPhotos)('refuses a photo with $name, and writes nothing', async ({ body, path, status = 400 }) => {
    const site = await createSite();
    await newAlbum(site, 'a');
    const response = await admin(site, 'POST', '/albums/a/photos', body);
    expect(response.status).toBe(status);
    const error = await errorJson(response);
    if (path) expect(error.error.issues?.map((issue) => issue.path)).toContain(path);
    expect(await photoRows(site)).toEqual([]);
    expect(await albumRows(site)).toMatchObject([{ photo_count: 0 }]);
  });

  it('refuses to blank an existing photo’s alt or set a bad size, and changes nothing', async () => {
    const site = await createSite();
    await newAlbum(site, 'a');
    const photo = await newPhoto(site, 'a', 1);
    const before = await snapshot(site);
    for (const body of [{ alt: '' }, { alt: ' ' }, { width: 0 }, { src: 'javascript:alert(1)' }, {}, { id: 5 }]) {
      const response = await admin(site, 'PATCH', `/photos/${photo.id}`, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
    }
    expect(await snapshot(site)).toEqual(before);
  });

  it('refuses bad albums', async () => {
    const site = await createSite();
    for (const body of [
      { slug: 'Đại Hội', title: 'x' },
      { slug: '-a', title: 'x' },
      { slug: 'a' },
      { slug: 'a', title: '' },
      { slug: 'a', title: 'x', publishedAt: 'hôm qua' },
      { slug: 'a', title: 'x', coverPhotoId: 1 },
    ]) {
      const response = await admin(site, 'POST', '/albums', body);
      expect(response.status, JSON.stringify(body)).toBe(400);
    }
    const plain = await admin(site, 'POST', '/albums', { slug: 'a', title: 'x' }, { ...bearer(site.token), 'Content-Type': 'text/plain' });
    expect(plain.status).toBe(415);
    expect(await albumRows(site)).toEqual([]);
  });
});

describe('token scoping', () => {
  it('answers 401 without a token or with an unknown one, and writes nothing', async () => {
    const site = await createSite();
    await newAlbum(site, 'a');
    const photo = await newPhoto(site, 'a', 1);
    const before = await snapshot(site);
    for (const headers of [{}, bearer('tok_0000000000000000000000000000000000000000')]) {
      for (const [method, path, body] of [
        ['POST', '/albums', { slug: 'b', title: 'b' }],
        ['PATCH', '/albums/a', { title: 'x' }],
        ['DELETE', '/albums/a'],
        ['PUT', '/albums/order', { order: ['a'] }],
        ['POST', '/albums/a/photos', photoBody(2)],
        ['PUT', '/albums/a/photos/order', { order: [photo.id] }],
        ['PATCH', `/photos/${photo.id}`, { alt: 'x' }],
        ['DELETE', `/photos/${photo.id}`],
      ] as const) {
        const response = await admin(site, method, path, body, headers);
        expect(response.status, `${method} ${path}`).toBe(401);
        expect((await errorJson(response)).error.code).toBe('unauthorized');
      }
    }
    expect(await snapshot(site)).toEqual(before);
  });

  it("answers 403 to another site's token, and neither site's rows change", async () => {
    const mine = await createSite();
    const theirs = await createSite();
    await newAlbum(theirs, 'a');
    const photo = await newPhoto(theirs, 'a', 1);
    const before = await snapshot(theirs);
    for (const [method, path, body] of [
      ['POST', '/albums', { slug: 'b', title: 'b' }],
      ['PATCH', '/albums/a', { title: 'x' }],
      ['DELETE', '/albums/a'],
      ['POST', '/albums/a/photos', photoBody(2)],
      ['PATCH', `/photos/${photo.id}`, { alt: 'x' }],
      ['DELETE', `/photos/${photo.id}`],
    ] as const) {
      const response = await admin(theirs, method, path, body, bearer(mine.token));
      expect(response.status, `${method} ${path}`).toBe(403);
    }
    expect(await snapshot(theirs)).toEqual(before);

    // through its own site, a token reaches only its own rows: their photo is not found there
    expect((await admin(mine, 'PATCH', `/photos/${photo.id}`, { alt: 'x' })).status).toBe(404);
    expect((await admin(mine, 'DELETE', `/photos/${photo.id}`)).status).toBe(404);
    expect((await admin(mine, 'POST', '/albums/a/photos', photoBody(3))).status).toBe(404);
    expect((await api(`${base(mine)}/albums/a`)).status).toBe(404);
    expect((await api(`${base(mine)}/photos/${photo.id}`)).status).toBe(404);
    expect(await snapshot(theirs)).toEqual(before);
    expect(await snapshot(mine)).toEqual({ albums: [], photos: [] });
  });

  it('lets an allowed origin read the albums across origins, and gives a foreign one nothing', async () => {
    const site = await createSite();
    const allowed = await api(`${base(site)}/albums`, { headers: { Origin: PORTAL } });
    expect(allowed.headers.get('Access-Control-Allow-Origin')).toBe(PORTAL);
    const foreign = await api(`${base(site)}/albums`, { headers: { Origin: FOREIGN } });
    expect(foreign.headers.get('Access-Control-Allow-Origin')).toBeNull();
  });
});
