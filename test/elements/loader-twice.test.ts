// A page that includes the loader twice (a CMS's header adds `civic-widgets.js?v=…`, a block adds
// `civic-widgets.js` again) runs two copies of it: one loader acts, the other does nothing, so the
// API is asked once for each element's first answer (docs/legacy-pages.md).
import { expect, fixture, html, waitUntil } from '@open-wc/testing';

// (not from helpers.js, which defines the rating: here the loaders must define it)
const { api } = (await import('/__test-api.js' as string)) as { api: string };

/** Every API address the page asked for, in order. */
const asked: string[] = [];
const realFetch = window.fetch;

before(() => {
  window.fetch = (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    if (url.startsWith(api)) asked.push(url);
    return realFetch(input, init);
  };
});

after(() => {
  window.fetch = realFetch;
});

describe('the loader included twice', () => {
  it('asks the API once for each element’s first answer, and the elements load', async () => {
    const item = `twice-${Date.now()}`;
    const box = await fixture<HTMLDivElement>(
      html`<div>
        <civic-star-rating site="elements" item=${item} api=${api} lang="vi"></civic-star-rating>
        <civic-link-directory site="elements" api=${api}></civic-link-directory>
      </div>`,
    );
    // two copies of the same script, as the two tags of such a page load them (by the source's
    // own name: the test server compiles it, but resolves `.js` to `.ts` only in static imports)
    const loader = new URL('../../packages/elements/src/civic-widgets.ts', import.meta.url).href;
    await import(/* @vite-ignore */ `${loader}?v=20180419`);
    await import(/* @vite-ignore */ loader);
    const rating = box.querySelector('civic-star-rating')!;
    const directory = box.querySelector('civic-link-directory')!;
    await waitUntil(
      () => rating.shadowRoot?.querySelector('[aria-busy=false]') && directory.shadowRoot?.querySelector('[aria-busy=false]'),
      'the elements did not load',
      { timeout: 8000 },
    );
    expect(rating.shadowRoot!.textContent).to.contain('Tổng số điểm của bài viết là: 0 trong 0 đánh giá');
    expect(asked).to.deep.equal([`${api}/api/v1/sites/elements/ratings/${item}`, `${api}/api/v1/sites/elements/links`]);
  });
});
