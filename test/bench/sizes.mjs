// What each element costs a reader's phone on first load, beside what a portal would use instead,
// bundled and compressed the same way in the same run (the peers are devDependencies used here only).
import { budgets, pages, servedBudgets } from '../size/budgets.mjs';
import { firstLoad } from '../size/measure.mjs';
import { pageBytes, servedPageBytes } from '../size/shipped.mjs';

const peers = {
  'sl-rating (Shoelace 2)': ['test/bench/peers/sl-rating.js'],
  'PhotoSwipe 5 + CSS': ['test/bench/peers/photoswipe.js', 'node_modules/photoswipe/dist/photoswipe.css'],
  'GLightbox 3 + CSS': ['test/bench/peers/glightbox.js', 'node_modules/glightbox/dist/css/glightbox.css'],
};

/** Which peer an element of ours is compared with. */
const comparedWith = {
  'civic-star-rating': ['sl-rating (Shoelace 2)'],
  'civic-photo-gallery': ['PhotoSwipe 5 + CSS', 'GLightbox 3 + CSS'],
};

async function measureAll(files) {
  const parts = await Promise.all(files.map((file) => firstLoad(file)));
  return { gzip: parts.reduce((sum, part) => sum + part.gzip, 0), brotli: parts.reduce((sum, part) => sum + part.brotli, 0) };
}

export async function sizes() {
  const peerSizes = {};
  for (const [name, files] of Object.entries(peers)) peerSizes[name] = await measureAll(files);
  const rows = [];
  for (const { name, entry, budget } of budgets) {
    const size = await firstLoad(entry);
    const comparisons = (comparedWith[name] ?? []).map((peer) => `${(peerSizes[peer].gzip / size.gzip).toFixed(2)}× smaller than ${peer}`);
    rows.push([name, size.gzip, size.brotli, budget, comparisons.join('; ') || '—']);
  }
  for (const [name, size] of Object.entries(peerSizes)) rows.push([`peer: ${name}`, size.gzip, size.brotli, '', '']);
  return {
    title: 'Size on first load (esbuild, minified, Lit included; bytes)',
    columns: ['what', 'gzip -9', 'brotli 11', 'budget', 'against the peer'],
    rows,
  };
}

/** What a page fetches from the built dist/ (every file once, gzip -9 per file, summed): the budgets `npm run test:size` holds. */
export function shippedSizes() {
  const rows = pages.map(({ name, tags, budget, goal }) => {
    const { bytes, files } = pageBytes(tags);
    return [name, bytes, files.length, budget, goal ?? '—'];
  });
  for (const { name, page, budget } of servedBudgets) {
    const { bytes, files } = servedPageBytes(page);
    rows.push([name, bytes, files.length, budget, '—']);
  }
  return {
    title: 'What a page fetches from dist/ (the loader and every chunk, gzip -9 per file, summed; bytes)',
    columns: ['page', 'gzip -9', 'files', 'budget', 'goal'],
    rows,
  };
}
