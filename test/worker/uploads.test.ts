// Photo uploads through the console: judged by their bytes, re-encoded without EXIF into R2,
// served immutable, published only once described, and deleted with their photo or album.
import { env } from 'cloudflare:workers';
import { describe, expect, it, vi } from 'vitest';
import type { AdminPhoto } from '@civic-widgets/contract';
import { OPERATOR_TOKEN, WORKER, adminApi, api, createSite, errorJson, rows, type TestSite } from './helpers.js';

const fixture = (name: string) => Uint8Array.from(atob(env.TEST_IMAGES[name]!), (char) => char.charCodeAt(0));
const text = (value: string) => new TextEncoder().encode(value);
const join = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.byteLength, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.byteLength;
  }
  return out;
};

async function newAlbum(site: TestSite, slug = 'anh-tai-len') {
  expect((await adminApi(site, 'POST', '/albums', { slug, title: 'Ảnh tải lên' })).status).toBe(201);
  return slug;
}

function upload(
  site: TestSite,
  album: string,
  body: BodyInit,
  options: { type?: string; name?: string; query?: string; token?: string; headers?: Record<string, string> } = {},
) {
  const headers: Record<string, string> = {
    Authorization: `Bearer ${options.token ?? site.token}`,
    'Content-Type': options.type ?? 'image/jpeg',
    ...options.headers,
  };
  if (options.name) headers['X-File-Name'] = encodeURIComponent(options.name);
  return api(`/api/v1/sites/${site.slug}/albums/${album}/uploads${options.query ?? ''}`, { method: 'POST', headers, body });
}

/** The segments of a JPEG before its image data: [marker, payload] (APP1 "Exif" is where GPS lives). */
function jpegSegments(bytes: Uint8Array): { marker: number; payload: Uint8Array }[] {
  const out: { marker: number; payload: Uint8Array }[] = [];
  let at = 2;
  while (at + 4 <= bytes.length && bytes[at] === 0xff) {
    const marker = bytes[at + 1]!;
    const length = (bytes[at + 2]! << 8) | bytes[at + 3]!;
    out.push({ marker, payload: bytes.subarray(at + 4, at + 2 + length) });
    if (marker === 0xda) break; // start of scan
    at += 2 + length;
  }
  return out;
}
const hasExif = (bytes: Uint8Array) =>
  jpegSegments(bytes).some((segment) => segment.marker === 0xe1 && new TextDecoder('latin1').decode(segment.payload.subarray(0, 4)) === 'Exif');

const r2Keys = async (prefix: string) => (await env.PHOTOS.list({ prefix })).objects.map((object) => object.key);

describe('POST …/albums/:album/uploads', () => {
  it('stores a JPEG re-encoded without its EXIF GPS block, at the srcset widths, unpublished', async () => {
    const site = await createSite();
    const album = await newAlbum(site);
    const original = fixture('jpegWithGps');
    expect(hasExif(original)).toBe(true); // the fixture does carry a GPS position

    const response = await upload(site, album, original, { name: 'Đồi chè Tân Cương.jpg' });
    expect(response.status).toBe(201);
    const photo = await response.json<AdminPhoto>();
    expect(photo).toMatchObject({ published: false, stored: true, alt: '', width: 1200, height: 800 });
    expect(photo.src).toMatch(new RegExp(`^${WORKER}/media/${site.slug}/[0-9a-f-]{36}/1200\\.jpg$`));
    expect(photo.variants.map((variant) => variant.width)).toEqual([320, 640, 1024]);
    expect(photo.thumbnail?.width).toBe(320);

    // every file served is the re-encoding: no EXIF segment at all, so no GPS position
    for (const src of [photo.src, ...photo.variants.map((variant) => variant.src)]) {
      const served = await api(new URL(src).pathname);
      expect(served.status).toBe(200);
      expect(served.headers.get('Content-Type')).toBe('image/jpeg');
      expect(served.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable');
      expect(served.headers.get('X-Content-Type-Options')).toBe('nosniff');
      const bytes = new Uint8Array(await served.arrayBuffer());
      expect([bytes[0], bytes[1]]).toEqual([0xff, 0xd8]);
      expect(hasExif(bytes)).toBe(false);
    }

    // unpublished: not in the public album, but in the admin list
    const page = await (await api(`/api/v1/sites/${site.slug}/albums/${album}`)).json<{ photos: unknown[]; album: { photoCount: number; cover: unknown } }>();
    expect(page.photos).toEqual([]);
    expect(page.album).toMatchObject({ photoCount: 0, cover: null });
    expect((await api(`/api/v1/sites/${site.slug}/photos/${photo.id}`)).status).toBe(404);
    const list = await (await adminApi(site, 'GET', `/albums/${album}/photos`)).json<{ items: AdminPhoto[] }>();
    expect(list.items.map((item) => [item.id, item.published, item.stored])).toEqual([[photo.id, false, true]]);

    // the audit log names the file, not its contents
    const [audit] = await rows<{ summary: string }>('SELECT summary FROM audit_log WHERE site_id = ?1 AND resource = ?2', site.id, 'albums');
    expect(audit).toBeDefined();
    const uploads = await rows<{ summary: string }>("SELECT summary FROM audit_log WHERE site_id = ?1 AND key LIKE '%/uploads'", site.id);
    expect(uploads[0]!.summary).toBe('upload Đồi chè Tân Cương.jpg (JPEG, 1200×800)');
  });

  it('takes PNG, WebP and AVIF by their bytes, whatever the name or Content-Type says', async () => {
    const site = await createSite();
    const album = await newAlbum(site);
    for (const [name, ext, width] of [
      ['png', 'png', 400],
      ['webp', 'webp', 700],
      ['avif', 'webp', 360],
    ] as const) {
      const response = await upload(site, album, fixture(name), { type: 'application/octet-stream', name: `anh.${name === 'png' ? 'jpg' : 'bin'}` });
      expect(response.status, name).toBe(201);
      const photo = await response.json<AdminPhoto>();
      expect(photo.width).toBe(width);
      expect(photo.src.endsWith(`/${width}.${ext}`)).toBe(true);
    }
  });

  it('publishes an upload only once it has an alt text', async () => {
    const site = await createSite();
    const album = await newAlbum(site);
    const photo = await (await upload(site, album, fixture('smallJpeg'))).json<AdminPhoto>();
    expect(photo.variants).toEqual([]);
    expect(photo.thumbnail).toBeNull();

    const refused = await adminApi(site, 'PATCH', `/photos/${photo.id}`, { published: true });
    expect(refused.status).toBe(400);
    expect((await errorJson(refused)).error.issues?.map((issue) => issue.path)).toEqual(['alt']);
    expect(await rows('SELECT id FROM photos WHERE id = ?1 AND published = 1', photo.id)).toEqual([]);

    const published = await adminApi(site, 'PATCH', `/photos/${photo.id}`, { published: true, alt: 'Hội nghị tổng kết năm 2025' });
    expect(published.status).toBe(200);
    expect(await published.json()).toMatchObject({ published: true, alt: 'Hội nghị tổng kết năm 2025' });
    const page = await (await api(`/api/v1/sites/${site.slug}/albums/${album}`)).json<{ photos: { id: number }[]; album: { photoCount: number } }>();
    expect(page.photos.map((item) => item.id)).toEqual([photo.id]);
    expect(page.album.photoCount).toBe(1);

    // unpublishing hides it again and the count follows
    await adminApi(site, 'PATCH', `/photos/${photo.id}`, { published: false });
    expect((await (await api(`/api/v1/sites/${site.slug}/albums/${album}`)).json<{ album: { photoCount: number } }>()).album.photoCount).toBe(0);
  });

  it('takes ?alt= on upload', async () => {
    const site = await createSite();
    const album = await newAlbum(site);
    const response = await upload(site, album, fixture('smallJpeg'), { query: `?alt=${encodeURIComponent('Toàn cảnh hội trường')}` });
    expect(await response.json()).toMatchObject({ alt: 'Toàn cảnh hội trường', published: false });
  });

  const refusals: [string, () => Uint8Array, string, RegExp][] = [
    [
      'an HTML page renamed .jpg',
      () => text('<!DOCTYPE html><html><body><script>alert(1)</script></body></html>'),
      'anh.jpg',
      /This file is HTML, not a photo/,
    ],
    [
      'an SVG drawing',
      () => text('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>'),
      'logo.svg',
      /This file is an SVG drawing/,
    ],
    ['a GIF', () => fixture('gif'), 'anh.gif', /This file is a GIF image/],
    ['a PDF', () => text('%PDF-1.7\n1 0 obj <<>> endobj\n'), 'cong-van.jpg', /This file is a PDF document/],
    [
      'a JPEG followed by HTML and script (polyglot)',
      () => join(fixture('smallJpeg'), text('<html><script>alert(document.cookie)</script></html>')),
      'anh.jpg',
      /JPEG with HTML or script inside it/,
    ],
    [
      'a JPEG with a ZIP archive joined to it (GIFAR-style)',
      () => join(fixture('smallJpeg'), text('PK\u0003\u0004'), new Uint8Array(30), text('PK\u0005\u0006'), new Uint8Array(18)),
      'anh.jpg',
      /JPEG with another file joined to it/,
    ],
    ['a PNG with data after its end', () => join(fixture('png'), text('trailing bytes')), 'anh.png', /PNG with another file joined to it/],
    ['the first bytes of a JPEG only', () => fixture('smallJpeg').subarray(0, 200), 'anh.jpg', /cannot be read as one/],
    ['plain text', () => text('Xin chào, đây không phải là ảnh.'), 'anh.jpg', /This file is text/],
  ];
  for (const [what, bytes, name, message] of refusals) {
    it(`refuses ${what} with 415, naming what it is, and stores nothing`, async () => {
      const site = await createSite();
      const album = await newAlbum(site);
      const response = await upload(site, album, bytes(), { name });
      expect(response.status).toBe(415);
      const body = await errorJson(response);
      expect(body.error.code).toBe('unsupported_media_type');
      expect(body.error.message).toMatch(message);
      expect(await rows('SELECT id FROM photos WHERE site_id = ?1', site.id)).toEqual([]);
      expect(await r2Keys(`${site.slug}/`)).toEqual([]);
    });
  }

  it('refuses an empty body (400) and one over the limit (413), by Content-Length and by its real length', async () => {
    const site = await createSite();
    const album = await newAlbum(site);
    const empty = await upload(site, album, new Uint8Array(0));
    expect(empty.status).toBe(400);
    expect((await errorJson(empty)).error.code).toBe('validation_failed');

    const big = new Uint8Array(15 * 1024 * 1024 + 1);
    big.set(fixture('smallJpeg'));
    const declared = await upload(site, album, big);
    expect(declared.status).toBe(413);
    expect((await errorJson(declared)).error.code).toBe('payload_too_large');

    // a stream with no Content-Length is counted as it arrives
    const chunk = new Uint8Array(1024 * 1024);
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 16) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const streamed = await upload(site, album, stream, { headers: { 'Content-Length': '' } });
    expect(streamed.status).toBe(413);
    expect(await rows('SELECT id FROM photos WHERE site_id = ?1', site.id)).toEqual([]);
    expect(await r2Keys(`${site.slug}/`)).toEqual([]);
  });

  it('refuses with 415 a file whose header reads but whose re-encoding fails (damaged), and stores nothing', async () => {
    // Cloudflare's Images refuses a damaged file at transform() after info() read its header; the
    // local emulation fills a cut-off JPEG in instead, so the failure is the binding's here
    const site = await createSite();
    const album = await newAlbum(site);
    const failing = vi
      .spyOn(env.IMAGES, 'input')
      .mockImplementation(() => ({ transform: () => ({ output: () => Promise.reject(new Error('IMAGES_TRANSFORM_ERROR 9412: bad image data')) }) }) as never);
    try {
      const response = await upload(site, album, fixture('jpegWithGps'), { name: 'hong.jpg' });
      expect(response.status).toBe(415);
      const body = await errorJson(response);
      expect(body.error.code).toBe('unsupported_media_type');
      expect(body.error.message).toMatch(/JPEG but cannot be read as one \(damaged\?\)/);
      expect(failing).toHaveBeenCalled();
    } finally {
      failing.mockRestore();
    }
    expect(await rows('SELECT id FROM photos WHERE site_id = ?1', site.id)).toEqual([]);
    expect(await r2Keys(`${site.slug}/`)).toEqual([]);
  });

  it('refuses a picture over 100 megapixels with 413 before decoding it, and stores nothing', async () => {
    const site = await createSite();
    const album = await newAlbum(site);
    // a PNG whose header says 20000 × 20000 (400 megapixels): a decompression bomb's shape
    const header = new Uint8Array(13);
    new DataView(header.buffer).setUint32(0, 20_000);
    new DataView(header.buffer).setUint32(4, 20_000);
    header.set([8, 6, 0, 0, 0], 8);
    const chunk = (type: string, data: Uint8Array) => {
      const length = new Uint8Array(4);
      new DataView(length.buffer).setUint32(0, data.byteLength);
      return join(length, text(type), data, new Uint8Array(4));
    };
    const bomb = join(
      Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a),
      chunk('IHDR', header),
      chunk('IDAT', new Uint8Array(64)),
      chunk('IEND', new Uint8Array(0)),
    );
    const response = await upload(site, album, bomb, { type: 'image/png' });
    expect(response.status).toBe(413);
    const body = await errorJson(response);
    expect(body.error.code).toBe('payload_too_large');
    expect(body.error.message).toMatch(/20000 × 20000/);
    expect(await rows('SELECT id FROM photos WHERE site_id = ?1', site.id)).toEqual([]);
    expect(await r2Keys(`${site.slug}/`)).toEqual([]);
  });

  it("keeps sites apart: another site's token can neither upload, list nor delete, and the operator can", async () => {
    const mine = await createSite();
    const theirs = await createSite();
    const album = await newAlbum(theirs);
    const photo = await (await upload(theirs, album, fixture('smallJpeg'))).json<AdminPhoto>();

    expect((await upload(theirs, album, fixture('smallJpeg'), { token: mine.token })).status).toBe(403);
    expect((await adminApi(theirs, 'GET', `/albums/${album}/photos`, undefined, { token: mine.token })).status).toBe(403);
    expect((await adminApi(mine, 'DELETE', `/photos/${photo.id}`)).status).toBe(404);
    expect((await adminApi(theirs, 'DELETE', `/photos/${photo.id}`, undefined, { token: mine.token })).status).toBe(403);
    expect(await r2Keys(`${theirs.slug}/`)).toHaveLength(1);
    expect((await upload(theirs, album, fixture('smallJpeg'), { token: OPERATOR_TOKEN })).status).toBe(201);
    expect((await upload(theirs, album, fixture('smallJpeg'), { token: 'cw_unknown-token-of-nobody' })).status).toBe(401);
  });

  it("deletes a photo's files from R2 with the photo, and an album's with the album", async () => {
    const site = await createSite();
    const album = await newAlbum(site);
    const first = await (await upload(site, album, fixture('jpegWithGps'))).json<AdminPhoto>();
    await upload(site, album, fixture('png'), { type: 'image/png' });
    const prefix = new URL(first.src).pathname.replace(/^\/media\//, '').replace(/\/[^/]+$/, '/');
    expect(await r2Keys(prefix)).toHaveLength(4);

    expect((await adminApi(site, 'DELETE', `/photos/${first.id}`)).status).toBe(204);
    expect(await r2Keys(prefix)).toEqual([]);
    expect((await api(new URL(first.src).pathname)).status).toBe(404);
    expect(await r2Keys(`${site.slug}/`)).toHaveLength(2); // the PNG's 320 and 400

    expect((await adminApi(site, 'DELETE', `/albums/${album}`)).status).toBe(204);
    expect(await r2Keys(`${site.slug}/`)).toEqual([]);
  });

  it('answers a delete that succeeded as such even when R2 cannot delete the files (logged)', async () => {
    const site = await createSite();
    const album = await newAlbum(site);
    const first = await (await upload(site, album, fixture('jpegWithGps'))).json<AdminPhoto>();
    await upload(site, album, fixture('png'), { type: 'image/png' });
    const failing = vi.spyOn(env.PHOTOS, 'list').mockRejectedValue(new Error('R2 is down'));
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      expect((await adminApi(site, 'DELETE', `/photos/${first.id}`)).status).toBe(204);
      expect((await adminApi(site, 'DELETE', `/albums/${album}`)).status).toBe(204);
      expect(failing).toHaveBeenCalled();
      expect(logged).toHaveBeenCalled();
    } finally {
      failing.mockRestore();
      logged.mockRestore();
    }
    expect(await rows('SELECT id FROM photos WHERE site_id = ?1', site.id)).toEqual([]);
    expect(await rows('SELECT id FROM albums WHERE site_id = ?1', site.id)).toEqual([]);
  });

  it('answers 404 for an unknown album, and for media that does not exist', async () => {
    const site = await createSite();
    expect((await upload(site, 'khong-co', fixture('smallJpeg'))).status).toBe(404);
    expect(await r2Keys(`${site.slug}/`)).toEqual([]);
    const missing = await api(`/media/${site.slug}/00000000-0000-0000-0000-000000000000/320.jpg`);
    expect(missing.status).toBe(404);
    expect((await api('/media/../../etc/passwd')).status).toBe(404);
  });
});

describe('GET …/albums?all=1 (admin)', () => {
  it('lists scheduled albums too, with their unpublished photos counted; only for the admin', async () => {
    const site = await createSite();
    const album = await newAlbum(site, 'sap-toi');
    await adminApi(site, 'PATCH', `/albums/${album}`, { publishedAt: '2099-01-01T00:00:00+07:00' });
    await upload(site, album, fixture('smallJpeg'));
    await upload(site, album, fixture('smallJpeg'), { query: '?alt=M%E1%BB%99t' });

    expect((await (await api(`/api/v1/sites/${site.slug}/albums`)).json<{ items: unknown[] }>()).items).toEqual([]);
    const response = await adminApi(site, 'GET', '/albums?all=1');
    expect(response.status).toBe(200);
    expect(response.headers.get('Cache-Control')).toBe('no-store');
    const list = await response.json<{ items: { slug: string; photoCount: number; unpublishedCount: number }[] }>();
    expect(list.items.map((item) => [item.slug, item.photoCount, item.unpublishedCount])).toEqual([['sap-toi', 0, 2]]);

    expect((await api(`/api/v1/sites/${site.slug}/albums?all=1`)).status).toBe(401);
    const other = await createSite();
    expect((await adminApi(site, 'GET', '/albums?all=1', undefined, { token: other.token })).status).toBe(403);
  });
});
