// The loader starts an element's first API request before the element's code has arrived and
// leaves the pending answer on the element: the element reads it when it is the answer to its own
// first URL, and asks for itself when its settings changed meanwhile.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../packages/elements/src/star-rating/star-rating.js';
import type { CivicStarRating } from '../../packages/elements/src/star-rating/star-rating.js';
import { api, freshItem, visibleText } from './helpers.js';

const HANDED = Symbol.for('civic-widgets.first-request');

/** An answer the network would never give: 9 ratings of 45 points, so the test can tell it apart. */
const handedAnswer = (item: string) =>
  Promise.resolve(new Response(JSON.stringify({ item, average: 5, count: 9, total: 45 }), { headers: { 'Content-Type': 'application/json' } }));

/** A rating that is not connected yet, carrying what the loader left on it for `url`. */
async function mountWithHanded(item: string, url: string) {
  const box = await fixture<HTMLDivElement>(html`<div></div>`);
  const el = document.createElement('civic-star-rating');
  Object.assign(el, { site: 'elements', item, api, lang: 'vi' });
  (el as unknown as Record<symbol, unknown>)[HANDED] = { url, response: handedAnswer(item) };
  box.append(el);
  await waitUntil(() => el.shadowRoot!.querySelector('[aria-busy=false]'), 'the rating did not finish loading');
  return el as CivicStarRating;
}

describe('the first request the loader started', () => {
  it('is the answer the element shows when it asked for the same URL', async () => {
    const item = freshItem('handed');
    const el = await mountWithHanded(item, `${api}/api/v1/sites/elements/ratings/${item}`);
    expect(visibleText(el)).to.contain('Tổng số điểm của bài viết là: 45 trong 9 đánh giá');
    expect((el as unknown as Record<symbol, unknown>)[HANDED]).to.equal(undefined);
  });

  it('is left aside when the element’s settings changed meanwhile: it asks for its own', async () => {
    const item = freshItem('changed');
    const el = await mountWithHanded(item, `${api}/api/v1/sites/elements/ratings/another-item`);
    expect(visibleText(el)).to.contain('Tổng số điểm của bài viết là: 0 trong 0 đánh giá');
  });
});
