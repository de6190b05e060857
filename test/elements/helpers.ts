import { fixture, html, waitUntil } from '@open-wc/testing';
import '../../packages/elements/src/star-rating/star-rating.js';
import type { CivicStarRating } from '../../packages/elements/src/star-rating/star-rating.js';

/** Where the real worker the test runner started for this run is, and the test sites' admin tokens. */
export const { api, votesPerMinute, tokens } = (await import('/__test-api.js' as string)) as {
  api: string;
  votesPerMinute: number;
  tokens: Record<string, string>;
};

let items = 0;
/** An item key no other test has used: storage is shared by the whole run. */
export const freshItem = (name: string) => `${name}-${Date.now()}-${++items}`;

/** Text the reader sees in a shadow root, whitespace collapsed. */
export const visibleText = (element: Element) => (element.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ').trim();

export const radios = (el: CivicStarRating) => [...el.shadowRoot!.querySelectorAll<HTMLElement>('[role=radio]')];

/** Mounts a rating and waits until its summary (or its error state) is drawn. */
export async function mountRating(attributes: { site?: string; item: string; lang?: string; readonly?: boolean; api?: string }) {
  const el = await fixture<CivicStarRating>(
    html`<civic-star-rating
      site=${attributes.site ?? 'elements'}
      item=${attributes.item}
      api=${attributes.api ?? api}
      lang=${attributes.lang ?? 'vi'}
      ?readonly=${attributes.readonly}
    ></civic-star-rating>`,
  );
  await waitUntil(() => el.shadowRoot!.querySelector('[aria-busy=false]'), 'the rating did not finish loading');
  return el;
}

/**
 * The keys a portal's own script bound to `document` keydown sees (a jQuery slider or carousel):
 * what a widget acts on must not reach it (docs/legacy-pages.md). `stop()` removes the listener.
 */
export function pageKeys() {
  const keys: string[] = [];
  const listen = (event: KeyboardEvent) => keys.push(event.key);
  document.addEventListener('keydown', listen);
  return { keys, stop: () => document.removeEventListener('keydown', listen) };
}
