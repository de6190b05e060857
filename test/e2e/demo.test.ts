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
  await page.addInitScript(() => {
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
const gallery = (page: Page) => page.locator('civic-photo-gallery');

/** Waits until the page's photo gallery has drawn its photos and every thumbnail has arrived. */
async function galleryLoaded(page: Page) {
  await gallery(page).locator('[aria-busy=false]').waitFor();
  await page.waitForFunction(() =>
    Array.from(document.querySelector('civic-photo-gallery')!.shadowRoot!.querySelectorAll('img')).every((img) => img.complete),
  );
}

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

    // what D1 holds: one vote of 4 on the page's canonical URL, and no address of the reader
    const canonical = await page.locator('link[rel=canonical]').getAttribute('href');
    const [totals] = await worker.sql(`SELECT count, total FROM rating_totals WHERE item = '${canonical}'`);
    expect(totals).toEqual({ count: 1, total: 4 });
    const votes = JSON.stringify(await worker.sql('SELECT * FROM rating_votes'));
    expect(votes).not.toContain('127.0.0.1');
    expect(errors).toEqual([]);
  });

  it('does not move the page while the widgets load, on a phone, a small tablet and a desktop', async () => {
    for (const path of ['/', '/district.html']) {
      for (const width of [320, 390, 540, 768, 1366]) {
        // a viewport as tall as the page: a shift only counts where it can be seen
        const { page } = await open(path, width, 6000);
        await rating(page).locator('[aria-busy=false]').waitFor();
        await galleryLoaded(page);
        const shift = await page.evaluate(() => (window as unknown as { layoutShift: number }).layoutShift);
        expect({ path, width, shift }).toEqual({ path, width, shift: 0 });
        await page.close();
      }
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
    await expect.poll(() => gallery(page).locator('dialog').evaluate((dialog) => (dialog as HTMLDialogElement).open)).toBe(false);
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
    const [photo] = await worker.sql("SELECT p.id FROM photos p JOIN albums a ON a.id = p.album_id WHERE a.slug = 'vung-che-tan-cuong' AND p.src LIKE '%hai-che%'");
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
    expect(new URL(page.url()).hash).toBe('');
    expect(errors).toEqual([]);
  });
});
