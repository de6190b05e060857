import { aTimeout, expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { emulateMedia, executeServerCommand, sendKeys, sendMouse } from '@web/test-runner-commands';
import '../../packages/elements/src/photo-gallery/photo-gallery.js';
import type { CivicPhotoDetail, CivicPhotoGallery } from '../../packages/elements/src/photo-gallery/photo-gallery.js';
import { api, freshItem, pageKeys, tokens, visibleText } from './helpers.js';

// Every album is made through the real admin API of the test worker; the pictures are the demo's
// drawings, served by the test page's own server.
const pictures: [string, number, number][] = [
  ['hoi-truong', 1200, 800],
  ['hai-che', 800, 1000],
  ['doi-che-sang-som', 1200, 800],
  ['sao-che', 1200, 800],
  ['gao-bao-thai', 1200, 800],
  ['lua-chin', 1200, 800],
];
const picture = (i: number) => pictures[i % pictures.length]!;

async function admin<T>(method: string, path: string, body: unknown): Promise<T> {
  const response = await fetch(`${api}/api/v1/sites/elements${path}`, {
    method,
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${tokens.elements}` },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return response.json() as Promise<T>;
}

/** A new album of `count` photos: "Ảnh 1" … with captions, credits, a thumbnail and a larger variant each. */
async function album(count: number, title = 'Đại hội Liên minh HTX tỉnh') {
  const slug = freshItem('album').toLowerCase();
  await admin('POST', '/albums', { slug, title });
  const photos = await Promise.all(
    Array.from({ length: count }, (_, i) => {
      const [name, width, height] = picture(i);
      const src = `${location.origin}/demo/img/anh/${name}.svg`;
      return admin<{ id: number; alt: string }>('POST', `/albums/${slug}/photos`, {
        src,
        width,
        height,
        alt: `Ảnh ${i + 1}: hình vẽ ${name}`,
        caption: `Chú thích ảnh ${i + 1}`,
        credit: 'Liên minh HTX tỉnh',
        thumbnail: { src: `${src}?w=360`, width: 360 },
        variants: [{ src: `${src}?w=2400`, width: 2400 }],
        weight: i,
      });
    }),
  );
  return { slug, photos };
}

/**
 * Mounts a gallery. Readers' browsers keep an albums list for a minute (Cache-Control), so each
 * test that shows covers asks with its own `limit` to see the albums made just before.
 */
async function mount(attributes: { album?: string; limit?: number; layout?: string; lang?: string; site?: string }, width = 400) {
  const wrapper = await fixture<HTMLDivElement>(
    html`<div style="width: ${width}px">
      <button id="before">trước</button>
      <civic-photo-gallery site=${attributes.site ?? 'elements'} album=${attributes.album ?? ''} limit=${attributes.limit ?? 0} layout=${attributes.layout ?? 'grid'} lang=${attributes.lang ?? 'vi'} api=${api}></civic-photo-gallery>
      <p id="after">sau</p>
    </div>`,
  );
  const el = wrapper.querySelector('civic-photo-gallery')!;
  return { el, wrapper, root: el.shadowRoot! };
}

const loaded = (el: CivicPhotoGallery) => waitUntil(() => el.shadowRoot!.querySelector('[aria-busy=false]'), 'the gallery did not finish loading');
const thumbs = (el: CivicPhotoGallery) => [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('button.thumb')];
const dialog = (el: CivicPhotoGallery) => el.shadowRoot!.querySelector('dialog')!;
const counter = (el: CivicPhotoGallery) => el.shadowRoot!.querySelector('[part=counter]')?.textContent?.trim();
const control = (el: CivicPhotoGallery, label: string) => el.shadowRoot!.querySelector<HTMLButtonElement>(`dialog button[aria-label="${label}"]`)!;
/** Clicks thumbnail `i` and waits for the lightbox. */
async function openAt(el: CivicPhotoGallery, i: number) {
  thumbs(el)[i]!.click();
  await waitUntil(() => dialog(el).open, 'the lightbox did not open');
}

async function shiftTab() {
  await sendKeys({ down: 'Shift' });
  await sendKeys({ press: 'Tab' });
  await sendKeys({ up: 'Shift' });
}
const active = (el: CivicPhotoGallery) => el.shadowRoot!.activeElement;
const lightboxPhoto = (el: CivicPhotoGallery) => el.shadowRoot!.querySelector<HTMLImageElement>('[part=photo]')!;

afterEach(() => history.replaceState(null, '', location.pathname + location.search));

describe('civic-photo-gallery', () => {
  it('lays thumbnails out in boxes sized before they load: the page below never moves', async () => {
    const { slug, photos } = await album(6);
    const { el, wrapper } = await mount({ album: slug, limit: 6 });
    const after = wrapper.querySelector('#after')!;
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[aria-busy=true]'), 'a skeleton while loading').to.exist;
    const skeletonTop = after.getBoundingClientRect().top;

    await loaded(el);
    const images = [...el.shadowRoot!.querySelectorAll<HTMLImageElement>('[part=image]')];
    // measured as soon as they are drawn, before the pictures have arrived
    const boxes = images.map((img) => img.getBoundingClientRect());
    expect(after.getBoundingClientRect().top).to.equal(skeletonTop);
    for (const box of boxes) expect(box.height).to.be.closeTo((box.width * 2) / 3, 0.5);

    expect(images.map((img) => img.alt)).to.deep.equal(photos.map((photo) => photo.alt));
    const first = images[0]!;
    expect(first.loading).to.equal('lazy');
    expect([first.getAttribute('width'), first.getAttribute('height')]).to.deep.equal(['1200', '800']);
    expect(first.getAttribute('srcset')).to.match(/\?w=360 360w,.*hoi-truong\.svg 1200w,.*\?w=2400 2400w$/);
    expect(first.getAttribute('sizes')).to.contain('auto');

    await waitUntil(() => images.every((img) => img.complete), 'the thumbnails did not load');
    expect(after.getBoundingClientRect().top).to.equal(skeletonTop);
    expect(images.map((img) => img.getBoundingClientRect().height)).to.deep.equal(boxes.map((box) => box.height));
  });

  it('sizes each photo of a strip from its own width and height', async () => {
    const { slug } = await album(2);
    const { el } = await mount({ album: slug, layout: 'strip' });
    await loaded(el);
    const [wide, tall] = [...el.shadowRoot!.querySelectorAll<HTMLImageElement>('[part=image]')].map((img) => img.getBoundingClientRect());
    expect(wide!.height).to.equal(128);
    expect(wide!.width).to.be.closeTo(192, 0.5);
    expect(tall!.width).to.be.closeTo(102.4, 0.5);
  });

  it('is walked with the keyboard alone: open, next, previous, zoom, focus kept inside, close, focus back', async () => {
    const { slug, photos } = await album(4);
    const { el, wrapper } = await mount({ album: slug });
    await loaded(el);
    wrapper.querySelector<HTMLButtonElement>('#before')!.focus();
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    expect(active(el)).to.equal(thumbs(el)[1]);

    const opened = oneEvent(el, 'civic-open') as Promise<CustomEvent<CivicPhotoDetail>>;
    await sendKeys({ press: 'Enter' });
    expect((await opened).detail).to.deep.equal({ album: slug, photo: photos[1]!.id, index: 1 });
    expect(dialog(el).open).to.equal(true);
    expect(dialog(el).matches(':modal')).to.equal(true);
    expect(counter(el)).to.equal('2 / 4');
    expect(location.hash).to.equal(`#photo-${photos[1]!.id}`);
    expect(active(el)).to.equal(control(el, 'Đóng'));
    expect(visibleText(el)).to.contain('Chú thích ảnh 2');
    expect(visibleText(el)).to.contain('Ảnh: Liên minh HTX tỉnh');

    await sendKeys({ press: 'ArrowRight' });
    await el.updateComplete;
    expect(counter(el)).to.equal('3 / 4');
    expect(lightboxPhoto(el).alt).to.equal(photos[2]!.alt);
    expect(location.hash).to.equal(`#photo-${photos[2]!.id}`);
    await sendKeys({ press: 'ArrowLeft' });
    await sendKeys({ press: 'ArrowLeft' });
    await sendKeys({ press: 'ArrowLeft' });
    await el.updateComplete;
    expect(counter(el), 'around the album from the first to the last').to.equal('4 / 4');

    // zoom to full size and back, by its button
    await shiftTab();
    await shiftTab();
    expect(active(el)).to.equal(control(el, 'Phóng to'));
    const fitWidth = lightboxPhoto(el).getBoundingClientRect().width;
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(control(el, 'Phóng to').getAttribute('aria-pressed')).to.equal('true');
    // the largest variant's width, in CSS pixels
    expect(lightboxPhoto(el).getBoundingClientRect().width).to.equal(2400);
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(lightboxPhoto(el).getBoundingClientRect().width).to.equal(fitWidth);

    // the focus stays inside: back from the first control to the last, and on from the last to the first
    await shiftTab();
    expect(active(el)).to.equal(control(el, 'Ảnh sau'));
    await sendKeys({ press: 'Tab' });
    expect(active(el)).to.equal(control(el, 'Phóng to'));
    for (let i = 0; i < 8; i++) {
      await sendKeys({ press: 'Tab' });
      expect(dialog(el).contains(active(el))).to.equal(true);
    }

    const closed = oneEvent(el, 'civic-close') as Promise<CustomEvent<CivicPhotoDetail>>;
    await sendKeys({ press: 'Escape' });
    expect((await closed).detail).to.deep.equal({ album: slug, photo: photos[3]!.id, index: 3 });
    expect(dialog(el).open).to.equal(false);
    expect(active(el), 'the focus is back on the thumbnail that opened it').to.equal(thumbs(el)[1]);
    await waitUntil(() => location.hash === '', 'the #photo link was not taken back');
  });

  it('keeps the lightbox’s keys from the page’s own keyboard scripts, Tab excepted', async () => {
    const { slug } = await album(3);
    const { el } = await mount({ album: slug });
    await loaded(el);
    await openAt(el, 0);
    const page = pageKeys();
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'ArrowLeft' });
    await sendKeys({ press: 'ArrowLeft' });
    await el.updateComplete;
    expect(counter(el)).to.equal('3 / 3');
    await sendKeys({ press: 'Tab' });
    expect(active(el)).to.equal(control(el, 'Ảnh trước'));
    control(el, 'Phóng to').focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(control(el, 'Phóng to').getAttribute('aria-pressed')).to.equal('true');
    // zoomed, the arrows move the photo, not the album nor the page's carousel
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Space' });
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !dialog(el).open, 'Escape did not close the lightbox');
    page.stop();
    expect(page.keys).to.deep.equal(['Tab']);
  });

  it('opens the photo of a #photo-<id> link on load, even from the album covers', async () => {
    const { slug, photos } = await album(4);
    history.replaceState(null, '', `#photo-${photos[2]!.id}`);
    const { el } = await mount({ album: slug });
    await waitUntil(() => dialog(el).open, 'the deep link did not open the lightbox');
    expect(counter(el)).to.equal('3 / 4');
    expect(lightboxPhoto(el).alt).to.equal(photos[2]!.alt);
    dialog(el).close();
    await waitUntil(() => location.hash === '');
    await waitUntil(() => active(el) === thumbs(el)[2]);

    // no album: the covers find the photo's album and open it there
    history.replaceState(null, '', `#photo-${photos[3]!.id}`);
    const covers = await mount({ limit: 40 });
    await waitUntil(() => dialog(covers.el).open, 'the deep link did not open the lightbox from the covers');
    expect(counter(covers.el)).to.equal('4 / 4');
    expect(covers.root.querySelector('.head')!.textContent).to.contain('Đại hội Liên minh HTX tỉnh');
  });

  it('closes on the browser’s Back, giving the focus back', async () => {
    const { slug, photos } = await album(3);
    const { el } = await mount({ album: slug });
    await loaded(el);
    // opened by a real key press: Chrome's Back skips history entries a page added without one
    thumbs(el)[0]!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => dialog(el).open);
    expect(location.hash).to.equal(`#photo-${photos[0]!.id}`);
    const closed = oneEvent(el, 'civic-close');
    history.back();
    await closed;
    expect(dialog(el).open).to.equal(false);
    expect(location.hash).to.equal('');
    expect(active(el)).to.equal(thumbs(el)[0]);
  });

  it('goes to the next photo on a swipe, zooms on a double tap, and closes by its button', async () => {
    const { slug } = await album(3);
    const { el } = await mount({ album: slug });
    await loaded(el);
    await openAt(el, 0);
    const box = lightboxPhoto(el).getBoundingClientRect();
    const [x, y] = [Math.round(box.left + box.width / 2), Math.round(box.top + box.height / 2)];
    await sendMouse({ type: 'move', position: [x + 80, y] });
    await sendMouse({ type: 'down' });
    await sendMouse({ type: 'move', position: [x - 80, y + 10] });
    await sendMouse({ type: 'up' });
    await waitUntil(() => counter(el) === '2 / 3', 'a swipe to the left did not go on');

    lightboxPhoto(el).dispatchEvent(new MouseEvent('dblclick', { bubbles: true, composed: true }));
    await el.updateComplete;
    expect(control(el, 'Phóng to').getAttribute('aria-pressed')).to.equal('true');
    expect(el.shadowRoot!.querySelector('.zoomed')).to.exist;
    lightboxPhoto(el).dispatchEvent(new MouseEvent('dblclick', { bubbles: true, composed: true }));
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('.zoomed')).to.equal(null);

    // the close button closes it too, and the focus goes back to the thumbnail
    const closed = oneEvent(el, 'civic-close') as Promise<CustomEvent<CivicPhotoDetail>>;
    control(el, 'Đóng').click();
    expect((await closed).detail.index).to.equal(1);
    expect(dialog(el).open).to.equal(false);
    expect(active(el)).to.equal(thumbs(el)[0]);
  });

  it('plays a slideshow only when the reader presses play', async () => {
    const { slug } = await album(3);
    const { el } = await mount({ album: slug });
    await loaded(el);
    await openAt(el, 0);
    await aTimeout(4500);
    expect(counter(el), 'nothing moves by itself').to.equal('1 / 3');
    control(el, 'Trình chiếu').click();
    await el.updateComplete;
    expect(control(el, 'Trình chiếu').getAttribute('aria-pressed')).to.equal('true');
    // while it plays, each change is not read out
    expect(el.shadowRoot!.querySelector('figure')!.getAttribute('aria-live')).to.equal('off');
    await waitUntil(() => counter(el) === '2 / 3', 'the slideshow did not go on', { timeout: 6000 });
    control(el, 'Trình chiếu').click();
    await el.updateComplete;
    expect(control(el, 'Trình chiếu').getAttribute('aria-pressed')).to.equal('false');
  });

  it('respects prefers-reduced-motion', async () => {
    const { slug } = await album(1);
    const { el } = await mount({ album: slug });
    await loaded(el);
    await openAt(el, 0);
    expect(getComputedStyle(dialog(el)).animationName).to.equal('fade');
    await emulateMedia({ reducedMotion: 'reduce' });
    try {
      expect(getComputedStyle(dialog(el)).animationName).to.equal('none');
    } finally {
      await emulateMedia({ reducedMotion: 'no-preference' });
    }
  });

  it('shows the site’s albums as covers that open inside, and goes back to them', async () => {
    const { slug } = await album(2, 'Vùng chè Tân Cương');
    const { el } = await mount({ lang: 'en', limit: 41 });
    await loaded(el);
    const cards = [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('button.card')];
    const card = cards.find((button) => button.textContent!.includes('Vùng chè Tân Cương'))!;
    expect(card.textContent).to.contain('2 photos');
    card.click();
    await waitUntil(() => thumbs(el).length === 2, 'the album did not open');
    expect(active(el)).to.equal(el.shadowRoot!.querySelector('.back'));
    expect(el.shadowRoot!.querySelector('.back')!.textContent).to.contain('All albums');
    await openAt(el, 0);
    expect(control(el, 'Next photo')).to.exist;
    expect(dialog(el).getAttribute('aria-label')).to.equal('Vùng chè Tân Cương');
    dialog(el).close();
    await waitUntil(() => !dialog(el).open);
    (el.shadowRoot!.querySelector('.back') as HTMLButtonElement).click();
    await waitUntil(() => el.shadowRoot!.querySelectorAll('button.card').length > 0);
    await waitUntil(() => active(el)?.textContent?.includes(`Vùng chè Tân Cương`) ?? false, 'the focus did not return to the album’s cover');
    expect(slug).to.be.a('string');
  });

  it('loads a large album page by page, from the "more" button and from the lightbox', async () => {
    const { slug } = await album(1);
    // 49 more photos straight in D1: one more than a page
    await executeServerCommand(
      'civic-sql',
      `WITH RECURSIVE n(i) AS (SELECT 2 UNION ALL SELECT i + 1 FROM n WHERE i < 50)
       INSERT INTO photos (site_id, album_id, src, width, height, alt, weight)
       SELECT a.site_id, a.id, '${location.origin}/demo/img/anh/lua-chin.svg', 1200, 800, 'Ảnh ' || i, i FROM n, albums a JOIN sites s ON s.id = a.site_id WHERE s.slug = 'elements' AND a.slug = '${slug}'`,
    );
    const { el } = await mount({ album: slug });
    await loaded(el);
    expect(thumbs(el)).to.have.length(48);
    expect(el.shadowRoot!.querySelector('.more')!.textContent).to.contain('Xem thêm ảnh');
    await openAt(el, 47);
    expect(counter(el)).to.equal('48 / 50');
    control(el, 'Ảnh sau').click();
    await waitUntil(() => counter(el) === '49 / 50', 'the next page did not load from the lightbox');
    expect(thumbs(el)).to.have.length(50);
    expect(el.shadowRoot!.querySelector('.more')).to.equal(null);
    dialog(el).close();
    await waitUntil(() => location.hash === '');

    const other = await mount({ album: slug });
    await loaded(other.el);
    other.root.querySelector<HTMLButtonElement>('.more')!.click();
    await waitUntil(() => thumbs(other.el).length === 50, 'the "more" button did not load the next page');
    expect(active(other.el), 'the focus goes to the first new photo').to.equal(thumbs(other.el)[48]);
    expect(other.root.querySelector('.more')).to.equal(null);
  });

  it('is accessible (axe) as a grid, as covers, in the lightbox, empty and failed', async () => {
    const { slug } = await album(3);
    const { el } = await mount({ album: slug });
    await loaded(el);
    await expect(el).to.be.accessible();
    await openAt(el, 0);
    await expect(el).to.be.accessible();
    dialog(el).close();

    const covers = await mount({ limit: 42 });
    await loaded(covers.el);
    await expect(covers.el).to.be.accessible();

    const emptySlug = freshItem('empty').toLowerCase();
    await admin('POST', '/albums', { slug: emptySlug, title: 'Trống' });
    const empty = await mount({ album: emptySlug, limit: 4 });
    await loaded(empty.el);
    expect(visibleText(empty.el)).to.contain('Chưa có ảnh.');
    await expect(empty.el).to.be.accessible();

    const failed = await mount({ site: 'no-such-site', album: 'x' });
    await waitUntil(() => failed.root.querySelector('[role=alert]'));
    await expect(failed.el).to.be.accessible();
  });

  it('draws its empty and error states in the box of its skeleton, and retries', async () => {
    const { wrapper } = await mount({ album: 'x' }, 320);
    const loading = document.createElement('civic-photo-gallery');
    Object.assign(loading, { site: 'elements', album: freshItem('later').toLowerCase(), limit: 4, api });
    wrapper.append(loading);
    await loading.updateComplete;
    const height = loading.getBoundingClientRect().height;
    expect(height).to.be.greaterThan(100);
    await waitUntil(() => loading.shadowRoot!.querySelector('[role=alert]'), 'no error for an album that does not exist');
    expect(loading.shadowRoot!.querySelector('[role=alert]')!.textContent).to.contain('Không tải được thư viện ảnh.');
    expect(loading.getBoundingClientRect().height).to.equal(height);

    await admin('POST', '/albums', { slug: loading.album, title: 'Mới' });
    loading.shadowRoot!.querySelector<HTMLButtonElement>('button.retry')!.click();
    await waitUntil(() => visibleText(loading).includes('Chưa có ảnh.'), 'retry did not load the album');
    expect(loading.getBoundingClientRect().height).to.equal(height);
  });

  it('renders hostile data as text and uses only http(s) addresses', async () => {
    const { slug } = await album(0, '<img src=x onerror=alert(1)>');
    await executeServerCommand(
      'civic-sql',
      `INSERT INTO photos (site_id, album_id, src, width, height, alt, caption, variants)
       SELECT a.site_id, a.id, 'javascript:alert(1)', 4, 3, '<script>alert(1)</script>', '<b>đậm</b>', '[{"src":"data:image/png;base64,AAAA","width":9}]'
       FROM albums a JOIN sites s ON s.id = a.site_id WHERE s.slug = 'elements' AND a.slug = '${slug}'`,
    );
    const { el } = await mount({ album: slug });
    await loaded(el);
    const img = el.shadowRoot!.querySelector<HTMLImageElement>('[part=image]')!;
    expect(img.getAttribute('src')).to.equal('');
    expect(img.getAttribute('srcset')).to.equal('');
    expect(img.alt).to.equal('<script>alert(1)</script>');
    await openAt(el, 0);
    expect(el.shadowRoot!.querySelector('[part=caption]')!.textContent).to.contain('<b>đậm</b>');
    expect(el.shadowRoot!.querySelector('b:not([part])')).to.equal(null);
    expect(dialog(el).getAttribute('aria-label')).to.equal('<img src=x onerror=alert(1)>');
  });

  it('fires no event when code changes it', async () => {
    const first = await album(2);
    const second = await album(2);
    const { el } = await mount({ album: first.slug });
    await loaded(el);
    const events: string[] = [];
    for (const type of ['civic-open', 'civic-close', 'civic-error']) el.addEventListener(type, () => events.push(type));
    el.album = second.slug;
    el.lang = 'en';
    await waitUntil(() => thumbs(el)[0]?.querySelector('img')?.alt === second.photos[0]!.alt);
    await aTimeout(50);
    expect(events).to.deep.equal([]);
  });
});
