// The size budgets of DESIGN.md: gzip -9 bytes a page pays on first load for each entry
// (Lit included), measured the way the project's yardstick measures them.
export const budgets = [
  { name: 'civic-widgets.js loader', entry: 'packages/elements/src/civic-widgets.ts', budget: 2000 },
  { name: 'civic-star-rating', entry: 'packages/elements/src/star-rating/star-rating.ts', budget: 9000 },
  { name: 'civic-article-list', entry: 'packages/elements/src/article-list/article-list.ts', budget: 11000 },
  { name: 'civic-photo-gallery', entry: 'packages/elements/src/photo-gallery/photo-gallery.ts', budget: 12000 },
  { name: 'civic-link-directory', entry: 'packages/elements/src/link-directory/link-directory.ts', budget: 9000 },
  { name: 'all elements (index)', entry: 'packages/elements/src/index.ts', budget: 22000 },
];

// Pages measured on what the worker serves from dist/ (npm run build first): the page, its
// scripts, stylesheets and static imports, gzip -9 per file, summed.
export const servedBudgets = [{ name: 'console /admin/', page: '/admin/index.html', budget: 150000 }];
