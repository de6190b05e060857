// The one script tag: defines only the civic-* elements a page uses, now and when added later,
// by loading each element's own chunk the first time its tag appears. No other global effect.
const loaders: Record<string, () => Promise<unknown>> = {
  'civic-star-rating': () => import('./star-rating/star-rating.js'),
  'civic-article-list': () => import('./article-list/article-list.js'),
  'civic-photo-gallery': () => import('./photo-gallery/photo-gallery.js'),
  'civic-link-directory': () => import('./link-directory/link-directory.js'),
};

const pending = new Set(Object.keys(loaders));

function upgrade(root: Element | Document) {
  for (const tag of pending) {
    if (!customElements.get(tag) && !(root instanceof Element && root.matches(tag)) && !root.querySelector(tag)) continue;
    pending.delete(tag);
    if (customElements.get(tag)) continue; // another bundle on the page defined it
    loaders[tag]!().catch((error) => {
      pending.add(tag); // a later insertion may try again
      console.error(`civic-widgets: could not load <${tag}>`, error);
    });
  }
  if (!pending.size) observer.disconnect();
}

// Each added subtree is searched once, and only for the tags not loaded yet; once every element
// is loaded, the page's DOM changes cost nothing.
const observer = new MutationObserver((records) => {
  for (const record of records) for (const node of record.addedNodes) if (node instanceof Element) upgrade(node);
});
observer.observe(document.documentElement, { childList: true, subtree: true });
upgrade(document);
