import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../support/chromium.mjs';
import { startTestWorker } from '../support/test-worker.mjs';

let worker: Awaited<ReturnType<typeof startTestWorker>>;
let browser: Browser;

beforeAll(async () => {
  worker = await startTestWorker({ seedDemo: true });
  browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
});

afterAll(async () => {
  await browser?.close();
  await worker?.stop();
});

/** A page that records what would make a webmaster unhappy: script errors and layout shift. */
async function open(path: string, width = 390, height = 844): Promise<{ page: Page; errors: string[] }> {
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
  await page.goto(`${worker.origin}${path}`);
  return { page, errors };
}

const rating = (page: Page) => page.locator('civic-star-rating');

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

  it('does not move the page while the widget loads, on a phone, a small tablet and a desktop', async () => {
    for (const path of ['/', '/district.html']) {
      for (const width of [320, 390, 540, 768, 1366]) {
        // a viewport as tall as the page: a shift only counts where it can be seen
        const { page } = await open(path, width, 6000);
        await rating(page).locator('[aria-busy=false]').waitFor();
        if (path === '/') await page.locator('civic-link-directory [aria-busy=false]').waitFor();
        const shift = await page.evaluate(() => (window as unknown as { layoutShift: number }).layoutShift);
        expect({ path, width, shift }).toEqual({ path, width, shift: 0 });
        await page.close();
      }
    }
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
    const starWidth = await rating(page).locator('[role=radio] svg').first().evaluate((svg) => svg.getBoundingClientRect().width);
    expect(starWidth).toBeLessThan(40);
  });

  it('re-themes the same widget on the district page through custom properties only', async () => {
    const fill = async (path: string) => {
      const { page } = await open(path);
      const star = rating(page).locator('path.full').first();
      await rating(page).locator('[part=summary]').waitFor();
      return star.evaluate((element) => getComputedStyle(element).fill);
    };
    const [province, district] = [await fill('/'), await fill('/district.html')];
    expect(province).not.toBe(district);
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
    expect(await directory.locator('select').evaluate((select: HTMLSelectElement) => select.selectedOptions[0]!.textContent)).toBe('Liên minh Hợp tác xã Việt Nam');
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
