// civic-star-rating on a site that asks readers for Cloudflare Turnstile, against the real worker,
// which checks tokens with a local siteverify stand-in (only `good-token` passes). Cloudflare's
// script cannot load here, so the page's `window.turnstile` is a stand-in that draws a box and
// hands the element whatever token the test chooses.
import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import type { CivicErrorDetail, CivicRateDetail, CivicStarRating } from '../../packages/elements/src/star-rating/star-rating.js';
import { api, freshItem, mountRating, radios, visibleText } from './helpers.js';

interface Rendered {
  container: HTMLElement;
  options: { sitekey: string; language?: string; callback(token: string): void };
}

const SCRIPT = 'script[src^="https://challenges.cloudflare.com/turnstile/"]';
let rendered: Rendered[] = [];
let removed: string[] = [];

function standInTurnstile() {
  window.turnstile = {
    render(container: HTMLElement, options: Rendered['options']) {
      rendered.push({ container, options });
      container.textContent = 'Turnstile (stand-in)';
      return `widget-${rendered.length}`;
    },
    remove: (id: string) => void removed.push(id),
  } as unknown as NonNullable<Window['turnstile']>;
}

const summaryOf = async (site: string, item: string) =>
  (await fetch(`${api}/api/v1/sites/${site}/ratings/${encodeURIComponent(item)}`)).json() as Promise<{ count: number; total: number }>;

const challenge = (el: CivicStarRating) => el.shadowRoot!.querySelector<HTMLElement>('[part=turnstile]');

describe('civic-star-rating with Turnstile', () => {
  beforeEach(() => {
    rendered = [];
    removed = [];
    standInTurnstile();
  });
  afterEach(() => {
    delete window.turnstile;
  });

  it('shows the widget when the site asks for it, and sends the vote with the reader’s token', async () => {
    const item = freshItem('turnstile');
    const el = await mountRating({ site: 'elements-turnstile', item });
    expect(challenge(el)).to.equal(null);
    radios(el)[3]!.click();

    await waitUntil(() => rendered.length === 1, 'the Turnstile widget was not drawn');
    expect(rendered[0]!.options.sitekey).to.equal('test-site-key');
    expect(rendered[0]!.options.language).to.equal('vi');
    // drawn inside the element, with a line that says why
    expect(challenge(el)!.contains(rendered[0]!.container)).to.equal(true);
    expect(visibleText(el)).to.contain('Vui lòng xác nhận bạn không phải là máy để gửi đánh giá');
    await expect(el).to.be.accessible();
    expect(await summaryOf('elements-turnstile', item)).to.include({ count: 0 });

    const rated = oneEvent(el, 'civic-rate');
    rendered[0]!.options.callback('good-token');
    const { detail } = (await rated) as CustomEvent<CivicRateDetail>;
    expect(detail.summary).to.include({ count: 1, total: 4, mine: 4 });
    expect(await summaryOf('elements-turnstile', item)).to.include({ count: 1, total: 4 });
    // a token is good once: the widget goes away until the next vote
    await waitUntil(() => challenge(el) === null, 'the widget stayed after the vote');
    expect(removed).to.deep.equal(['widget-1']);
    // the page already had Turnstile: no second copy of Cloudflare's script
    expect(document.querySelector(SCRIPT)).to.equal(null);
  });

  it('rolls the vote back when the token is refused', async () => {
    const item = freshItem('turnstile-forged');
    const el = await mountRating({ site: 'elements-turnstile', item, lang: 'en' });
    radios(el)[1]!.click();
    await waitUntil(() => rendered.length === 1, 'the Turnstile widget was not drawn');
    expect(visibleText(el)).to.contain('Please confirm you are not a robot to send your rating');
    const failed = oneEvent(el, 'civic-error');
    rendered[0]!.options.callback('forged-token');
    const { detail } = (await failed) as CustomEvent<CivicErrorDetail>;
    expect(detail).to.include({ action: 'rate', status: 403 });
    await waitUntil(() => visibleText(el).includes('Your rating was not saved'), 'no failure message');
    expect(visibleText(el)).to.contain('Total score: 0 from 0 ratings');
    expect(await summaryOf('elements-turnstile', item)).to.include({ count: 0 });
  });

  it('loads nothing of Turnstile on a site that does not ask for it', async () => {
    const el = await mountRating({ item: freshItem('no-turnstile') });
    const rated = oneEvent(el, 'civic-rate');
    radios(el)[4]!.click();
    await rated;
    expect(rendered).to.deep.equal([]);
    expect(challenge(el)).to.equal(null);
    expect(document.querySelector(SCRIPT)).to.equal(null);
  });

  it('adds Cloudflare’s script to the page only when a site asks for Turnstile', async () => {
    delete window.turnstile;
    const el = await mountRating({ site: 'elements-turnstile', item: freshItem('turnstile-script') });
    expect(document.querySelector(SCRIPT)).to.equal(null);
    const failed = oneEvent(el, 'civic-error');
    radios(el)[2]!.click();
    await waitUntil(() => document.querySelector(SCRIPT), 'the script was not added');
    expect(document.querySelector<HTMLScriptElement>(SCRIPT)!.src).to.equal('https://challenges.cloudflare.com/turnstile/v0/api.js?render=explicit');
    // this machine cannot reach Cloudflare: the vote fails as any other would
    await failed;
    await waitUntil(() => visibleText(el).includes('Chưa gửi được đánh giá'), 'no failure message');
  });
});
