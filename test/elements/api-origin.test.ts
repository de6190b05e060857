// The `api` attribute names an http(s) origin, nothing else: a `javascript:` (or any other)
// value must neither become a link nor an address the element fetches; the element then uses the
// origin its script came from.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../packages/elements/src/civic-widgets.js';
import { api, tokens } from './helpers.js';

const run = Date.now();
const HOSTILE = ['javascript:alert(document.domain)//', 'data:text/html,<b>x</b>', ' JAVASCRIPT:void(0)//'];

const elements: Record<string, (origin: string) => ReturnType<typeof html>> = {
  'civic-link-directory': (origin) => html`<civic-link-directory site="elements" category=${`api-${run}`} mode="list" api=${origin}></civic-link-directory>`,
  'civic-star-rating': (origin) => html`<civic-star-rating site="elements" item=${`api-${run}`} api=${origin}></civic-star-rating>`,
  'civic-article-list': (origin) => html`<civic-article-list site="elements" api=${origin}></civic-article-list>`,
  'civic-photo-gallery': (origin) => html`<civic-photo-gallery site="elements" api=${origin}></civic-photo-gallery>`,
};

/** What the elements asked for. This page has no API of its own: every API path is answered by the real worker. */
const requested: string[] = [];
const realFetch = window.fetch;

before(async () => {
  await waitUntil(
    () =>
      realFetch(`${api}/api/v1/sites/elements`).then(
        (response) => response.ok,
        () => false,
      ),
    'no test site',
    { timeout: 5000 },
  );
  const admin = (path: string, body: unknown) =>
    realFetch(`${api}/api/v1/sites/elements${path}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${tokens.elements}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
  await admin('/links/categories', { slug: `api-${run}`, title: 'Liên kết thử' });
  await admin('/links', { category: `api-${run}`, title: 'Cổng thông tin điện tử tỉnh Thái Nguyên', url: 'https://thainguyen.gov.vn/' });
  window.fetch = (input, init) => {
    const url = String(input instanceof Request ? input.url : input);
    requested.push(url);
    const path = /\/api\/v1\/.*$/.exec(url)?.[0];
    return path ? realFetch(api + path, init) : Promise.reject(new TypeError('Failed to fetch'));
  };
});

after(() => {
  window.fetch = realFetch;
});

describe('the api attribute', () => {
  for (const origin of HOSTILE) {
    for (const [tag, element] of Object.entries(elements)) {
      it(`${tag} with api="${origin}" fetches from its script's origin and shows its data`, async () => {
        requested.length = 0;
        const el = await fixture<HTMLElement>(element(origin));
        await waitUntil(() => el.shadowRoot?.querySelector('[aria-busy=false]'), `${tag} did not finish loading`, { timeout: 5000 });
        expect(el.shadowRoot!.querySelector('[role=alert]'), 'an error state').to.equal(null);
        expect(requested.length).to.be.above(0);
        for (const url of requested) expect(url.startsWith(`${location.origin}/api/v1/sites/elements/`), url).to.equal(true);
        for (const link of el.shadowRoot!.querySelectorAll('a')) expect(link.getAttribute('href')).to.match(/^https?:\/\//);
      });
    }
  }

  it('a link of the directory leads to /go on the script’s origin, never to a javascript: URL', async () => {
    const el = await fixture<HTMLElement>(elements['civic-link-directory']!(HOSTILE[0]!));
    await waitUntil(() => el.shadowRoot?.querySelector('a'), 'no link shown', { timeout: 5000 });
    const links = [...el.shadowRoot!.querySelectorAll('a')];
    expect(links.map((link) => link.textContent!.trim()).join('\n')).to.contain('Cổng thông tin điện tử tỉnh Thái Nguyên');
    for (const link of links) expect(link.getAttribute('href')).to.match(new RegExp(`^${location.origin}/go/\\d+$`));
  });
});
