// Every civic-* element, for bundler users who want them all at once.
export { CivicStarRating } from './star-rating/star-rating.js';
export type { CivicRateDetail, CivicErrorDetail } from './star-rating/star-rating.js';
export { CivicArticleList } from './article-list/article-list.js';
export type { CivicArticlesLoadDetail } from './article-list/article-list.js';
export { CivicPhotoGallery } from './photo-gallery/photo-gallery.js';
export type { CivicPhotoDetail, CivicGalleryErrorDetail } from './photo-gallery/photo-gallery.js';
export { CivicLinkDirectory } from './link-directory/link-directory.js';
export type { CivicOpenDetail } from './link-directory/link-directory.js';
