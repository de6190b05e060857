import { aTimeout, expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import type { CivicErrorDetail, CivicRateDetail, CivicStarRating } from '../../packages/elements/src/star-rating/star-rating.js';
import { api, freshItem, mountRating, pageKeys, radios, visibleText, votesPerMinute } from './helpers.js';

/** Casts this network's votes on `site` until the worker answers 429 with a few seconds left in the window. */
async function useUpVotes(site: string) {
  const vote = { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: '{"stars":1}' };
  for (let i = 0; i <= 3 * votesPerMinute; i++) {
    const response = await fetch(`${api}/api/v1/sites/${site}/ratings/other-${i}`, vote);
    const retryAfter = Number(response.headers.get('Retry-After'));
    if (response.status === 429 && retryAfter >= 3) return;
    if (response.status === 429) await aTimeout(retryAfter * 1000);
  }
  throw new Error('the vote limit was never reached');
}

describe('civic-star-rating', () => {
  it('shows the portal sentence and the average as filled stars', async () => {
    const el = await mountRating({ item: 'seeded-4-of-3' });
    expect(visibleText(el)).to.contain('Tổng số điểm của bài viết là: 12 trong 3 đánh giá');
    expect(visibleText(el)).to.contain('Click để đánh giá bài viết');
    // 12 / 3 = 4 stars: four full, the fifth empty
    const widths = [...el.shadowRoot!.querySelectorAll('clipPath rect')].map((rect) => rect.getAttribute('width'));
    expect(widths).to.deep.equal(['24', '24', '24', '24', '0']);
    expect(radios(el).map((star) => star.getAttribute('aria-label'))).to.deep.equal(['1 sao', '2 sao', '3 sao', '4 sao', '5 sao']);
  });

  it('speaks English when its page does', async () => {
    const el = await mountRating({ item: 'seeded-4-of-3', lang: 'en' });
    expect(visibleText(el)).to.contain('Total score: 12 from 3 ratings');
    expect(visibleText(el)).to.contain('Click to rate this article');
    expect(el.shadowRoot!.querySelector('[role=radiogroup]')!.getAttribute('aria-label')).to.equal('Rate this article');
  });

  it('is rated with the keyboard as a radio group, and remembers the vote after a reload', async () => {
    const item = freshItem('keyboard');
    const el = await mountRating({ item });
    expect(radios(el).map((star) => star.tabIndex)).to.deep.equal([0, -1, -1, -1, -1]);

    radios(el)[0]!.focus();
    await sendKeys({ press: 'End' });
    await sendKeys({ press: 'ArrowLeft' });
    expect(el.shadowRoot!.activeElement).to.equal(radios(el)[3]);
    const rated = oneEvent(el, 'civic-rate') as Promise<CustomEvent<CivicRateDetail>>;
    await sendKeys({ press: 'Enter' });
    const { detail } = await rated;

    expect(detail.stars).to.equal(4);
    expect(detail.item).to.equal(item);
    expect(detail.summary).to.include({ count: 1, total: 4, mine: 4 });
    await el.updateComplete;
    expect(visibleText(el)).to.contain('Tổng số điểm của bài viết là: 4 trong 1 đánh giá');
    expect(radios(el)[3]!.getAttribute('aria-checked')).to.equal('true');
    expect(el.shadowRoot!.querySelector('[role=status]')!.textContent).to.contain('Bạn đã đánh giá 4 sao.');

    // a fresh element for the same item (as after a reload) shows the reader's own vote
    const again = await mountRating({ item });
    expect(visibleText(again)).to.contain('Bạn đã đánh giá 4 sao.');
    expect(radios(again).map((star) => star.getAttribute('aria-checked'))).to.deep.equal(['false', 'false', 'false', 'true', 'false']);
    expect(radios(again)[3]!.tabIndex).to.equal(0);
  });

  it('asks every reader for the same summary at its stable URL, and keeps the reader’s own vote in this browser', async () => {
    const item = freshItem('kept');
    const url = `${api}/api/v1/sites/elements/ratings/${item}`;
    const asked: string[] = [];
    const fetch = window.fetch;
    window.fetch = (input, init) => (asked.push(`${init?.method ?? 'GET'} ${String(input)}`), fetch(input, init));
    try {
      const el = await mountRating({ item });
      // nothing of the reader's in the summary's address: the edge shares one answer
      expect(asked).to.deep.equal([`GET ${url}`]);
      const rated = oneEvent(el, 'civic-rate') as Promise<CustomEvent<CivicRateDetail>>;
      radios(el)[2]!.click();
      const { detail } = await rated;
      expect(detail.summary).to.include({ count: 1, total: 3, mine: 3 });
      // this browser keeps the vote and the bookmark it was written at
      expect(localStorage.getItem(url)).to.equal(`3 ${detail.summary.bookmark}`);
      expect(detail.summary.bookmark).to.match(/^[\w-]+$/);

      // after a reload: the reader's own vote at once, and the summary read at least at that bookmark
      asked.length = 0;
      const again = await mountRating({ item });
      expect(asked).to.deep.equal([`GET ${url}?after=${detail.summary.bookmark}`]);
      expect(visibleText(again)).to.contain('Tổng số điểm của bài viết là: 3 trong 1 đánh giá');
      expect(visibleText(again)).to.contain('Bạn đã đánh giá 3 sao.');
      expect(radios(again)[2]!.getAttribute('aria-checked')).to.equal('true');

      // another reader (another browser: nothing kept) sees the vote counted, and no "mine"
      localStorage.removeItem(url);
      const other = await mountRating({ item });
      expect(visibleText(other)).to.contain('Tổng số điểm của bài viết là: 3 trong 1 đánh giá');
      expect(visibleText(other)).to.contain('Click để đánh giá bài viết');
      expect(radios(other).every((star) => star.getAttribute('aria-checked') === 'false')).to.equal(true);
    } finally {
      window.fetch = fetch;
    }
  });

  it('loads and votes when the page refuses storage', async () => {
    const refused = () => {
      throw new DOMException('storage is disabled', 'SecurityError');
    };
    const own = Object.getOwnPropertyDescriptor(window, 'localStorage');
    Object.defineProperty(window, 'localStorage', { get: refused, configurable: true });
    try {
      const el = await mountRating({ item: freshItem('no-storage') });
      expect(visibleText(el)).to.contain('Tổng số điểm của bài viết là: 0 trong 0 đánh giá');
      const rated = oneEvent(el, 'civic-rate') as Promise<CustomEvent<CivicRateDetail>>;
      radios(el)[4]!.click();
      expect((await rated).detail.summary).to.include({ count: 1, total: 5, mine: 5 });
      await el.updateComplete;
      expect(visibleText(el)).to.contain('Bạn đã đánh giá 5 sao.');
      expect(el.shadowRoot!.querySelector('[role=alert]')).to.equal(null);
    } finally {
      if (own) Object.defineProperty(window, 'localStorage', own);
      else delete (window as { localStorage?: Storage }).localStorage;
    }
  });

  it('moves with the arrow keys as a radio group without voting, and rates with Space', async () => {
    const item = freshItem('arrows');
    const el = await mountRating({ item });
    const focused = () => radios(el).indexOf(el.shadowRoot!.activeElement as HTMLElement) + 1;
    radios(el)[0]!.focus();
    const moves: [string, number][] = [
      ['ArrowRight', 2],
      ['ArrowDown', 3],
      ['ArrowUp', 2],
      ['ArrowLeft', 1],
      ['End', 5],
      ['Home', 1],
      ['ArrowLeft', 1],
    ];
    for (const [key, expected] of moves) {
      await sendKeys({ press: key });
      expect(focused(), key).to.equal(expected);
    }
    // moving is not voting: the server holds nothing for this item yet
    expect(await executeServerCommand('civic-sql', `SELECT count(*) AS n FROM rating_totals WHERE item = '${item}'`)).to.deep.equal([{ n: 0 }]);
    // the page keeps its own keys
    const pageDown = new KeyboardEvent('keydown', { key: 'PageDown', bubbles: true, cancelable: true, composed: true });
    radios(el)[0]!.dispatchEvent(pageDown);
    expect(pageDown.defaultPrevented).to.equal(false);

    await sendKeys({ press: 'ArrowRight' });
    const rated = oneEvent(el, 'civic-rate') as Promise<CustomEvent<CivicRateDetail>>;
    await sendKeys({ press: 'Space' });
    expect((await rated).detail.stars).to.equal(2);
    expect(await executeServerCommand('civic-sql', `SELECT count, total FROM rating_totals WHERE item = '${item}'`)).to.deep.equal([{ count: 1, total: 2 }]);
  });

  it('keeps the keys it acts on from the page’s own keyboard scripts, and lets Tab and the others through', async () => {
    const item = freshItem('keys');
    const el = await mountRating({ item });
    radios(el)[0]!.focus();
    const page = pageKeys();
    for (const key of ['ArrowRight', 'ArrowDown', 'ArrowUp', 'ArrowLeft', 'End', 'Home', 'Escape', 'Enter']) await sendKeys({ press: key });
    await waitUntil(() => visibleText(el).includes('Bạn đã đánh giá 1 sao.'), 'Enter did not rate');
    await sendKeys({ press: 'Space' });
    await sendKeys({ press: 'Tab' });
    page.stop();
    // a slider bound to `document` keydown saw only what the rating does nothing with
    expect(page.keys).to.deep.equal(['Escape', 'Tab']);
  });

  it('replaces the reader’s vote when they choose again, by click', async () => {
    const el = await mountRating({ item: 'seeded-4-of-3' });
    const first = oneEvent(el, 'civic-rate');
    radios(el)[1]!.click();
    await first;
    const second = oneEvent(el, 'civic-rate') as Promise<CustomEvent<CivicRateDetail>>;
    radios(el)[4]!.click();
    const { detail } = await second;
    // 3 earlier readers with 12 points, and this reader's 5 (their 2 replaced)
    expect(detail.summary).to.include({ count: 4, total: 17, mine: 5 });
    await el.updateComplete;
    expect(visibleText(el)).to.contain('17 trong 4 đánh giá');
  });

  it('rolls back the optimistic vote and says so when the save fails', async () => {
    const el = await mountRating({ site: 'elements-limited', item: 'seeded-limited' });
    expect(visibleText(el)).to.contain('7 trong 2 đánh giá');
    await useUpVotes('elements-limited');

    const failed = oneEvent(el, 'civic-error') as Promise<CustomEvent<CivicErrorDetail>>;
    radios(el)[4]!.click();
    await el.updateComplete;
    // optimistic: the reader sees their vote at once
    expect(visibleText(el)).to.contain('12 trong 3 đánh giá');
    const { detail } = await failed;
    expect(detail).to.include({ action: 'rate', status: 429 });
    await el.updateComplete;
    expect(visibleText(el)).to.contain('7 trong 2 đánh giá');
    expect(el.shadowRoot!.querySelector('[role=alert]')!.textContent).to.contain('Chưa gửi được đánh giá');
    expect(radios(el).every((star) => star.getAttribute('aria-checked') === 'false')).to.equal(true);
  });

  it('fires no event when code changes it', async () => {
    const el = await mountRating({ item: 'seeded-4-of-3' });
    const events: string[] = [];
    for (const type of ['civic-rate', 'civic-error']) el.addEventListener(type, () => events.push(type));
    el.item = freshItem('programmatic');
    el.lang = 'en';
    await waitUntil(() => visibleText(el).includes('Total score: 0 from 0 ratings'));
    await aTimeout(50);
    expect(events).to.deep.equal([]);
  });

  it('shows an error with a retry that works', async () => {
    const site = `retry-${Date.now()}`;
    const el = await mountRating({ site, item: 'x' });
    expect(el.shadowRoot!.querySelector('[role=alert]')!.textContent).to.contain('Không tải được đánh giá.');
    // the site comes into being (as when the portal's admin creates it); the reader retries
    await executeServerCommand('civic-sql', `INSERT INTO sites (slug, name, origins) VALUES ('${site}', 'Mới', '["${location.origin}"]')`);
    el.shadowRoot!.querySelector<HTMLButtonElement>('button.retry')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => visibleText(el).includes('Tổng số điểm của bài viết là: 0 trong 0 đánh giá'), 'retry did not load the summary');
    expect(el.shadowRoot!.querySelector('[role=alert]')).to.equal(null);
    // the keyboard focus stays in the widget, on the star to rate with
    await waitUntil(() => el.shadowRoot!.activeElement === radios(el)[0], 'focus was lost after retry');
  });

  it('keeps one size while loading, loaded and failed (no layout shift), even on a narrow phone', async () => {
    // 320 px: the narrowest phone a portal reader has; long lines wrap here if anywhere
    const narrow = await fixture<HTMLDivElement>(html`<div style="width: 320px"></div>`);
    const loading = document.createElement('civic-star-rating');
    Object.assign(loading, { site: 'elements', item: 'seeded-4-of-3', api });
    narrow.append(loading);
    await loading.updateComplete;
    expect(loading.shadowRoot!.querySelector('[aria-busy=true]')).to.exist;
    const loadingHeight = loading.getBoundingClientRect().height;
    await waitUntil(() => loading.shadowRoot!.querySelector('[aria-busy=false]'));
    expect(loading.getBoundingClientRect().height).to.equal(loadingHeight);

    const failed = document.createElement('civic-star-rating');
    Object.assign(failed, { site: 'no-such-site', item: 'x', api });
    narrow.append(failed);
    await waitUntil(() => failed.shadowRoot!.querySelector('[role=alert]'));
    // the error state is drawn as itself, not as a skeleton, in the same box
    expect(failed.shadowRoot!.querySelector('.loading')).to.equal(null);
    expect(failed.getBoundingClientRect().height).to.equal(loadingHeight);
  });

  it('offers a retry of at least 24 × 24 px in an 11px sidebar, in the box the page reserved', async () => {
    // an old portal's sidebar (docs/legacy-pages.md): 11px text; beside it, the height
    // docs/embedding.md tells pages to reserve for a narrow rating
    const sidebar = await fixture<HTMLDivElement>(
      html`<div style="width: 300px; font-size: 11px; line-height: 1">
        <div id="reserved" style="line-height: 1.5; min-height: calc(max(2rem, 24px) + 0.5rem + 4.5em)"></div>
      </div>`,
    );
    const loaded = document.createElement('civic-star-rating');
    const failed = document.createElement('civic-star-rating');
    Object.assign(loaded, { site: 'elements', item: 'seeded-4-of-3', api });
    Object.assign(failed, { site: 'no-such-site', item: 'x', api });
    sidebar.append(loaded, failed);
    await waitUntil(() => loaded.shadowRoot!.querySelector('[aria-busy=false]') && failed.shadowRoot!.querySelector('[role=alert]'));
    const retry = failed.shadowRoot!.querySelector('[part=retry]')!.getBoundingClientRect();
    expect(retry.height).to.be.at.least(24);
    expect(retry.width).to.be.at.least(24);
    const reserved = sidebar.querySelector('#reserved')!.getBoundingClientRect().height;
    expect(loaded.getBoundingClientRect().height).to.equal(reserved);
    expect(failed.getBoundingClientRect().height).to.equal(reserved);
    // the button is drawn within the box: nothing of it lies over the page below
    expect(retry.bottom).to.be.at.most(failed.getBoundingClientRect().bottom);
  });

  it('shows a read-only average as one image, with no radios', async () => {
    const el = await mountRating({ site: 'elements-limited', item: 'seeded-limited', readonly: true });
    expect(radios(el)).to.have.length(0);
    // 7 points from 2 ratings
    expect(el.shadowRoot!.querySelector('[role=img]')!.getAttribute('aria-label')).to.equal('Điểm trung bình: 3,5/5 sao');
    expect(visibleText(el)).not.to.contain('Click để đánh giá');
    await expect(el).to.be.accessible();
  });

  it('is accessible (axe) loaded, voted and failed', async () => {
    const el = await mountRating({ item: freshItem('axe') });
    await expect(el).to.be.accessible();
    const rated = oneEvent(el, 'civic-rate');
    radios(el)[2]!.click();
    await rated;
    await expect(el).to.be.accessible();
    const failed = await mountRating({ site: 'no-such-site', item: 'x' });
    await expect(failed).to.be.accessible();
  });

  it('rates the page’s canonical URL when no item is given', async () => {
    const link = Object.assign(document.createElement('link'), {
      rel: 'canonical',
      href: `https://portal.example.gov.vn/tin-tuc/${freshItem('canonical')}.html`,
    });
    document.head.append(link);
    try {
      const el = await fixture<CivicStarRating>(html`<civic-star-rating site="elements" api=${api}></civic-star-rating>`);
      await waitUntil(() => radios(el).length === 5);
      const rated = oneEvent(el, 'civic-rate') as Promise<CustomEvent<CivicRateDetail>>;
      radios(el)[0]!.click();
      expect((await rated).detail.item).to.equal(link.href);
    } finally {
      link.remove();
    }
  });
});
