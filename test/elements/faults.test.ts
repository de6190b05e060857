// When the API is unreachable, failing or answering garbage, every element shows its error state
// with a retry, throws nothing uncaught, and the host page keeps working.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../packages/elements/src/civic-widgets.js';

const faults = {
  // port 9 (discard) on loopback: nothing listens, the connection is refused
  unreachable: 'http://127.0.0.1:9',
  'answering 500': `${location.origin}/broken/500`,
  'answering garbage': `${location.origin}/broken/garbage`,
};

/** Every element, as a portal would embed it. */
const elements: Record<string, (api: string) => ReturnType<typeof html>> = {
  'civic-star-rating': (api) => html`<civic-star-rating site="elements" item="faults" api=${api}></civic-star-rating>`,
  'civic-link-directory': (api) => html`<civic-link-directory site="elements" api=${api}></civic-link-directory>`,
  'civic-article-list': (api) => html`<civic-article-list site="elements" api=${api}></civic-article-list>`,
  'civic-photo-gallery': (api) => html`<civic-photo-gallery site="elements" api=${api}></civic-photo-gallery>`,
};

describe('faults', () => {
  const uncaught: string[] = [];
  const onError = (event: ErrorEvent) => uncaught.push(event.message);
  const onRejection = (event: PromiseRejectionEvent) => uncaught.push(String(event.reason));
  before(() => {
    window.addEventListener('error', onError);
    window.addEventListener('unhandledrejection', onRejection);
  });
  after(() => {
    window.removeEventListener('error', onError);
    window.removeEventListener('unhandledrejection', onRejection);
  });

  for (const [fault, api] of Object.entries(faults)) {
    for (const [tag, element] of Object.entries(elements)) {
      it(`${tag} shows its error state with a retry when the API is ${fault}`, async () => {
        const page = await fixture<HTMLDivElement>(html`<div>${element(api)}<button id="host-button">Trang chủ</button></div>`);
        const widget = page.firstElementChild!;
        await waitUntil(() => widget.shadowRoot?.querySelector('[role=alert]'), `${widget.localName} showed no error`, { timeout: 5000 });
        expect(widget.shadowRoot!.querySelector('button')!.textContent).to.equal('Thử lại');
        // the host page still works around it
        let clicked = false;
        page.querySelector<HTMLButtonElement>('#host-button')!.addEventListener('click', () => (clicked = true));
        page.querySelector<HTMLButtonElement>('#host-button')!.click();
        expect(clicked).to.equal(true);
        expect(uncaught).to.deep.equal([]);
      });
    }
  }
});
