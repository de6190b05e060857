// The console at /admin/ in real Chromium against `wrangler dev` (a fresh local D1 seeded as
// `npm start` seeds it): an editor signs in with a generated token, works through the screens,
// and every step is checked where readers see it (the widgets on the demo pages) and in the
// audit log. Set CONSOLE_SCREENSHOTS=<dir> to save the screenshots docs/console.md shows.
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import sharp from 'sharp';
import { chromiumLaunchOptions } from '../support/chromium.mjs';
import { startTestWorker } from '../support/test-worker.mjs';

const SITE = 'htx-thainguyen';
const EDITOR = 'Trần Thị Biên Tập';
const shots = process.env.CONSOLE_SCREENSHOTS;
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let worker: Awaited<ReturnType<typeof startTestWorker>>;
let browser: Browser;
let page: Page;
let editorToken = '';
// the operator's token is generated per run; the worker holds only its SHA-256, as in production
const operatorToken = randomBytes(24).toString('base64url');
const errors: string[] = [];
/** expect.poll with room for a busy machine: uploads are re-encoded, and two cores are shared. */
const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 20_000 });

beforeAll(async () => {
  worker = await startTestWorker({ seedDemo: true, vars: { OPERATOR_TOKEN_SHA256: createHash('sha256').update(operatorToken).digest('hex') } });
  browser = await chromium.launch(chromiumLaunchOptions);
  page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
  page.on('pageerror', (error) => errors.push(error.message));
  await page.exposeFunction('reportViolation', (text: string) => errors.push(text));
  await page.addInitScript(() =>
    document.addEventListener('securitypolicyviolation', (event) =>
      (window as unknown as { reportViolation: (text: string) => void }).reportViolation(`CSP: ${event.violatedDirective} ${event.blockedURI}`),
    ),
  );
});

afterAll(async () => {
  await browser?.close();
  await worker?.stop();
});

const api = (path: string, init: RequestInit = {}, token = worker.tokens[SITE]!) =>
  fetch(`${worker.origin}/api/v1${path}`, { ...init, headers: { Authorization: `Bearer ${token}`, ...init.headers } });

async function signIn(token: string) {
  await page.locator('#token').fill(token);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByRole('navigation', { name: 'Chức năng' }).waitFor();
}

async function go(screen: string) {
  await page.getByRole('navigation').getByRole('link', { name: screen }).click();
  await page.getByRole('heading', { level: 1, name: screen }).waitFor();
}

/** axe-core on the page as it is now (WCAG 2.1 A and AA rules): the violations' ids and targets. */
async function axe(target: Page) {
  // axe runs from the test, not from the page: the page's CSP refuses inline scripts
  await target.evaluate(axeSource);
  return target.evaluate(async () => {
    const { violations } = await (
      window as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }
    ).axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}

/** Checks the screen with axe at desktop width and at 390 px, saving screenshots when asked. */
async function checkScreen(name: string) {
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 860 });
    await page.waitForTimeout(100);
    expect(await axe(page), `${name} at ${width}px`).toEqual([]);
    // nothing wider than the phone's screen but what scrolls on its own (tables)
    if (width === 390) expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    if (shots) await page.screenshot({ path: join(shots, `console-${name}-${width === 390 ? 'phone' : 'desktop'}.png`), fullPage: width === 390 });
  }
  await page.setViewportSize({ width: 1280, height: 860 });
}

/** True when a JPEG's EXIF holds a GPS IFD pointer (tag 0x8825), in either byte order. */
async function hasGps(bytes: Buffer) {
  const { exif } = await sharp(bytes).metadata();
  if (!exif) return false;
  const littleEndian = exif.subarray(6, 8).toString('latin1') === 'II';
  return exif.includes(Buffer.from(littleEndian ? [0x25, 0x88] : [0x88, 0x25]));
}

describe('the console at /admin/', () => {
  it('signs in with a generated token, under its strict CSP, and issues an editor a token of their own', async () => {
    const response = await page.goto(`${worker.origin}/admin/`);
    const csp = response!.headers()['content-security-policy']!;
    expect(csp).toContain("require-trusted-types-for 'script'");
    expect(csp).toContain("script-src 'self'");
    expect(response!.headers()['cache-control']).toBe('no-store');
    await checkScreen('signin');
    // English on the switch, and back
    await page.getByRole('button', { name: 'Switch to English' }).click();
    expect(await page.locator('h1').textContent()).toBe('Sign in to the console');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await page.getByRole('button', { name: 'Chuyển sang tiếng Việt' }).click();
    expect(await page.locator('h1').textContent()).toBe('Đăng nhập bảng quản trị');

    // a wrong token: refused, and said so
    await page.locator('#token').fill('x'.repeat(40));
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await poll(() => page.getByRole('alert').textContent()).toContain('Mã không đúng hoặc đã bị thu hồi.');

    await signIn(worker.tokens[SITE]!);
    expect(await page.locator('.site-name').textContent()).toContain('Liên minh');
    // the token is in sessionStorage only: never in the address or localStorage
    expect(page.url()).not.toContain(worker.tokens[SITE]!);
    expect(await page.evaluate(() => JSON.stringify(localStorage))).not.toContain(worker.tokens[SITE]!);

    await go('Mã truy cập');
    await page.getByLabel('Tên người dùng mã').fill(EDITOR);
    await page.getByRole('button', { name: 'Cấp mã mới' }).click();
    editorToken = (await page.locator('#new-token').textContent())!.trim();
    expect(editorToken.length).toBeGreaterThan(16);
    await poll(() => page.locator('tbody th').allTextContents()).toContainEqual(expect.stringContaining(EDITOR));
    await checkScreen('tokens');

    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await signIn(editorToken);
    expect(await page.locator('.who .label').textContent()).toContain(EDITOR);
    // reloading the tab keeps the session (sessionStorage); the sign-in form does not come back
    await page.reload();
    await page.getByRole('navigation', { name: 'Chức năng' }).waitFor();
    // 31 minutes without use: the next load finds the session over, and asks for the token again
    await page.evaluate(() => {
      const key = 'civic-console-session';
      const stored = JSON.parse(sessionStorage.getItem(key)!);
      sessionStorage.setItem(key, JSON.stringify({ ...stored, lastActive: Date.now() - 31 * 60_000 }));
    });
    await page.reload();
    await page.locator('#token').waitFor();
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
    await signIn(editorToken);
    expect(errors).toEqual([]);
  });

  it('creates an album and uploads three photos: an HTML file named .jpg is refused, publishing waits for alt text, GPS is removed', async () => {
    await go('Thư viện ảnh');
    await page.getByLabel('Tiêu đề').fill('Đại hội đại biểu 2026');
    await page.getByRole('button', { name: 'Tạo', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Đại hội đại biểu 2026' }).waitFor();

    const jpeg = await sharp({ create: { width: 900, height: 600, channels: 3, background: { r: 30, g: 120, b: 60 } } })
      .withExif({
        IFD0: { Make: 'civic-e2e' },
        IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '21/1 35/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '105/1 50/1 0/1' },
      })
      .jpeg()
      .toBuffer();
    expect(await hasGps(jpeg)).toBe(true); // the test's own file does carry a location
    const png = await sharp({ create: { width: 600, height: 400, channels: 4, background: { r: 200, g: 30, b: 40, alpha: 1 } } })
      .png()
      .toBuffer();
    let uploadRequests = 0;
    page.on('request', (request) => request.url().endsWith('/albums/dai-hoi-dai-bieu-2026/uploads') && uploadRequests++);
    // two files from the picker, one dropped on the drop zone
    await page.locator('input[type=file][name=files]').setInputFiles([
      { name: 'hoi-truong.jpg', mimeType: 'image/jpeg', buffer: jpeg },
      { name: 'trang-web.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('<!doctype html><html><body>not a photo</body></html>') },
    ]);
    await page.locator('.dropzone').evaluate((zone, base64) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const transfer = new DataTransfer();
      transfer.items.add(new File([bytes], 'bieu-ngu.png', { type: 'image/png' }));
      zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true }));
      zone.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    }, png.toString('base64'));
    const uploads = page.locator('.uploads li');
    await poll(() => uploads.locator('.state').allTextContents()).toEqual(['Đã tải lên', expect.stringMatching(/^Lỗi: .*HTML/), 'Đã tải lên']);
    expect(await uploads.locator('.file').allTextContents()).toEqual(['hoi-truong.jpg', 'trang-web.jpg', 'bieu-ngu.png']);
    // the refused one keeps its retry, which sends it again (and is refused again, for the same reason)
    const audited = async () => ((await worker.sql(`SELECT count(*) AS n FROM audit_log WHERE summary LIKE 'upload %'`)) as { n: number }[])[0]!.n;
    const uploadsBefore = await audited();
    expect(uploadsBefore).toBe(2);
    expect(uploadRequests).toBe(3);
    await uploads.nth(1).getByRole('button', { name: 'Thử lại: trang-web.jpg' }).click();
    await poll(() => uploadRequests).toBe(4);
    await poll(() => uploads.nth(1).locator('.state').textContent()).toMatch(/^Lỗi: Tệp không phải ảnh .*HTML/);
    expect(await audited()).toBe(2); // a refused file writes nothing, not even an audit row

    const photos = page.locator('ol.photos > li');
    await poll(() => photos.count()).toBe(2);
    for (const i of [0, 1]) {
      const publish = photos.nth(i).getByRole('button', { name: 'Đăng', exact: true });
      expect(await publish.isDisabled()).toBe(true);
      expect(await photos.nth(i).locator('.reason').textContent()).toBe('Cần mô tả ảnh trước khi đăng.');
    }
    await checkScreen('photos');
    const alts = ['Hội trường đại hội đại biểu 2026', 'Băng rôn chào mừng đại hội'];
    for (const i of [0, 1]) {
      await photos.nth(i).getByLabel('Mô tả ảnh (văn bản thay thế)').fill(alts[i]!);
      await photos.nth(i).getByRole('button', { name: 'Đăng', exact: true }).click();
      await poll(() => photos.nth(i).locator('.badge').first().textContent()).toBe('Đã đăng');
    }

    // reorder from the keyboard (Alt+↑ on the second photo) and choose the cover
    const ids = async () =>
      ((await (await api(`/sites/${SITE}/albums/dai-hoi-dai-bieu-2026/photos`)).json()) as { items: { id: number }[] }).items.map((p) => p.id);
    const order = await ids();
    await photos.nth(1).focus();
    await page.keyboard.press('Alt+ArrowUp');
    await poll(ids).toEqual([order[1], order[0]]);
    await photos.nth(1).getByRole('button', { name: 'Chọn làm ảnh bìa' }).click();
    await poll(() => photos.nth(1).getByRole('button', { name: 'Ảnh bìa' }).getAttribute('aria-pressed')).toBe('true');
    const { album } = (await (await fetch(`${worker.origin}/api/v1/sites/${SITE}/albums/dai-hoi-dai-bieu-2026`)).json()) as {
      album: { cover: { id: number } };
    };
    expect(album.cover.id).toBe(order[0]);

    // readers see them: <civic-photo-gallery> on a demo page
    const reader = await browser.newPage();
    await reader.goto(`${worker.origin}/thu-vien-anh.html`);
    await reader.evaluate((site) => {
      const gallery = document.createElement('civic-photo-gallery');
      gallery.setAttribute('site', site);
      gallery.setAttribute('album', 'dai-hoi-dai-bieu-2026');
      gallery.id = 'new-album';
      document.body.prepend(gallery);
    }, SITE);
    await expect
      .poll(async () => (await reader.locator('#new-album img').evaluateAll((images) => images.map((img) => img.getAttribute('alt')))).sort())
      .toEqual([...alts].sort());
    // the served JPEG (900 px wide, as sent), and every smaller size of it, carry no location
    const { photos: published } = (await (await fetch(`${worker.origin}/api/v1/sites/${SITE}/albums/dai-hoi-dai-bieu-2026`)).json()) as {
      photos: { src: string; width: number; thumbnail: { src: string } | null; variants: { src: string }[] }[];
    };
    const photo = published.find((p) => p.width === 900)!;
    for (const src of [photo.src, ...photo.variants.map((v) => v.src), ...(photo.thumbnail ? [photo.thumbnail.src] : [])]) {
      const served = await fetch(src);
      expect(served.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      const bytes = Buffer.from(await served.arrayBuffer());
      expect((await sharp(bytes).metadata()).format).toBe('jpeg');
      expect(await hasGps(bytes)).toBe(false);
    }
    await reader.close();
    expect(errors).toEqual([]);
  });

  it('writes an article that readers then see in <civic-article-list>', async () => {
    await go('Tin tức');
    await page.getByRole('button', { name: 'Viết bài mới' }).click();
    await page.getByLabel('Tiêu đề').fill('Hội nghị tổng kết năm 2026 của Liên minh HTX');
    await page.getByLabel('Tóm tắt').fill('Sáng nay, Liên minh HTX tỉnh tổ chức hội nghị tổng kết.');
    await page.getByLabel('Địa chỉ bài trên cổng').fill('https://htx.example.gov.vn/tin-tuc/tong-ket-2026.html');
    await page.getByLabel('Chuyên mục').selectOption({ value: 'tin-tuc' });
    // the illustration comes from the photo library
    await page.getByRole('button', { name: 'Chọn từ thư viện ảnh' }).click();
    await page.getByRole('button', { name: 'Hội trường đại hội đại biểu 2026' }).click();
    await page.getByRole('button', { name: 'Lưu' }).click();
    await poll(() => page.locator('tbody th').allTextContents()).toContainEqual(expect.stringContaining('Hội nghị tổng kết năm 2026'));
    await checkScreen('news');

    const reader = await browser.newPage();
    await reader.goto(`${worker.origin}/`);
    await expect
      .poll(() => reader.locator('civic-article-list[category="tin-tuc"] [part~="title"]').allTextContents())
      .toContainEqual(expect.stringContaining('Hội nghị tổng kết năm 2026 của Liên minh HTX'));
    const image = reader.locator('civic-article-list[category="tin-tuc"] [part~="item"]', { hasText: 'Hội nghị tổng kết năm 2026' }).locator('[part~="image"]');
    expect(await image.getAttribute('alt')).toBe('Hội trường đại hội đại biểu 2026');
    expect(await image.getAttribute('src')).toMatch(/\/media\//);

    // hidden, it leaves the readers' list and stays in the console's, found by its status; shown
    // again, it is back where readers see it
    const title = 'Hội nghị tổng kết năm 2026 của Liên minh HTX';
    // (a context of its own each time: the list's answer is public for 60 s in a browser's cache)
    const readerTitles = async () => {
      const context = await browser.newContext();
      const fresh = await context.newPage();
      await fresh.goto(`${worker.origin}/`);
      const titles = fresh.locator('civic-article-list[category="tin-tuc"] [part~="title"]');
      await titles.first().waitFor();
      const texts = await titles.allTextContents();
      await context.close();
      return texts;
    };
    await page.getByRole('button', { name: `Ẩn: ${title}` }).click();
    await page.getByRole('button', { name: `Hiện: ${title}` }).waitFor();
    await poll(readerTitles).not.toContainEqual(expect.stringContaining(title));
    await page.locator('form.filters select[name="status"]').selectOption('hidden');
    await page.getByRole('button', { name: 'Lọc' }).click();
    await poll(() => page.locator('tbody th').allTextContents()).toEqual([expect.stringContaining(title)]);
    expect(await page.locator('tbody .badge').allTextContents()).toEqual(['Đã ẩn']);
    await page.getByRole('button', { name: `Hiện: ${title}` }).click();
    await page.getByRole('button', { name: `Ẩn: ${title}` }).waitFor();
    await poll(readerTitles).toContainEqual(expect.stringContaining(title));
    await page.locator('form.filters select[name="status"]').selectOption('');
    await page.getByRole('button', { name: 'Lọc' }).click();
    await reader.close();

    // categories are reordered from the keyboard: Alt+↓ on a focused row moves it below the next
    await page.getByRole('tab', { name: 'Chuyên mục' }).click();
    const topLevel = page.locator('ul.tree > li.depth-0');
    const before = await topLevel.evaluateAll((rows) => rows.map((row) => row.getAttribute('data-category')));
    expect(before.length).toBeGreaterThan(1);
    await topLevel.first().focus();
    await page.keyboard.press('Alt+ArrowDown');
    await poll(() => topLevel.evaluateAll((rows) => rows.map((row) => row.getAttribute('data-category')))).toEqual([before[1], before[0], ...before.slice(2)]);
    // focus stays on the moved row, and the order is what the API now answers
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-category'))).toBe(before[0]);
    const { items } = (await (await api(`/sites/${SITE}/categories`)).json()) as { items: { slug: string; parent: string | null; weight: number }[] };
    const served = items
      .filter((c) => c.parent === null)
      .sort((a, b) => a.weight - b.weight)
      .map((c) => c.slug);
    expect(served.slice(0, 2)).toEqual([before[1], before[0]]);

    // the embed screen previews the real element with this site's data, and gives its snippet
    await go('Mã nhúng');
    await page.getByLabel('category').fill('tin-tuc');
    await page.getByLabel('category').press('Tab');
    await expect
      .poll(() => page.locator('#preview civic-article-list[category="tin-tuc"] [part~="title"]').allTextContents())
      .toContainEqual(expect.stringContaining('Hội nghị tổng kết năm 2026'));
    const snippet = await page.locator('pre.code').textContent();
    expect(snippet).toContain(`<civic-article-list site="${SITE}" category="tin-tuc" limit="5" layout="compact"></civic-article-list>`);
    expect(snippet).toContain('civic-article-list:not(:defined)');
    await checkScreen('embed');
    expect(errors).toEqual([]);
  });

  it('imports a links CSV after showing what it will create', async () => {
    await go('Liên kết Website');
    const csv = [
      'category,category_title,category_weight,title,url,description,logo,weight,hits,health,checked_at',
      'tinh-thai-nguyen,Tỉnh Thái Nguyên,0,Sở Tư pháp tỉnh Thái Nguyên,https://sotuphap.thainguyen.gov.vn/,,,9,,,',
    ].join('\n');
    await page.getByLabel('Tệp danh bạ').setInputFiles({ name: 'lien-ket.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByRole('button', { name: 'Xem trước' }).click();
    const preview = page.getByRole('region', { name: 'Xem trước' });
    await poll(() => preview.locator('.create').textContent()).toContain('Sở Tư pháp tỉnh Thái Nguyên');
    expect(await preview.locator('.create h3').textContent()).toBe('Sẽ thêm (1)');
    // nothing written yet
    expect(await (await api(`/sites/${SITE}/links`)).text()).not.toContain('sotuphap');
    await checkScreen('links');
    await preview.getByRole('button', { name: 'Áp dụng' }).click();
    await poll(() => page.locator('tbody th').allTextContents()).toContainEqual(expect.stringContaining('Sở Tư pháp tỉnh Thái Nguyên'));
  });

  it('shows the most-rated items and the votes per day, and resets an item after a confirmation', async () => {
    const item = 'e2e-console-rated';
    const vote = await fetch(`${worker.origin}/api/v1/sites/${SITE}/ratings/${item}`, {
      method: 'PUT',
      headers: { Origin: worker.origin, 'Content-Type': 'application/json' },
      body: JSON.stringify({ stars: 4 }),
    });
    expect(vote.status).toBe(200);

    await go('Đánh giá');
    const row = page.locator('tbody tr', { has: page.locator('th', { hasText: item }) });
    await poll(() => row.locator('td').allTextContents()).toEqual(['1', '4 ★', expect.any(String), 'Đặt lại']);
    // the chart and its table say the same: today has at least this vote
    expect(await page.getByRole('img', { name: 'Lượt đánh giá mỗi ngày (30 ngày)' }).count()).toBe(1);
    await checkScreen('ratings');
    await page.getByText('Xem dạng bảng').click();
    const days = await page.locator('details tbody tr').evaluateAll((trs) => trs.map((tr) => Number(tr.querySelector('td')!.textContent)));
    expect(days).toHaveLength(30);
    expect(days.at(-1)).toBeGreaterThanOrEqual(1);

    await row.getByRole('button', { name: `Đặt lại: ${item}` }).click();
    const dialog = page.getByRole('dialog');
    expect(await dialog.textContent()).toContain(`Xóa toàn bộ 1 lượt đánh giá của “${item}”?`);
    await dialog.getByRole('button', { name: 'Đặt lại' }).click();
    await poll(() => row.count()).toBe(0);
    const summary = (await (await fetch(`${worker.origin}/api/v1/sites/${SITE}/ratings/${item}`)).json()) as { count: number };
    expect(summary.count).toBe(0);
  });

  it('lists each step in the audit log with the token holder’s name', async () => {
    await go('Nhật ký');
    await page.locator('table.audit').waitFor();
    const rows = await page.locator('table.audit tbody tr').evaluateAll((trs) => trs.map((tr) => Array.from(tr.children, (cell) => cell.textContent!.trim())));
    const byEditor = rows.filter((cells) => cells[1] === EDITOR).map((cells) => cells[3]);
    for (const resource of ['albums', 'photos', 'articles', 'categories', 'links', 'ratings']) expect(byEditor).toContain(resource);
    expect(rows.some((cells) => cells[3] === 'tokens')).toBe(true);
    await checkScreen('audit');
  });

  it('ends the session when the token is revoked, and says so', async () => {
    // the site's first admin revokes the editor's token; the editor's next call is refused
    const { items } = (await (await api(`/sites/${SITE}/tokens`)).json()) as { items: { id: string; label: string }[] };
    const id = items.find((token) => token.label === EDITOR)!.id;
    expect((await api(`/sites/${SITE}/tokens/${id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await api(`/sites/${SITE}/tokens`, {}, editorToken)).status).toBe(401);

    // the editor's next action: the screen's first call is answered 401, and the console says why
    await page.getByRole('navigation').getByRole('link', { name: 'Mã truy cập' }).click();
    await page.locator('#token').waitFor();
    expect(await page.getByRole('alert').textContent()).toContain('Phiên đăng nhập đã hết hoặc mã đã bị thu hồi');
    await page.locator('#token').waitFor();
    expect(await page.evaluate(() => JSON.stringify(sessionStorage))).not.toContain(editorToken);
    expect(errors.filter((error) => !error.includes('401'))).toEqual([]);
  });

  it('lets the operator create a site with its origins and first token, then edit its origins', async () => {
    await page.goto(`${worker.origin}/admin/`);
    await page.evaluate(() => sessionStorage.clear());
    await page.reload();
    await signIn(operatorToken);
    await page.getByRole('heading', { level: 1, name: 'Các trang' }).waitFor();
    await page.getByLabel('Tên trang').fill('Cổng TTĐT huyện Võ Nhai');
    await page.getByLabel('Mã (slug)').fill('vonhai-console');
    await page.getByLabel('Địa chỉ được nhúng (mỗi dòng một origin)').fill('https://vonhai.thainguyen.gov.vn');
    await page.getByLabel('Tên người nhận mã đầu tiên').fill('Văn thư Võ Nhai');
    await page.getByRole('button', { name: 'Tạo trang' }).click();
    const firstToken = (await page.locator('#new-token').textContent())!.trim();
    // the new site's token works, and is that site's
    const me = (await (await api('/me', {}, firstToken)).json()) as { role: string; label: string; site: { slug: string } };
    expect(me).toMatchObject({ role: 'admin', label: 'Văn thư Võ Nhai', site: { slug: 'vonhai-console' } });
    await checkScreen('sites');

    await page.getByRole('button', { name: 'Sửa địa chỉ nhúng: Cổng TTĐT huyện Võ Nhai' }).click();
    await page.locator('tbody textarea[name=origins]').fill('https://vonhai.thainguyen.gov.vn\nhttps://vonhai.gov.vn');
    await page.getByRole('button', { name: 'Lưu' }).click();
    await poll(() => page.locator('tbody').textContent()).toContain('https://vonhai.gov.vn');
    const settings = (await (await api('/sites/vonhai-console/settings', {}, firstToken)).json()) as { origins: string[] };
    expect(settings.origins).toEqual(['https://vonhai.thainguyen.gov.vn', 'https://vonhai.gov.vn']);

    // and opens the site to manage it like its own editors
    await page.getByRole('button', { name: 'Quản trị trang này: Cổng TTĐT huyện Võ Nhai' }).click();
    await page.getByRole('heading', { level: 1, name: 'Tin tức' }).waitFor();
    expect(await page.locator('.site-name').textContent()).toBe('Cổng TTĐT huyện Võ Nhai');
    expect(errors.filter((error) => !error.includes('401'))).toEqual([]);
  });
});
