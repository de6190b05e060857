import { aTimeout, expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import '../../packages/elements/src/article-list/article-list.js';
import type { CivicArticleList, CivicArticlesLoadDetail } from '../../packages/elements/src/article-list/article-list.js';
import type { CivicErrorDetail } from '../../packages/elements/src/star-rating/star-rating.js';
import { api, tokens, visibleText } from './helpers.js';

// The real worker holds these articles, written through its admin API as a portal's CMS would.
const run = Date.now().toString(36);
const category = `tin-${run}`;
const empty = `trong-${run}`;

async function admin(site: string, path: string, body: unknown) {
  const response = await fetch(`${api}/api/v1/sites/${site}${path}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${tokens[site]}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
}

/** 12 articles, a day apart, the newest on the seed page's date and time. */
const articles = Array.from({ length: 12 }, (_, i) => ({
  key: `${run}-${i}`,
  title: i === 1 ? 'Hợp tác xã chè Tân Cương mở rộng vùng nguyên liệu' : i === 4 ? 'HỢP TÁC XÃ NÔNG NGHIỆP Đồng Hỷ' : `Tin số ${i} của Liên minh HTX tỉnh`,
  summary: `Tóm tắt tin số ${i}: những năm qua, Liên minh HTX tỉnh Thái Nguyên đã có nhiều đổi mới về tổ chức và hoạt động, góp phần phát triển kinh tế tập thể.`,
  url: `https://htx.example.gov.vn/tin-tuc/${run}-${i}.html`,
  image: i % 3 === 2 ? null : { url: `${api}/img/thu-vien-hoi-nghi.svg`, alt: `Ảnh minh họa tin ${i}`, width: 240, height: 160 },
  author: 'Lê Huy Nhỡn',
  category,
  publishedAt: new Date(Date.UTC(2018, 3, 19, 8) - i * 86_400_000).toISOString(),
}));

before(async () => {
  // the worker has just started and been given its sites: wait until it serves them to this page
  await waitUntil(
    () =>
      fetch(`${api}/api/v1/sites/elements`).then(
        (response) => response.ok,
        () => false,
      ),
    'the worker does not serve the test site',
    { timeout: 5000 },
  );
  await admin('elements', '/categories', { slug: category, title: 'Tin tức' });
  await admin('elements', '/categories', { slug: empty, title: 'Chuyên mục trống' });
  await admin('elements', '/articles/bulk', { articles });
  await admin('elements-limited', '/categories', { slug: category, title: 'Tin huyện' });
  await admin('elements-limited', '/articles/bulk', {
    articles: [
      {
        key: `${run}-other`,
        title: 'Tin của trang thứ hai',
        url: 'https://daitu.example.gov.vn/tin-tuc/x.html',
        category,
        publishedAt: '2018-04-18T20:00:00+07:00',
      },
    ],
  });
});

const shadow = (el: Element) => el.shadowRoot!;
const items = (el: CivicArticleList) => [...shadow(el).querySelectorAll<HTMLLIElement>('ul:not([aria-hidden]) > li')];
const titles = (el: CivicArticleList) => items(el).map((li) => li.querySelector('[role=heading]')!.textContent!.trim());
const moreButton = (el: CivicArticleList) => shadow(el).querySelector<HTMLButtonElement>('[part=more]')!;
const settled = (el: CivicArticleList) => waitUntil(() => shadow(el).querySelector('[aria-busy=false]'), 'the list did not finish loading');

async function mount(attributes: string, width = 720) {
  const box = await fixture<HTMLDivElement>(html`<div style="width: ${width}px"></div>`);
  box.innerHTML = `<civic-article-list api="${api}" ${/\blang=/.test(attributes) ? '' : 'lang="vi"'} ${attributes}></civic-article-list>`;
  const el = box.firstElementChild as CivicArticleList;
  await settled(el);
  return el;
}

describe('civic-article-list', () => {
  it('lists the newest articles with thumbnails, portal times and titles linking to the portal', async () => {
    const el = await mount(`site="elements" category="${category}" limit="5"`);
    expect(titles(el)).to.deep.equal([articles[0]!.title, articles[1]!.title, articles[2]!.title, articles[3]!.title, articles[4]!.title]);
    const [first] = items(el);
    const link = first!.querySelector('a')!;
    expect(link.href).to.equal(articles[0]!.url);
    const img = first!.querySelector('img')!;
    expect([img.getAttribute('loading'), img.getAttribute('width'), img.getAttribute('height'), img.alt]).to.deep.equal([
      'lazy',
      '240',
      '160',
      'Ảnh minh họa tin 0',
    ]);
    // no picture: an empty frame, no broken image
    expect(items(el)[2]!.querySelector('img')).to.equal(null);
    const time = first!.querySelector('time')!;
    expect(time.textContent).to.equal('Thứ năm - 19/04/2018 15:00');
    expect(time.getAttribute('datetime')).to.equal('2018-04-19T08:00:00.000Z');
    expect(first!.querySelector('[part=meta]')!.textContent).to.contain('Tin tức · Lê Huy Nhỡn');
    expect(first!.querySelector('[part=summary]')!.textContent).to.equal(articles[0]!.summary);
    expect(shadow(el).querySelector('ul')!.getAttribute('role')).to.equal('list');
    expect(first!.querySelector('[role=heading]')!.getAttribute('aria-level')).to.equal('3');
    await expect(el).to.be.accessible();
  });

  it('loads the next page with “Xem thêm”, takes focus to the first new article, and ends', async () => {
    const el = await mount(`site="elements" category="${category}" limit="5"`);
    expect(moreButton(el).textContent!.trim()).to.equal('Xem thêm');
    const loaded = oneEvent(el, 'civic-load') as Promise<CustomEvent<CivicArticlesLoadDetail>>;
    moreButton(el).click();
    const { detail } = await loaded;
    expect(detail.items.map((item) => item.key)).to.deep.equal([5, 6, 7, 8, 9].map((i) => `${run}-${i}`));
    await el.updateComplete;
    expect(titles(el)).to.have.length(10);
    expect(shadow(el).activeElement).to.equal(items(el)[5]!.querySelector('a'));
    expect(shadow(el).querySelector('[role=status]')!.textContent).to.equal('Đã tải thêm 5 tin bài.');

    moreButton(el).click();
    await waitUntil(() => titles(el).length === 12);
    // the last page: the button keeps its place (nothing below moves) but is gone
    expect(getComputedStyle(moreButton(el)).visibility).to.equal('hidden');
    expect(new Set(titles(el)).size).to.equal(12);
  });

  it('filters as the reader types, once they pause, without regard to diacritics', async () => {
    const el = await mount(`site="elements" category="${category}" limit="5" search`);
    const input = shadow(el).querySelector('input')!;
    expect(input.labels![0]!.textContent).to.contain('Tìm tin bài');
    const loads: string[] = [];
    el.addEventListener('civic-load', (event) => loads.push((event as CustomEvent<CivicArticlesLoadDetail>).detail.q));
    input.focus();
    await sendKeys({ type: 'hop tac xa' });
    await waitUntil(() => loads.length > 0 && el.shadowRoot!.querySelector('[aria-busy=false]'), 'no search result');
    await aTimeout(400);
    // one request for the whole phrase, not one per key
    expect(loads).to.deep.equal(['hop tac xa']);
    const searches = performance.getEntriesByType('resource').filter((entry) => entry.name.includes(`category=${category}`) && entry.name.includes('&q='));
    expect(searches.map((entry) => new URL(entry.name).searchParams.get('q'))).to.deep.equal(['hop tac xa']);
    expect(titles(el)).to.deep.equal([articles[1]!.title, articles[4]!.title]);
    expect(shadow(el).querySelector('[role=status]')!.textContent).to.equal('Hiển thị 2 tin bài.');
    expect(shadow(el).activeElement).to.equal(input);

    await sendKeys({ type: ' khong co' });
    await waitUntil(() => visibleText(el).includes('Không tìm thấy tin bài nào với “hop tac xa khong co”.'), 'no empty state');
    await expect(el).to.be.accessible();
  });

  it('draws a grid of cards, or a static column of headlines, at the heading level of the page', async () => {
    const grid = await mount(`site="elements" category="${category}" limit="4" layout="grid" heading-level="2"`, 960);
    const columns = getComputedStyle(shadow(grid).querySelector('ul')!).gridTemplateColumns.split(' ');
    expect(columns.length).to.be.greaterThan(2);
    expect(items(grid)[0]!.querySelector('[role=heading]')!.getAttribute('aria-level')).to.equal('2');
    await expect(grid).to.be.accessible();

    const compact = await mount(`site="elements" category="${category}" limit="4" layout="compact"`, 300);
    expect(titles(compact)).to.have.length(4);
    expect(shadow(compact).querySelector('img, [part=summary], .img')).to.equal(null);
    expect(items(compact)[0]!.querySelector('time')!.textContent).to.equal('Thứ năm - 19/04/2018 15:00');
    // nothing moves by itself: no animation or transition anywhere in the element
    const moving = [...shadow(compact).querySelectorAll('*')].filter(
      (node) => getComputedStyle(node).animationName !== 'none' || getComputedStyle(node).transitionDuration !== '0s',
    );
    expect(moving).to.deep.equal([]);
    await expect(compact).to.be.accessible();
  });

  it('keeps one height while loading, loaded, empty and failed, so the page does not jump', async () => {
    for (const layout of ['list', 'compact']) {
      const box = await fixture<HTMLDivElement>(html`<div style="width: 360px"></div>`);
      const states = [`site="elements" category="${category}"`, `site="elements" category="${empty}"`, `site="no-such-site-${run}"`].map((attributes) => {
        box.insertAdjacentHTML(
          'beforeend',
          `<civic-article-list api="${api}" layout="${layout}" limit="4" rating="summary" ${attributes}></civic-article-list>`,
        );
        return box.lastElementChild as CivicArticleList;
      });
      await Promise.all(states.map((el) => el.updateComplete));
      expect(states.every((el) => shadow(el).querySelector('[aria-busy=true] .skel'))).to.equal(true);
      const skeleton = states[0]!.getBoundingClientRect().height;
      await Promise.all(states.map(settled));
      const [loaded, none, failed] = states as [CivicArticleList, CivicArticleList, CivicArticleList];
      expect(visibleText(none)).to.contain('Chưa có tin bài nào.');
      expect(failed.shadowRoot!.querySelector('[role=alert]')!.textContent).to.contain('Không tải được tin bài.');
      expect(states.map((el) => el.getBoundingClientRect().height)).to.deep.equal([skeleton, skeleton, skeleton]);
      expect({ layout, loaded: titles(loaded).length }).to.deep.equal({ layout, loaded: 4 });
      await expect(failed).to.be.accessible();
    }
  });

  it('shows an error with a retry that works, and reports it', async () => {
    const site = `late-${run}`;
    const box = await fixture<HTMLDivElement>(html`<div></div>`);
    const el = Object.assign(document.createElement('civic-article-list'), { site, api });
    const failed = oneEvent(el, 'civic-error') as Promise<CustomEvent<CivicErrorDetail>>;
    box.append(el);
    // the worker's 404 for an unknown site is readable from any page
    expect((await failed).detail).to.include({ action: 'load', status: 404 });
    await el.updateComplete;
    // the site comes into being; the reader retries
    await executeServerCommand('civic-sql', `INSERT INTO sites (slug, name, origins) VALUES ('${site}', 'Mới', '["${location.origin}"]')`);
    shadow(el).querySelector<HTMLButtonElement>('[part=retry]')!.click();
    await waitUntil(() => visibleText(el).includes('Chưa có tin bài nào.'), 'retry did not load');
    expect(shadow(el).querySelector('[role=alert]')).to.equal(null);
  });

  it('merges several sites by date, naming each article’s site', async () => {
    const el = await mount(`sites="elements,elements-limited" category="${category}" limit="3"`);
    expect(titles(el)).to.deep.equal([articles[0]!.title, 'Tin của trang thứ hai', articles[1]!.title]);
    expect(items(el)[1]!.querySelector('[part=meta]')!.textContent).to.contain('Trang giới hạn · Tin huyện');
    expect(items(el)[0]!.querySelector('[part=meta]')!.textContent).to.contain('Trang thử nghiệm · Tin tức');
  });

  it('shows the ratings readers gave on the portal, and offers interactive stars on demand', async () => {
    const vote = await fetch(`${api}/api/v1/sites/elements/ratings/${encodeURIComponent(articles[0]!.url)}`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: '{"stars":4}',
    });
    expect(vote.status).to.equal(200);
    const summary = await mount(`site="elements" category="${category}" limit="2" rating="summary"`);
    expect(items(summary)[0]!.querySelector('[part=rating]')!.textContent).to.equal('4 điểm · 1 đánh giá');
    expect(items(summary)[1]!.querySelector('[part=rating]')!.textContent).to.equal('Chưa có đánh giá');

    const interactive = await mount(`site="elements" category="${category}" limit="2" rating="interactive"`);
    await waitUntil(() => customElements.get('civic-star-rating'), 'the star rating was not loaded');
    const stars = shadow(interactive).querySelector('civic-star-rating')!;
    expect([stars.getAttribute('site'), stars.getAttribute('item')]).to.deep.equal(['elements', articles[0]!.url]);
    await waitUntil(() => visibleText(stars).includes('Tổng số điểm của bài viết là: 4 trong 1 đánh giá'));
  });

  it('renders hostile data as text, and links and images only to http(s)', async () => {
    const hostile = `hostile-${run}`;
    await admin('elements', '/categories', { slug: hostile, title: 'Thử' });
    // as if the database had been written by something less careful than the admin API
    await executeServerCommand(
      'civic-sql',
      `INSERT INTO articles (id, site_id, external_key, title, summary, url, image_url, image_alt, category_id, published_at, updated_at)
       SELECT 1524124800 * 1048576 + 7, s.id, 'x-${run}', '<img src=x onerror="window.hacked=1">', '<script>window.hacked=1</script>', 'javascript:window.hacked=1', 'javascript:window.hacked=1', '"><b>', c.id, 1524124800, 1524124800
       FROM sites s JOIN categories c ON c.site_id = s.id AND c.slug = '${hostile}' WHERE s.slug = 'elements'`,
    );
    const el = await mount(`site="elements" category="${hostile}"`);
    expect(titles(el)).to.deep.equal(['<img src=x onerror="window.hacked=1">']);
    expect(shadow(el).querySelector('li a, li img, li script')).to.equal(null);
    expect(items(el)[0]!.querySelector('[part=summary]')!.textContent).to.equal('<script>window.hacked=1</script>');
    expect((window as unknown as { hacked?: number }).hacked).to.equal(undefined);
  });

  it('speaks English when its page does', async () => {
    const el = await mount(`site="elements" category="${category}" limit="2" rating="summary" lang="en"`);
    expect(items(el)[0]!.querySelector('time')!.textContent).to.equal('Thursday - 19/04/2018 15:00');
    expect(moreButton(el).textContent!.trim()).to.equal('More news');
    expect(items(el)[0]!.querySelector('[part=rating]')!.textContent).to.match(/^4\/5 · 1 rating$/);
  });
});
