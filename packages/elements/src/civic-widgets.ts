// The one script tag: defines only the civic-* elements a page uses, now and when added later,
// by loading each element's own chunk the first time its tag appears. For the elements already on
// the page it asks, at once and together, for the element's chunk, every chunk that one imports
// (modulepreload links, from the build's manifest) and each element's first API answer, which the
// element takes over when it upgrades. No other global effect.
import { HANDED, type Handed } from './shared/api.js';
import { firstRequestUrl } from './shared/first-request.js';

const loaders: Record<string, () => Promise<unknown>> = {
  'civic-star-rating': () => import('./star-rating/star-rating.js'),
  'civic-article-list': () => import('./article-list/article-list.js'),
  'civic-photo-gallery': () => import('./photo-gallery/photo-gallery.js'),
  'civic-link-directory': () => import('./link-directory/link-directory.js'),
};

// What each element's chunk imports, tag → files beside this script: the build writes it in place
// of this object (unbuilt, as in the element tests, it names no tag).
const preload: Record<string, string[]> = { __CIVIC_PRELOAD__: [] };

const pending = new Set(Object.keys(loaders));

function upgrade(root: Element | Document) {
  for (const tag of pending) {
    const found = [...(root instanceof Element && root.matches(tag) ? [root] : []), ...root.querySelectorAll(tag)];
    if (!customElements.get(tag) && !found.length) continue;
    pending.delete(tag);
    if (customElements.get(tag)) continue; // another bundle on the page defined it
    for (const file of preload[tag] ?? []) {
      const link = document.createElement('link');
      link.rel = 'modulepreload';
      link.href = new URL(file, import.meta.url).href;
      document.head.append(link);
    }
    loaders[tag]!().catch((error) => {
      pending.add(tag); // a later insertion may try again
      console.error(`civic-widgets: could not load <${tag}>`, error);
    });
    for (const element of found) {
      const url = firstRequestUrl(tag, (name) => element.getAttribute(name));
      const response = fetch(url);
      response.catch(() => {}); // a failure the element does not take over is no error of the page's
      (element as Element & { [HANDED]?: Handed })[HANDED] = { url, response };
    }
  }
  if (!pending.size) observer.disconnect();
}

// Each added subtree is searched once, and only for the tags not loaded yet; once every element
// is loaded, the page's DOM changes cost nothing.
const observer = new MutationObserver((records) => {
  for (const record of records) for (const node of record.addedNodes) if (node instanceof Element) upgrade(node);
});

// One loader per page acts. A page may include it twice (a CMS's header and a block, as
// `civic-widgets.js?v=…` and `civic-widgets.js`): two modules, which would both ask the API for
// each element's first answer. The first marks the page with a registered symbol; a later copy
// finds it and does nothing.
const LOADER = Symbol.for('civic-widgets.loader');
const page = window as Window & { [LOADER]?: true };
if (!page[LOADER]) {
  page[LOADER] = true;
  observer.observe(document.documentElement, { childList: true, subtree: true });
  upgrade(document);
}
