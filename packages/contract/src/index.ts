// The one source of truth for every API body and response. The worker validates with these
// schemas; the elements `import type` only, so no zod reaches the browser bundle.
export * from './errors.js';
export * from './sites.js';
export * from './ratings.js';
export * from './articles.js';
export * from './feeds.js';
export * from './albums.js';
export * from './links.js';
export * from './console.js';
