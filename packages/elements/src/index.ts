// Every civic-* element, for bundler users who want them all at once.
export { CivicStarRating } from './star-rating/star-rating.js';
export type { CivicRateDetail, CivicErrorDetail } from './star-rating/star-rating.js';
export { CivicLinkDirectory } from './link-directory/link-directory.js';
export type { CivicOpenDetail } from './link-directory/link-directory.js';
