import { siteUrl } from './api.js';

/** The page's own key for itself: its canonical URL, else its address without query and hash. */
export const pageKey = () => document.querySelector<HTMLLinkElement>('link[rel~=canonical][href]')?.href || location.origin + location.pathname;

/** Articles per page of a civic-article-list: its `limit`, 1–50, else 10. */
export const articlePageSize = (limit: number) => Math.min(50, Math.max(1, Math.floor(limit) || 10));

/** An element's setting by attribute name: its attribute's value (the loader), or its property's (the element). */
export type Setting = (name: string) => unknown;

const text = (setting: Setting, name: string) => String(setting(name) ?? '');
const site = (setting: Setting, ...path: string[]) => siteUrl(text(setting, 'api'), text(setting, 'site'), ...path);

// The URL of each element's first request, from its settings. The one place that says it: the
// loader starts this request while the element's code is still on the way, and the element takes
// that answer only if its own first URL, computed here from its properties, is the same (its
// attributes may have changed meanwhile). So when what an element asks first changes (say, the
// reader's own vote leaves the rating summary), it changes here. One function per element, so an
// element's chunk carries only its own.

/** civic-star-rating: the item's summary (the item defaults to the page's canonical URL). */
export const ratingUrl = (setting: Setting) => site(setting, 'ratings', text(setting, 'item') || pageKey());

/** civic-link-directory: the site's links, or one category's. */
export const linksUrl = (setting: Setting) =>
  site(setting, 'links') + (text(setting, 'category') ? `?category=${encodeURIComponent(text(setting, 'category'))}` : '');

/** civic-photo-gallery: the album's first page, or the covers: 48, or its `limit` (at most 100). */
export const albumsUrl = (setting: Setting) =>
  site(setting, ...(text(setting, 'album') ? ['albums', text(setting, 'album')] : ['albums'])) + `?limit=${Math.min(Number(setting('limit')) || 48, 100)}`;

/** civic-article-list: the first page of its site's (or sites') articles, newest or top-rated. */
export function articlesUrl(setting: Setting) {
  const sites = text(setting, 'sites');
  const query = new URLSearchParams({ limit: String(articlePageSize(Number(setting('limit')) || 0)) });
  if (sites) query.set('sites', sites);
  if (text(setting, 'category')) query.set('category', text(setting, 'category'));
  if (text(setting, 'sort') === 'top-rated') query.set('sort', 'top-rated');
  return `${siteUrl(text(setting, 'api'), text(setting, 'site') || sites.split(',')[0]!.trim(), 'articles')}?${query}`;
}

/** The loader's view: a tag's first request URL, from the element's attributes. */
export const firstRequestUrl = (tag: string, setting: Setting): string =>
  ({
    'civic-star-rating': ratingUrl,
    'civic-link-directory': linksUrl,
    'civic-photo-gallery': albumsUrl,
    'civic-article-list': articlesUrl,
  })[tag]!(setting);
