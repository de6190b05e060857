import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { chromiumLaunchOptions } from '../support/chromium.mjs';
import { startTestWorker } from '../support/test-worker.mjs';

let worker: Awaited<ReturnType<typeof startTestWorker>>;
let browser: Browser;

beforeAll(async () => {
  worker = await startTestWorker({ seedDemo: true });
  browser = await chromium.launch(chromiumLaunchOptions);
});

afterAll(async () => {
  await browser?.close();
  await worker?.stop();
});

/** A page that records what would make a webmaster unhappy: script errors and layout shift. */
async function open(path: string, width = 390, height = 844, prepare?: (page: Page) => Promise<unknown>): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width, height } });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  // the demo is served under a strict CSP with Trusted Types (demo/_headers): any violation counts
  await page.exposeFunction('reportViolation', (text: string) => errors.push(text));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) =>
      (window as unknown as { reportViolation: (text: string) => void }).reportViolation(`CSP: ${event.violatedDirective} ${event.blockedURI}`),
    );
    (window as unknown as { layoutShift: number }).layoutShift = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[]) {
        if (!entry.hadRecentInput) (window as unknown as { layoutShift: number }).layoutShift += entry.value;
      }
    }).observe({ type: 'layout-shift', buffered: true });
  });
  // a page whose requests `prepare` holds back is returned as soon as its HTML starts to arrive
  await prepare?.(page);
  await page.goto(`${worker.origin}${path}`, { waitUntil: prepare ? 'commit' : 'load' });
  return { page, errors };
}

/** Two animation frames: what was laid out has been painted, and its layout shifts reported. */
const twoFrames = (page: Page) => page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));

/** Requests held back until `release()`: the slow phone network a portal's reader is on. */
function holdBack(page: Page, url: string | RegExp) {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const held = page.route(url, async (route) => {
    await released;
    await route.continue().catch(() => {}); // the page may have closed meanwhile
  });
  return { held, release };
}

/** Each civic-* element's height on the page, by tag and position, in whole pixels. */
const heights = (page: Page) =>
  page.evaluate(() =>
    Object.fromEntries(
      Array.from(document.querySelectorAll('*'))
        .filter((el) => el.localName.startsWith('civic-'))
        .map((el, i) => [`${i} ${el.localName}`, Math.round(el.getBoundingClientRect().height)]),
    ),
  );
const shifted = (page: Page) => page.evaluate(() => (window as unknown as { layoutShift: number }).layoutShift);

const rating = (page: Page) => page.locator('civic-star-rating');
const gallery = (page: Page) => page.locator('civic-photo-gallery');

/** Waits until the page's photo gallery has drawn its photos and every thumbnail has arrived. */
async function galleryLoaded(page: Page) {
  await gallery(page).locator('[aria-busy=false]').waitFor();
  await page.waitForFunction(() => Array.from(document.querySelector('civic-photo-gallery')!.shadowRoot!.querySelectorAll('img')).every((img) => img.complete));
}

/** Waits until every civic-article-list on the page has drawn its articles. */
const newsLoaded = (page: Page) =>
  page.waitForFunction(() =>
    Array.from(document.querySelectorAll('civic-article-list')).every((list) => list.shadowRoot?.querySelector('[aria-busy=false] [part=item]')),
  );

describe('the demo portal page', () => {
  it('lets a reader rate the article with the 4th star, and shows it after a reload', async () => {
    const { page, errors } = await open('/');
    await expect.poll(() => rating(page).locator('[part=summary]').textContent()).toContain('Tổng số điểm của bài viết là: 0 trong 0 đánh giá');
    expect(await page.evaluate(() => (window as unknown as { layoutShift: number }).layoutShift)).toBe(0);

    await rating(page).locator('[role=radio]').nth(3).click();
    await expect.poll(() => rating(page).locator('[role=status]').textContent()).toContain('Bạn đã đánh giá 4 sao.');

    await page.reload();
    await expect.poll(() => rating(page).locator('[part=summary]').textContent()).toContain('Tổng số điểm của bài viết là: 4 trong 1 đánh giá');
    expect(await rating(page).locator('[part=prompt]').textContent()).toContain('Bạn đã đánh giá 4 sao.');
    expect(await rating(page).locator('[role=radio][aria-checked=true]').getAttribute('aria-label')).toBe('4 sao');

    // what D1 holds: one vote of 4 on the page's canonical URL, and neither the reader's address
    // nor their browser's user agent in any table
    const canonical = await page.locator('link[rel=canonical]').getAttribute('href');
    const [totals] = await worker.sql(`SELECT count, total FROM rating_totals WHERE item = '${canonical}'`);
    expect(totals).toEqual({ count: 1, total: 4 });
    const userAgent = await page.evaluate(() => navigator.userAgent);
    for (const table of ['rating_votes', 'rating_totals', 'rate_limits']) {
      const dump = JSON.stringify(await worker.sql(`SELECT * FROM ${table}`));
      expect(dump).not.toContain('127.0.0.1');
      expect(dump).not.toContain(userAgent);
    }
    expect(errors).toEqual([]);
  });

  it('runs under the strict Content-Security-Policy with Trusted Types, with no violation', async () => {
    const { page, errors } = await open('/district.html');
    const response = await page.reload();
    expect(response!.headers()['content-security-policy']).toContain("require-trusted-types-for 'script'");
    await rating(page).locator('[role=radio]').nth(2).click();
    await expect.poll(() => rating(page).locator('[role=status]').textContent()).toContain('Bạn đã đánh giá 3 sao.');
    expect(errors).toEqual([]);
  });

  it('does not move the page while the widgets load slowly, on a phone, a small tablet and a desktop', async () => {
    for (const path of ['/', '/district.html']) {
      for (const width of [320, 390, 768, 1366]) {
        // a viewport as tall as the page (a shift only counts where it can be seen), and the
        // loader and the API slowed until the test lets them through, one after the other
        let loader!: ReturnType<typeof holdBack>, data!: ReturnType<typeof holdBack>;
        const { page, errors } = await open(path, width, 6000, async (page) => {
          loader = holdBack(page, '**/civic-widgets.js');
          data = holdBack(page, '**/api/v1/**');
          await Promise.all([loader.held, data.held]);
        });
        // 1. the portal's own placeholders, painted before any widget code ran
        await page.waitForFunction(() => document.readyState !== 'loading');
        await twoFrames(page);
        expect(await page.evaluate(() => ['civic-star-rating', 'civic-article-list', 'civic-photo-gallery'].map((tag) => !!customElements.get(tag)))).toEqual([
          false,
          false,
          false,
        ]);
        const placeholders = await heights(page);
        expect(Object.values(placeholders).every((height) => height > 0)).toBe(true);
        // 2. the elements' skeletons, while their data is still on the way
        loader.release();
        await rating(page).locator('[aria-busy=true]').waitFor();
        await page.locator('civic-article-list').first().locator('[aria-busy=true]').waitFor();
        await twoFrames(page);
        const skeletons = await heights(page);
        // 3. the content
        data.release();
        await rating(page).locator('[aria-busy=false]').waitFor();
        await newsLoaded(page);
        await galleryLoaded(page);
        if (path === '/') await page.locator('civic-link-directory [aria-busy=false]').waitFor();
        await twoFrames(page);
        expect({ path, width, skeletons: skeletons, content: await heights(page) }).toEqual({ path, width, skeletons: placeholders, content: placeholders });
        expect({ path, width, shift: await shifted(page) }).toEqual({ path, width, shift: 0 });
        expect(errors).toEqual([]);
        await page.close();
      }
    }
  });

  it('keeps the rating’s box when the reader has voted and when a vote could not be saved', async () => {
    for (const width of [320, 1366]) {
      const { page } = await open('/district.html', width, 6000);
      await rating(page).locator('[aria-busy=false]').waitFor();
      await twoFrames(page);
      const loaded = await heights(page);
      // voted
      await rating(page).locator('[role=radio]').nth(1).click();
      await expect.poll(() => rating(page).locator('[role=status]').textContent()).toContain('Bạn đã đánh giá 2 sao.');
      await twoFrames(page);
      expect({ width, voted: await heights(page) }).toEqual({ width, voted: loaded });
      // the next save fails, later than the 0.5 s after a click in which a shift is forgiven
      await page.route('**/api/v1/sites/*/ratings/*', async (route) => {
        if (route.request().method() !== 'PUT') return route.continue();
        await new Promise((resolve) => setTimeout(resolve, 700));
        await route.fulfill({
          status: 503,
          contentType: 'application/json',
          body: JSON.stringify({ error: { code: 'unavailable', message: 'Thử lại sau.' } }),
        });
      });
      await rating(page).locator('[role=radio]').nth(4).click();
      await rating(page).locator('[role=alert]').waitFor();
      expect(await rating(page).locator('[role=alert]').textContent()).toContain('Chưa gửi được đánh giá');
      await twoFrames(page);
      expect({ width, failed: await heights(page) }).toEqual({ width, failed: loaded });
      expect({ width, shift: await shifted(page) }).toEqual({ width, shift: 0 });
      await page.close();
    }
  });

  it('keeps a news block’s box when a site has fewer articles than the block shows', async () => {
    // The answers wait until the skeletons have been measured: the loader asks for the first page
    // while the element's code loads, so on a busy machine an answer held for a fixed time could
    // arrive before the element draws its skeleton at all.
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const { page } = await open('/', 390, 6000, (page) =>
      // the site's first page holds two articles and no more, whatever the limit
      page.route('**/api/v1/sites/*/articles?*', async (route) => {
        const response = await route.fetch();
        const body = (await response.json()) as { items: unknown[]; nextCursor: string | null };
        await released;
        await route.fulfill({ response, json: { ...body, items: body.items.slice(0, 2), nextCursor: null } });
      }),
    );
    await page.locator('civic-article-list').first().locator('[aria-busy=true]').waitFor();
    await twoFrames(page);
    const skeletons = await heights(page);
    release();
    await newsLoaded(page);
    await twoFrames(page);
    expect(await page.locator('.news-list civic-article-list ul:not([aria-hidden]) [part=title]').count()).toBe(2);
    const short = await heights(page);
    expect(Object.entries(short).filter(([name]) => name.includes('article-list'))).toEqual(
      Object.entries(skeletons).filter(([name]) => name.includes('article-list')),
    );
    expect(await shifted(page)).toBe(0);
    await page.close();
  });

  it('works embedded in a portal on another origin, with one script tag', async () => {
    // a portal page on its own (loopback) server, embedding the widget from the worker's origin
    const portal = createServer((_, response) => {
      response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      response.end(`<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Cổng TTĐT</title>
        <script type="module" src="${worker.origin}/civic-widgets.js"></script></head>
        <body><civic-star-rating site="htx-thainguyen" item="embedded-elsewhere"></civic-star-rating></body></html>`);
    });
    await new Promise<void>((resolve) => portal.listen(0, '127.0.0.1', resolve));
    const portalOrigin = `http://localhost:${(portal.address() as AddressInfo).port}`;
    try {
      // the site's admin lists the portal among the origins that may embed it
      const settings = await fetch(`${worker.origin}/api/v1/sites/htx-thainguyen/settings`, {
        method: 'PATCH',
        headers: { Authorization: `Bearer ${worker.tokens['htx-thainguyen']}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ origins: ['https://htx.example.gov.vn', portalOrigin] }),
      });
      expect(settings.status).toBe(200);

      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
      await page.goto(`${portalOrigin}/tin-tuc/bai-viet.html`);
      await rating(page).locator('[role=radio]').nth(4).click();
      await expect.poll(() => rating(page).locator('[role=status]').textContent()).toContain('Bạn đã đánh giá 5 sao.');
      const [totals] = await worker.sql(`SELECT count, total FROM rating_totals WHERE item = 'embedded-elsewhere'`);
      expect(totals).toEqual({ count: 1, total: 5 });
      expect(errors).toEqual([]);
      await page.close();
    } finally {
      portal.close();
    }
  });

  it('keeps the widget apart from the portal’s legacy global CSS', async () => {
    const { page } = await open('/');
    await rating(page).locator('[role=radio]').first().waitFor();
    // the page's Bootstrap-like rules (svg { width: 100% }, button colours…) do not reach the stars
    const starWidth = await rating(page)
      .locator('[role=radio] svg')
      .first()
      .evaluate((svg) => svg.getBoundingClientRect().width);
    expect(starWidth).toBeLessThan(40);
  });

  it('re-themes the same widget on the district page through custom properties only', async () => {
    const fill = async (path: string) => {
      const { page } = await open(path);
      const star = rating(page).locator('path.full').first();
      // the loaded state: the skeleton draws every star in the same grey on both pages
      await rating(page).locator('[part=base][aria-busy=false]').waitFor();
      return star.evaluate((element) => getComputedStyle(element).fill);
    };
    const [province, district] = [await fill('/'), await fill('/district.html')];
    expect(province).not.toBe(district);
  });
});

describe('the news blocks', () => {
  const news = (page: Page) => page.locator('.news-list civic-article-list');
  const headlines = (list: ReturnType<Page['locator']>) => list.locator('[part=title]').allTextContents();

  it('lists the province’s news with the seed article as the portal dates it, and its rating from the page', async () => {
    const { page, errors } = await open('/', 1366, 900);
    await newsLoaded(page);
    const item = news(page).locator('[part=item]', { hasText: 'Vai trò của Liên minh HTX tỉnh trong phát triển kinh tế tập thể' });
    expect(await item.locator('time').textContent()).toBe('Thứ năm - 19/04/2018 15:00');
    expect(await item.locator('[part=meta]').textContent()).toContain('Hoạt động Liên minh · Lê Huy Nhỡn');
    expect(await item.locator('a').getAttribute('href')).toBe(await page.locator('link[rel=canonical]').getAttribute('href'));
    expect(await item.locator('img').getAttribute('src')).toBe(`${worker.origin}/img/hoi-nghi-bcd.svg`);

    // a reader rates the article on its page; the list (keyed by the article's URL) shows it to
    // the next reader (a fresh browser: the list is cacheable for a minute)
    await rating(page).locator('[role=radio]').nth(4).click();
    await expect.poll(() => rating(page).locator('[role=status]').textContent()).toContain('Bạn đã đánh giá 5 sao.');
    const [, count] = /trong (\d+) đánh giá/.exec((await rating(page).locator('[part=summary]').textContent())!)!;
    const next = (await open('/', 1366, 900)).page;
    await newsLoaded(next);
    expect(await news(next).locator('[part=item]', { hasText: 'Vai trò của Liên minh HTX' }).locator('[part=rating]').textContent()).toMatch(
      new RegExp(`điểm · ${count} đánh giá$`),
    );
    expect(await news(next).locator('[part=item]', { hasText: 'Hội nghị phổ biến Luật' }).locator('[part=rating]').textContent()).toBe('Chưa có đánh giá');

    // the reader searches without diacritics, then asks for more
    await news(page).locator('input[type=search]').fill('hop tac xa');
    await expect
      .poll(() => headlines(news(page)))
      .toEqual([
        'Hội nghị phổ biến Luật Hợp tác xã năm 2012 cho cán bộ cấp xã',
        'Hợp tác xã chè Tân Cương được chứng nhận sản xuất theo tiêu chuẩn VietGAP',
        'Gian hàng hợp tác xã tại Hội chợ nông sản an toàn Thái Nguyên',
        'Cánh đồng mẫu lớn giúp xã viên Phú Bình giảm chi phí sản xuất',
        'Đặc sản gạo bao thai Định Hóa có mặt tại các siêu thị', // "…của hợp tác xã…" in its summary
      ]);
    await news(page).locator('input[type=search]').fill('');
    await expect.poll(() => headlines(news(page)).then((list) => list.length)).toBe(5);
    await news(page).locator('[part=more]').click();
    await expect.poll(() => headlines(news(page)).then((list) => list.length)).toBe(6);
    expect(errors).toEqual([]);
  });

  it('merges the two districts’ news on the province page, Phú Lương’s from its NukeViet feed', async () => {
    const { page } = await open('/', 390, 900);
    await newsLoaded(page);
    const districts = page.locator('.sidebar civic-article-list');
    expect(await headlines(districts)).toEqual([
      'Đại Từ: Hợp tác xã chè liên kết sản xuất, nâng giá trị sản phẩm',
      'Phú Lương: đường giao thông nông thôn mới về xã Yên Đổ',
      'Hợp tác xã chè Phú Đô ra mắt sản phẩm chè túi lọc',
      'Khai mạc Tuần Văn hóa – Du lịch Hồ Núi Cốc năm 2018',
      'Hội thi "Nhà nông đua tài" huyện Phú Lương năm 2018',
    ]);
    // the feed's "09:05" is NukeViet's month in the minutes: shown as the hour
    expect(await districts.locator('[part=item]').nth(1).locator('[part=meta]').textContent()).toBe(
      'Thứ năm - 10/05/2018 09:00 · Cổng thông tin điện tử huyện Phú Lương · Tin tức',
    );
    expect(await districts.locator('img, [part=summary]').count()).toBe(0);
    const [feed] = await worker.sql(
      "SELECT f.status, f.url, (SELECT count(*) FROM articles a WHERE a.site_id = f.site_id) AS articles FROM feeds f JOIN sites s ON s.id = f.site_id WHERE s.slug = 'phuluong'",
    );
    expect(feed).toEqual({ status: 'ok', url: `${worker.origin}/feeds/phuluong.rss`, articles: 5 });
  });
});

describe('the photo library', () => {
  it('opens a sidebar photo in the lightbox, walks it, and closes on Back; "Xem tất cả" leads to the albums', async () => {
    const { page, errors } = await open('/', 1366, 900);
    await galleryLoaded(page);
    const thumbs = gallery(page).locator('button.thumb');
    expect(await thumbs.count()).toBe(4);
    await thumbs.nth(2).click();
    const counter = gallery(page).locator('[part=counter]');
    await expect.poll(() => counter.textContent()).toBe('3 / 4');
    expect(await gallery(page).locator('[part=caption]').textContent()).toContain('Trao giấy khen cho các hợp tác xã điển hình tiên tiến');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => counter.textContent()).toBe('4 / 4');
    expect(page.url()).toMatch(/#photo-\d+$/);
    await page.goBack();
    await expect
      .poll(() =>
        gallery(page)
          .locator('dialog')
          .evaluate((dialog) => (dialog as HTMLDialogElement).open),
      )
      .toBe(false);
    expect(new URL(page.url()).hash).toBe('');

    await page.getByRole('link', { name: 'Xem tất cả trong Thư viện ảnh' }).click();
    await page.waitForURL(/\/thu-vien-anh/);
    await gallery(page).locator('button.card').first().waitFor();
    expect(await gallery(page).locator('button.card').allTextContents()).toEqual([
      'Hoạt động của Liên minh HTX tỉnh4 ảnh',
      'Vùng chè Tân Cương4 ảnh',
      'Hội chợ nông sản3 ảnh',
      'Cánh đồng mẫu lớn2 ảnh',
    ]);
    expect(errors).toEqual([]);
  });

  it('opens the photo a #photo-<id> link names, from the albums page, on a phone', async () => {
    const [photo] = await worker.sql(
      "SELECT p.id FROM photos p JOIN albums a ON a.id = p.album_id WHERE a.slug = 'vung-che-tan-cuong' AND p.src LIKE '%hai-che%'",
    );
    const { page, errors } = await open(`/thu-vien-anh.html#photo-${photo!.id}`);
    const lightbox = gallery(page).locator('dialog[open]');
    await lightbox.waitFor();
    expect(await lightbox.locator('[part=counter]').textContent()).toBe('2 / 4');
    expect(await lightbox.locator('[part=photo]').getAttribute('alt')).toContain('hai người đội nón lá hái chè');
    // the photo fits the phone's screen, whole
    const box = (await lightbox.locator('[part=photo]').boundingBox())!;
    expect(box.width).toBeLessThanOrEqual(390);
    await page.keyboard.press('Escape');
    await expect.poll(() => gallery(page).locator('.head').textContent()).toContain('Vùng chè Tân Cương');
    // closing goes back in history, which the browser does asynchronously
    await expect.poll(() => new URL(page.url()).hash).toBe('');
    expect(errors).toEqual([]);
  });
});

describe('the “Liên kết Website” block', () => {
  it('offers the seed’s links; choosing by keyboard stays on the page; “Đi” opens the stored URL in a new tab and counts it', async () => {
    const { page, errors } = await open('/');
    const directory = page.locator('civic-link-directory');
    await directory.locator('[aria-busy=false]').waitFor();
    expect(await directory.locator('optgroup').evaluateAll((groups) => groups.map((group) => group.getAttribute('label')))).toEqual([
      'Tỉnh Thái Nguyên',
      'Trung ương',
      'Huyện, thành phố',
    ]);
    expect(await directory.locator('option').allTextContents()).toEqual(
      expect.arrayContaining(['Cổng thông tin điện tử tỉnh Thái Nguyên', 'Liên minh Hợp tác xã Việt Nam', 'Cổng thông tin điện tử huyện Đại Từ']),
    );
    expect(await page.evaluate(() => (window as unknown as { layoutShift: number }).layoutShift)).toBe(0);

    // The new tab's request to /go/:link reaches the real worker; its redirect is recorded here
    // and not followed, so that no test ever reaches an outside site.
    const redirects: { status: number; location?: string }[] = [];
    await page.context().route(`${worker.origin}/go/*`, async (route) => {
      const response = await route.fetch({ maxRedirects: 0 });
      redirects.push({ status: response.status(), location: response.headers().location });
      await route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>stub</title>' });
    });
    const before = page.url();
    await directory.locator('select').focus();
    for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowDown');
    expect(await directory.locator('select').evaluate((select: HTMLSelectElement) => select.selectedOptions[0]!.textContent)).toBe(
      'Liên minh Hợp tác xã Việt Nam',
    );
    expect(page.url()).toBe(before);
    expect(page.context().pages()).toHaveLength(1);

    const popup = page.waitForEvent('popup');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    const tab = await popup;
    await tab.waitForLoadState();
    expect(tab.url()).toMatch(new RegExp(`^${worker.origin}/go/\\d+$`));
    expect(redirects).toEqual([{ status: 302, location: 'https://vca.org.vn/' }]);
    expect(page.url()).toBe(before);
    await expect.poll(async () => (await worker.sql(`SELECT hits FROM links WHERE url = 'https://vca.org.vn/'`))[0]).toEqual({ hits: 1 });
    expect(errors).toEqual([]);
  });
});

/** On a legacy page: the reader's 4 stars on its first vote are stored in D1 under `item`, and the second photo opens in the lightbox. */
async function votesAndOpensLightbox(page: Page, item: string) {
  await rating(page).locator('[role=radio]').nth(3).click();
  await expect.poll(() => rating(page).locator('[role=status]').textContent()).toContain('Bạn đã đánh giá 4 sao.');
  const [totals] = await worker.sql(`SELECT count, total FROM rating_totals WHERE item = '${item}'`);
  expect(totals).toEqual({ count: 1, total: 4 });
  await gallery(page).locator('button.thumb').nth(1).click();
  await expect.poll(() => gallery(page).locator('[part=counter]').textContent()).toBe('2 / 4');
}

describe('a legacy portal page (demo/legacy.html)', () => {
  it('shows all four widgets’ data beside jQuery 1.x, an AMD define, a Promise polyfill and polluted prototypes', async () => {
    const { page, errors } = await open('/legacy.html', 1366, 900);
    // the page really is that hostile: the old globals are in place before the widgets load
    expect(
      await page.evaluate(() => {
        const w = window as unknown as {
          jQuery: { fn: { jquery: string } };
          define?: ((...args: unknown[]) => void) & { amd?: object };
          Promise: unknown;
          ES6Promise: { Promise: unknown };
        };
        return {
          object: ({} as { x?: string }).x,
          array: ([] as unknown as { x?: string }).x,
          amd: typeof w.define === 'function' && !!w.define.amd,
          promise: w.Promise === w.ES6Promise.Promise,
          jquery: w.jQuery.fn.jquery,
        };
      }),
    ).toEqual({ object: 'yes', array: 'yes', amd: true, promise: true, jquery: '1.12.4' });

    await expect.poll(() => rating(page).locator('[part=summary]').textContent()).toContain('Tổng số điểm của bài viết là: 0 trong 0 đánh giá');
    await newsLoaded(page);
    expect(await page.locator('civic-article-list').locator('[part=title]').count()).toBe(5);
    expect(await page.locator('civic-article-list').locator('[part=title]').allTextContents()).toContain(
      'Vai trò của Liên minh HTX tỉnh trong phát triển kinh tế tập thể',
    );
    await galleryLoaded(page);
    expect(await gallery(page).locator('button.thumb').count()).toBe(4);
    // the directory that jQuery added once the page was ready
    const directory = page.locator('civic-link-directory');
    await directory.locator('[aria-busy=false]').waitFor();
    expect(await directory.locator('option').allTextContents()).toContain('Liên minh Hợp tác xã Việt Nam');

    // and they work: a vote goes through the polyfilled page and is stored
    await votesAndOpensLightbox(page, 'https://htx.example.gov.vn/tin-tuc/trang-cong-thong-tin-cu-99.html');
    expect(errors).toEqual([]);
  });
});

describe('a quirks-mode legacy page with Bootstrap 3 CSS (demo/legacy-quirks.html)', () => {
  it('draws every widget readable, with 24px targets, beside MooTools’ Array.from, Prototype’s toJSON and the loader included twice', async () => {
    let loader!: ReturnType<typeof holdBack>, data!: ReturnType<typeof holdBack>;
    const { page, errors } = await open('/legacy-quirks.html', 1024, 900, async (page) => {
      loader = holdBack(page, /\/(civic-widgets|index)\.js(\?.*)?$/);
      data = holdBack(page, '**/api/v1/**');
      await Promise.all([loader.held, data.held]);
    });
    await page.waitForFunction(() => document.querySelector('civic-link-directory'));
    // the page really is that hostile: no doctype, a 10px root font, MooTools' Array.from and
    // Prototype's Array#toJSON in place before the widgets load
    expect(
      await page.evaluate(() => ({
        mode: document.compatMode,
        rem: getComputedStyle(document.documentElement).fontSize,
        from: Array.from({ length: 2 }, () => 1).join(),
        json: JSON.stringify([1, 2]),
      })),
    ).toEqual({ mode: 'BackCompat', rem: '10px', from: ',', json: '"[1, 2]"' });

    // while the API is held back, the gallery's skeleton has its four boxes, and the page's
    // `* { transition: all 1s }` animates no widget from the page's text styles to its own
    loader.release();
    await gallery(page).locator('[aria-busy=true]').waitFor({ state: 'attached' });
    expect(
      await page.evaluate(() =>
        Array.from(document.querySelectorAll('civic-star-rating, civic-article-list, civic-photo-gallery')).flatMap((host) =>
          host.getAnimations().map((animation) => `${host.localName} ${(animation as CSSTransition).transitionProperty}`),
        ),
      ),
    ).toEqual([]);
    expect(await gallery(page).locator('.skeleton li').count()).toBe(4);
    data.release();

    await expect.poll(() => rating(page).locator('[part=summary]').textContent()).toContain('Tổng số điểm của bài viết là: 0 trong 0 đánh giá');
    await newsLoaded(page);
    expect(await page.locator('civic-article-list [part=title]').count()).toBe(3);
    await galleryLoaded(page);
    const directory = page.locator('civic-link-directory');
    await directory.locator('[aria-busy=false]').waitFor();

    // each star a target of at least 24 × 24 px, though 2rem is 20px here
    const stars = await rating(page)
      .locator('[role=radio]')
      .evaluateAll((radios) => radios.map((radio) => radio.getBoundingClientRect()).map(({ width, height }) => Math.min(width, height)));
    expect(stars).toHaveLength(5);
    expect(Math.min(...stars)).toBeGreaterThanOrEqual(24);
    // the rating as an inline-block (.rating-box > *) keeps a box its sentence fits in, instead of
    // the container's width 0 with the sentence spilling over the news below
    const fits = await rating(page).evaluate((host) => {
      const box = host.getBoundingClientRect();
      const sentence = host.shadowRoot!.querySelector('[part=summary]')!.getBoundingClientRect();
      return { wide: box.width >= 200, inside: sentence.right <= box.right + 0.5 && sentence.bottom <= box.bottom + 0.5 };
    });
    expect(fits).toEqual({ wide: true, inside: true });
    // the sidebar's uppercase, spaced, unwrapped letters stay the page's: the reader sees the
    // widgets' own text as written, wrapped within the 300px column
    expect(await directory.locator('.go').evaluate((go) => (go as HTMLElement).innerText)).toMatch(/^Đi\n/);
    const sidebar = await page.evaluate(() =>
      ['civic-photo-gallery', 'civic-link-directory'].map((tag) => {
        const host = document.querySelector(tag)!;
        const text = host.shadowRoot!.querySelector(':not(style)')!;
        const style = getComputedStyle(text);
        return {
          tag,
          transform: style.textTransform,
          spacing: style.letterSpacing,
          wrap: style.whiteSpace,
          align: style.textAlign,
          overflow: host.scrollWidth > host.clientWidth,
        };
      }),
    );
    for (const tag of ['civic-photo-gallery', 'civic-link-directory']) {
      expect(sidebar.find((entry) => entry.tag === tag)).toEqual({
        tag,
        transform: 'none',
        spacing: 'normal',
        wrap: 'normal',
        align: 'start',
        overflow: false,
      });
    }
    for (const target of await directory.locator('select, .go').all()) {
      expect((await target.boundingBox())!.height).toBeGreaterThanOrEqual(24);
    }

    // and they work: a vote is stored, the lightbox opens, no script error
    await votesAndOpensLightbox(page, 'https://htx.example.gov.vn/tin-tuc/trang-khong-doctype-100.html');
    // zoomed to full size on a phone, the photo opens on its middle, though Prototype's scrollTo
    // is in place
    await page.setViewportSize({ width: 390, height: 700 });
    await gallery(page).getByRole('button', { name: 'Phóng to' }).click();
    const stage = gallery(page).locator('.zoomed');
    await expect
      .poll(() => stage.evaluate((box) => box.scrollWidth > box.clientWidth && Math.abs(box.scrollLeft - (box.scrollWidth - box.clientWidth) / 2) <= 1))
      .toBe(true);
    // the photo's address is this page's, whatever its <base href> says: reloaded, it opens the
    // same photo on the same page
    expect(new URL(page.url()).pathname).toBe('/legacy-quirks');
    expect(new URL(page.url()).hash).toMatch(/^#photo-\d+$/);
    await page.reload();
    await expect.poll(() => gallery(page).locator('[part=counter]').textContent()).toBe('2 / 4');
    expect(errors).toEqual([]);
  });
});

describe('a page that includes the loader twice', () => {
  it('asks the API once for each element’s first answer: one copy acts, the other does nothing', async () => {
    // the quirks page as a CMS whose header adds `civic-widgets.js?v=…` and whose block adds
    // `civic-widgets.js` again, without the page's `index.js` (which would define every element
    // before the second copy ran, and hide it)
    const asked: string[] = [];
    const { page, errors } = await open('/legacy-quirks.html', 1024, 900, async (page) => {
      page.on('request', (request) => request.url().includes('/api/v1/') && asked.push(new URL(request.url()).pathname));
      await page.route('**/legacy-quirks.html', async (route) => {
        const response = await route.fetch();
        const body = (await response.text()).replace('<script type="module" src="/index.js"></script>', '');
        await route.fulfill({ response, body });
      });
    });
    await page.waitForLoadState('domcontentloaded');
    expect(await page.locator('script[src*="civic-widgets.js"]').count()).toBe(2);
    expect(await page.locator('script[src*="index.js"]').count()).toBe(0);
    await rating(page).locator('[aria-busy=false]').waitFor();
    await newsLoaded(page);
    await galleryLoaded(page);
    await page.locator('civic-link-directory [aria-busy=false]').waitFor();
    expect(asked.sort()).toEqual([
      '/api/v1/sites/htx-thainguyen/albums/hoat-dong-lien-minh',
      '/api/v1/sites/htx-thainguyen/articles',
      '/api/v1/sites/htx-thainguyen/links',
      '/api/v1/sites/htx-thainguyen/ratings/https%3A%2F%2Fhtx.example.gov.vn%2Ftin-tuc%2Ftrang-khong-doctype-100.html',
    ]);
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('a quirks-mode legacy page when the API fails', () => {
  it('offers each widget’s retry as a target of at least 24px, in the 11px sidebar too', async () => {
    const { page } = await open('/legacy-quirks.html', 1024, 900, (page) =>
      page.route('**/api/v1/**', (route) =>
        route.fulfill({ status: 500, contentType: 'application/json', body: '{"error":{"code":"internal","message":"Lỗi máy chủ"}}' }),
      ),
    );
    const retries = page.locator('civic-star-rating, civic-article-list, civic-photo-gallery, civic-link-directory').locator('[part=retry]:visible');
    await expect.poll(() => retries.count()).toBe(4);
    for (const retry of await retries.all()) {
      expect(await retry.textContent()).toContain('Thử lại');
      expect((await retry.boundingBox())!.height).toBeGreaterThanOrEqual(24);
    }
  });
});

describe('one hop', () => {
  it('asks for each element’s code, everything it imports and its first API answer at once, and asks the API only once', async () => {
    // Nothing the loader asks for is answered until everything has been asked for: a chunk the
    // page learnt of only from another chunk, or an API call made only once the element's code
    // ran, would never come, and the test would time out.
    const requested = new Set<string>();
    const api: string[] = [];
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const { page, errors } = await open('/', 1366, 900, (page) =>
      page.route(/\/(chunks\/.*\.js|api\/v1\/.*)$/, async (route) => {
        const path = new URL(route.request().url()).pathname;
        requested.add(path.startsWith('/chunks/') ? path.replace(/-[\w-]{8}\.js$/, '') : path);
        if (path.startsWith('/api/')) api.push(route.request().url());
        await released;
        await route.continue().catch(() => {});
      }),
    );
    const everything = [
      '/chunks/star-rating',
      '/chunks/article-list',
      '/chunks/photo-gallery',
      '/chunks/link-directory',
      '/chunks/tokens.styles',
      '/api/v1/sites/htx-thainguyen/ratings/https%3A%2F%2Fhtx.example.gov.vn%2Ftin-tuc%2Fvai-tro-cua-lien-minh-htx-tinh-trong-phat-trien-kinh-te-tap-the-1234.html',
      '/api/v1/sites/htx-thainguyen/articles',
      '/api/v1/sites/htx-thainguyen/albums/hoat-dong-lien-minh',
      '/api/v1/sites/htx-thainguyen/links',
    ];
    await expect.poll(() => everything.filter((path) => !requested.has(path)), { timeout: 10_000 }).toEqual([]);
    release();
    await rating(page).locator('[aria-busy=false]').waitFor();
    await newsLoaded(page);
    await galleryLoaded(page);
    await page.locator('civic-link-directory [aria-busy=false]').waitFor();
    // each element took the loader's answer over: one request per element, none repeated
    expect(api.length).toBe(5);
    expect(new Set(api).size).toBe(5);
    expect(errors).toEqual([]);
    await page.close();
  });
});
