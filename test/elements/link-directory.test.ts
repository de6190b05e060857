import { aTimeout, expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import type { DirectoryExport } from '../../packages/contract/src/index.js';
import '../../packages/elements/src/link-directory/link-directory.js';
import type { CivicLinkDirectory, CivicOpenDetail } from '../../packages/elements/src/link-directory/link-directory.js';
import { api, pageKeys, tokens, visibleText } from './helpers.js';

// The directory of the test site `elements`, imported through the admin API as a portal's admin would.
const landing = (name: string) => `${location.origin}/?landed=${name}`;
const directory = {
  categories: [
    {
      slug: 'tinh',
      title: 'Tỉnh Thái Nguyên',
      links: [
        { title: 'Cổng thông tin điện tử tỉnh Thái Nguyên', url: landing('tinh'), description: 'thainguyen.gov.vn' },
        { title: 'Sở Nông nghiệp và Phát triển nông thôn', url: landing('so-nn'), logo: `${location.origin}/demo/img/logo-htx.svg` },
      ],
    },
    {
      slug: 'huyen',
      title: 'Huyện, thành phố',
      links: [
        { title: 'Cổng thông tin điện tử huyện Đại Từ', url: landing('dai-tu') },
        { title: 'Huyện Định Hóa', url: 'https://dinhhoa.thainguyen.gov.vn/' },
        { title: '<img src=x onerror="window.hacked=1">', url: landing('hostile') },
      ],
    },
  ],
};

let ids: Record<string, number> = {};

before(async () => {
  const response = await fetch(`${api}/api/v1/sites/elements/links/import?replace=true`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${tokens.elements}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(directory),
  });
  if (!response.ok) throw new Error(`import failed: ${response.status} ${await response.text()}`);
  // the health check found Định Hóa's portal down twice
  await executeServerCommand('civic-sql', `UPDATE links SET health = 'broken', failures = 2 WHERE url = 'https://dinhhoa.thainguyen.gov.vn/'`);
  const exported = (await (
    await fetch(`${api}/api/v1/sites/elements/links/export`, { headers: { Authorization: `Bearer ${tokens.elements}` } })
  ).json()) as DirectoryExport;
  ids = Object.fromEntries(exported.categories.flatMap((category) => category.links.map((link) => [link.title, link.id])));
});

async function mount(attributes: { mode?: string; site?: string; category?: string; filter?: boolean; lang?: string } = {}) {
  const el = await fixture<CivicLinkDirectory>(
    html`<civic-link-directory
      site=${attributes.site ?? 'elements'}
      mode=${attributes.mode ?? 'select'}
      category=${attributes.category ?? ''}
      ?filter=${attributes.filter}
      api=${api}
      lang=${attributes.lang ?? 'vi'}
    ></civic-link-directory>`,
  );
  await waitUntil(() => el.shadowRoot!.querySelector('[aria-busy=false]'), 'the links did not finish loading');
  return el;
}

const $ = <T extends Element = HTMLElement>(el: CivicLinkDirectory, selector: string) => el.shadowRoot!.querySelector<T>(selector);
const $$ = <T extends Element = HTMLElement>(el: CivicLinkDirectory, selector: string) => [...el.shadowRoot!.querySelectorAll<T>(selector)];
const goUrl = (title: string) => `${api}/go/${ids[title]}`;

/** Types into the filter box as a reader would. */
async function typeFilter(el: CivicLinkDirectory, text: string) {
  const input = $<HTMLInputElement>(el, 'input')!;
  input.select();
  input.focus();
  await sendKeys({ press: 'Backspace' });
  if (text) await sendKeys({ type: text });
  await el.updateComplete;
}

describe('civic-link-directory', () => {
  describe('select mode', () => {
    it('offers the links grouped by category, marks a broken one, and names its controls', async () => {
      const el = await mount();
      const select = $<HTMLSelectElement>(el, 'select')!;
      expect(select.getAttribute('aria-label')).to.equal('Chọn liên kết');
      expect($$(el, 'optgroup').map((group) => group.getAttribute('label'))).to.deep.equal(['Tỉnh Thái Nguyên', 'Huyện, thành phố']);
      expect([...select.options].map((option) => option.textContent)).to.deep.equal([
        'Cổng thông tin điện tử tỉnh Thái Nguyên',
        'Sở Nông nghiệp và Phát triển nông thôn',
        'Cổng thông tin điện tử huyện Đại Từ',
        'Huyện Định Hóa (không truy cập được)',
        '<img src=x onerror="window.hacked=1">',
      ]);
      const go = $<HTMLAnchorElement>(el, '[part=go]')!;
      // the control says it opens a new window
      expect(go.textContent!.replace(/\s+/g, ' ').trim()).to.equal('Đi ↗ (mở trong cửa sổ mới)');
      expect(go.target).to.equal('_blank');
      expect(go.rel).to.equal('noopener noreferrer');
      expect(go.href).to.equal(goUrl('Cổng thông tin điện tử tỉnh Thái Nguyên'));
      expect((window as unknown as { hacked?: number }).hacked).to.equal(undefined);
      await expect(el).to.be.accessible();
    });

    it('never navigates while the reader chooses with the keyboard; "Đi" opens the choice in a new tab and counts it', async () => {
      const el = await mount();
      const events: CivicOpenDetail[] = [];
      el.addEventListener('civic-open', (event) => events.push((event as CustomEvent<CivicOpenDetail>).detail));
      const before = location.href;
      const select = $<HTMLSelectElement>(el, 'select')!;
      select.focus();
      await sendKeys({ press: 'ArrowDown' });
      await sendKeys({ press: 'ArrowDown' });
      await sendKeys({ press: 'ArrowUp' });
      await sendKeys({ press: 'ArrowDown' });
      await el.updateComplete;
      await aTimeout(100);
      expect(select.value).to.equal(String(ids['Cổng thông tin điện tử huyện Đại Từ']));
      expect(location.href).to.equal(before);
      expect(events).to.deep.equal([]);
      expect(el.shadowRoot!.activeElement).to.equal(select);
      const go = $<HTMLAnchorElement>(el, '[part=go]')!;
      expect(go.href).to.equal(goUrl('Cổng thông tin điện tử huyện Đại Từ'));

      // Tab to "Đi", Enter: the chosen link opens (in a new tab: this page stays)
      await sendKeys({ press: 'Tab' });
      expect(el.shadowRoot!.activeElement).to.equal(go);
      const opened = oneEvent(el, 'civic-open') as Promise<CustomEvent<CivicOpenDetail>>;
      await sendKeys({ press: 'Enter' });
      const { detail } = await opened;
      expect(detail).to.include({ id: ids['Cổng thông tin điện tử huyện Đại Từ'], title: 'Cổng thông tin điện tử huyện Đại Từ', url: landing('dai-tu') });
      expect(location.href).to.equal(before);
      // the new tab went through /go/:link, which counted the click and sent it to the stored URL
      await waitUntil(
        async () => {
          const [row] = (await executeServerCommand('civic-sql', `SELECT hits FROM links WHERE id = ${detail.id}`)) as { hits: number }[];
          return row?.hits === 1;
        },
        'the click was not counted',
        { timeout: 8000, interval: 300 },
      );
      expect(await executeServerCommand('civic-close-tabs')).to.deep.equal([landing('dai-tu')]);
    });

    it('speaks English', async () => {
      const el = await mount({ lang: 'en' });
      expect($(el, 'select')!.getAttribute('aria-label')).to.equal('Choose a link');
      expect($(el, '[part=go]')!.textContent!.replace(/\s+/g, ' ').trim()).to.equal('Go ↗ (opens in a new window)');
      expect([...$<HTMLSelectElement>(el, 'select')!.options].map((option) => option.textContent)).to.include('Huyện Định Hóa (unreachable)');
    });

    it('shows one category when asked', async () => {
      const el = await mount({ category: 'huyen' });
      expect($$(el, 'optgroup').map((group) => group.getAttribute('label'))).to.deep.equal(['Huyện, thành phố']);
      expect($<HTMLSelectElement>(el, 'select')!.options).to.have.length(3);
    });
  });

  describe('list mode', () => {
    it('groups the links under categories that fold, each link through /go/ in a new tab', async () => {
      const el = await mount({ mode: 'list' });
      const groups = $$<HTMLDetailsElement>(el, 'details');
      expect(groups.map((group) => [group.querySelector('summary')!.textContent, group.open])).to.deep.equal([
        ['Tỉnh Thái Nguyên', true],
        ['Huyện, thành phố', true],
      ]);
      const links = $$<HTMLAnchorElement>(el, 'a[part=link]');
      expect(links.map((link) => link.href)).to.deep.equal(directory.categories.flatMap((category) => category.links.map((link) => goUrl(link.title))));
      expect(links.every((link) => link.target === '_blank' && link.rel === 'noopener noreferrer')).to.equal(true);
      expect(links[0]!.textContent).to.equal('Cổng thông tin điện tử tỉnh Thái Nguyên (mở trong cửa sổ mới)');
      expect(visibleText(el)).to.contain('thainguyen.gov.vn');
      expect(links[3]!.textContent).to.contain('Huyện Định Hóa (không truy cập được)');
      // the hostile title is text
      expect(links[4]!.textContent).to.contain('<img src=x onerror="window.hacked=1">');
      expect(el.shadowRoot!.querySelector('a img')).to.equal(null);

      // a category folds by keyboard
      groups[0]!.querySelector('summary')!.focus();
      await sendKeys({ press: 'Enter' });
      expect(groups[0]!.open).to.equal(false);
      await expect(el).to.be.accessible();
    });

    it('greys descriptions and unreachable links with --civic-link-directory-muted-color, for a dark sidebar', async () => {
      const el = await mount({ mode: 'list' });
      const muted = () => [$(el, 'small')!, $$(el, '.broken .link')[0]!].map((text) => getComputedStyle(text).color);
      expect(muted()).to.deep.equal(['rgb(89, 89, 89)', 'rgb(89, 89, 89)']);
      el.style.setProperty('--civic-link-directory-muted-color', '#c8c8c8');
      expect(muted()).to.deep.equal(['rgb(200, 200, 200)', 'rgb(200, 200, 200)']);
    });

    it('fires civic-open with the link when the reader follows one', async () => {
      const el = await mount({ mode: 'list', category: 'tinh' });
      const link = $<HTMLAnchorElement>(el, 'a[part=link]')!;
      // keep this page and the test browser where they are
      link.addEventListener('click', (event) => event.preventDefault());
      const opened = oneEvent(el, 'civic-open') as Promise<CustomEvent<CivicOpenDetail>>;
      link.click();
      expect((await opened).detail).to.include({ title: 'Cổng thông tin điện tử tỉnh Thái Nguyên', url: landing('tinh') });
    });
  });

  describe('keys', () => {
    it('keeps what the select, the filter box and a category act on from the page’s own keyboard scripts, Tab excepted', async () => {
      const el = await mount({ filter: true });
      const page = pageKeys();
      const select = $<HTMLSelectElement>(el, 'select')!;
      select.focus();
      for (const key of ['ArrowDown', 'ArrowUp', 'End', 'Home', 'ArrowRight', 'h']) await sendKeys({ press: key });
      await el.updateComplete;
      expect(el.shadowRoot!.activeElement).to.equal(select);
      expect(select.selectedOptions[0]!.textContent).to.match(/^Huyện Định Hóa/);
      const input = $<HTMLInputElement>(el, 'input')!;
      input.focus();
      await sendKeys({ type: 'dai tu' });
      for (const key of ['ArrowLeft', 'Home', 'Escape', 'Tab']) await sendKeys({ press: key });
      // a shortcut with Ctrl or Alt (a portal's accessibility toolbar) still reaches the page
      input.focus();
      await sendKeys({ down: 'Alt' });
      await sendKeys({ press: 'j' });
      await sendKeys({ up: 'Alt' });
      page.stop();
      expect(page.keys).to.deep.equal(['Tab', 'Alt', 'j']);

      const list = await mount({ mode: 'list' });
      const summary = $(list, 'summary')!;
      summary.focus();
      const listKeys = pageKeys();
      for (const key of ['Enter', 'Space', 'Tab']) await sendKeys({ press: key });
      listKeys.stop();
      expect(list.shadowRoot!.querySelector('details')!.open, 'folded and unfolded').to.equal(true);
      expect(listKeys.keys).to.deep.equal(['Tab']);
    });
  });

  describe('grid mode', () => {
    it('shows logos with the titles as their text alternatives, and titles where there is no logo', async () => {
      const el = await mount({ mode: 'grid', category: 'tinh' });
      const links = $$<HTMLAnchorElement>(el, 'a[part=link]');
      expect(links).to.have.length(2);
      const logo = links[1]!.querySelector('img')!;
      expect(logo.getAttribute('src')).to.equal(`${location.origin}/demo/img/logo-htx.svg`);
      expect(logo.alt).to.equal('Sở Nông nghiệp và Phát triển nông thôn');
      expect(links[0]!.querySelector('img')).to.equal(null);
      expect(links[0]!.textContent).to.contain('Cổng thông tin điện tử tỉnh Thái Nguyên');
      await expect(el).to.be.accessible();
    });
  });

  describe('filter', () => {
    it('filters as the reader types, with or without diacritics, đ as d, and says how many are left', async () => {
      const el = await mount({ mode: 'list', filter: true });
      const input = $<HTMLInputElement>(el, 'input')!;
      expect(input.getAttribute('aria-label')).to.equal('Lọc liên kết');
      const titles = () => $$(el, 'a[part=link]').map((link) => link.textContent!.replace(' (mở trong cửa sổ mới)', ''));
      for (const query of ['Đại Từ', 'dai tu', 'DAI TU', 'đại từ', 'Dai Tư']) {
        await typeFilter(el, query);
        expect([query, titles()]).to.deep.equal([query, ['Cổng thông tin điện tử huyện Đại Từ']]);
      }
      expect($(el, '[role=status]')!.textContent).to.equal('1 liên kết');
      await typeFilter(el, 'thai nguyen');
      expect(titles()).to.deep.equal(['Cổng thông tin điện tử tỉnh Thái Nguyên']);
      // descriptions count too
      await typeFilter(el, 'gov.vn');
      expect(titles()).to.deep.equal(['Cổng thông tin điện tử tỉnh Thái Nguyên']);
      await typeFilter(el, 'cong thong tin');
      expect(titles()).to.have.length(2);
      expect($(el, '[role=status]')!.textContent).to.equal('2 liên kết');
      await typeFilter(el, 'không có gì như thế');
      expect(titles()).to.deep.equal([]);
      expect(visibleText(el)).to.contain('Không có liên kết.');
      await typeFilter(el, '');
      expect(titles()).to.have.length(5);
      await expect(el).to.be.accessible();
    });

    it('filters the select’s options too, keeping "Đi" on a link that is shown', async () => {
      const el = await mount({ filter: true });
      await typeFilter(el, 'dinh hoa');
      const select = $<HTMLSelectElement>(el, 'select')!;
      expect([...select.options].map((option) => option.textContent)).to.deep.equal(['Huyện Định Hóa (không truy cập được)']);
      expect($<HTMLAnchorElement>(el, '[part=go]')!.href).to.equal(goUrl('Huyện Định Hóa'));
    });
  });

  describe('states', () => {
    it('shows an error with a retry that works, then the empty state', async () => {
      const site = `links-retry-${Date.now()}`;
      const failed = oneEvent(document, 'civic-error');
      const el = await mount({ site });
      // (the worker answers 404 without CORS headers for a site it does not have: to the page, a network failure)
      expect((await failed).detail).to.include({ action: 'load' });
      expect($(el, '[role=alert]')!.textContent).to.equal('Không tải được liên kết.');
      await expect(el).to.be.accessible();
      await executeServerCommand('civic-sql', `INSERT INTO sites (slug, name, origins) VALUES ('${site}', 'Mới', '["${location.origin}"]')`);
      $<HTMLButtonElement>(el, 'button.retry')!.click();
      await waitUntil(() => visibleText(el) === 'Không có liên kết.', 'retry did not load the (empty) directory');
      expect($(el, '[role=alert]')).to.equal(null);
    });

    it('keeps one size while loading, loaded and failed in select mode (no layout shift), in a narrow sidebar', async () => {
      const sidebar = await fixture<HTMLDivElement>(html`<div style="width: 240px"></div>`);
      const loading = Object.assign(document.createElement('civic-link-directory'), { site: 'elements', api });
      sidebar.append(loading);
      await loading.updateComplete;
      expect(loading.shadowRoot!.querySelector('[aria-busy=true]')).to.exist;
      const height = loading.getBoundingClientRect().height;
      await waitUntil(() => loading.shadowRoot!.querySelector('[aria-busy=false]'));
      expect(loading.getBoundingClientRect().height).to.equal(height);

      const failed = Object.assign(document.createElement('civic-link-directory'), { site: 'no-such-site', api });
      sidebar.append(failed);
      await waitUntil(() => failed.shadowRoot!.querySelector('[role=alert]'));
      expect(failed.getBoundingClientRect().height).to.equal(height);
    });

    it('fires no event when code changes it', async () => {
      const el = await mount();
      const events: string[] = [];
      for (const type of ['civic-open', 'civic-error']) el.addEventListener(type, () => events.push(type));
      el.mode = 'list';
      el.category = 'huyen';
      el.lang = 'en';
      await waitUntil(() => $$(el, 'details').length === 1 && visibleText(el).includes('(opens in a new window)'));
      await aTimeout(50);
      expect(events).to.deep.equal([]);
    });
  });
});
