// The one script tag: defines only the civic-* elements a page uses, now and when added later,
// by loading each element's own chunk the first time its tag appears. No other global effect.
const loaders: Record<string, () => Promise<unknown>> = {
  'civic-star-rating': () => import('./star-rating/star-rating.js'),
  'civic-photo-gallery': () => import('./photo-gallery/photo-gallery.js'),
};

const requested = new Set<string>();

function upgrade(root: ParentNode) {
  for (const tag of Object.keys(loaders)) {
    if (requested.has(tag) || customElements.get(tag) || !root.querySelector(tag)) continue;
    requested.add(tag);
    loaders[tag]!().catch((error) => {
      requested.delete(tag); // a later insertion may try again
      console.error(`civic-widgets: could not load <${tag}>`, error);
    });
  }
}

upgrade(document);
new MutationObserver((records) => {
  for (const record of records) for (const node of record.addedNodes) if (node instanceof Element) upgrade(node.parentNode ?? node);
}).observe(document.documentElement, { childList: true, subtree: true });
