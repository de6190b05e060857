import { html, nothing } from 'lit-html';
import type { Article, ArticlePage } from '@civic-widgets/contract';
import { requestJson, type ApiFailure } from '../shared/api.js';
import { articlePageSize, articlesUrl } from '../shared/first-request.js';
import { CivicElement, defineElement } from '../shared/civic-element.js';
import { DEFAULT_TIME_ZONE, portalTime } from '../shared/format.js';
import { common, formatNumber, type Lang } from '../shared/i18n.js';
import { baseStyles } from '../shared/tokens.styles.js';
import type { CivicErrorDetail } from '../star-rating/star-rating.js';
import { messages } from './article-list.messages.js';
import { styles } from './article-list.styles.js';

export interface CivicArticlesLoadDetail {
  /** the articles this load added (a first page, a search's first page, or the next page) */
  items: Article[];
  /** whether "Xem thêm" can load more */
  more: boolean;
  /** the reader's search, '' for none */
  q: string;
}

/** Only http(s) addresses become links and images. */
const web = (url?: string | null) => (url && /^https?:\/\//i.test(url) ? url : undefined);

/**
 * @summary "Tin tức": a portal's news as a list, a grid of cards or a column of headlines, with search, paging and ratings.
 *
 * @attr site - The site's slug, e.g. `htx-thainguyen`.
 * @attr sites - Several sites' news merged by date, e.g. `daitu,phuluong` (the first is asked when `site` is not set).
 * @attr category - A category slug; its subcategories' news is included.
 * @attr limit - Articles per page, 1–50 (default 10).
 * @attr layout - `list` (default: thumbnail, title, time, summary), `grid` (cards) or `compact` (headlines and times).
 * @attr sort - `newest` (default) or `top-rated`.
 * @attr search - Shows a search box that filters as the reader types, without regard to diacritics.
 * @attr rating - `none` (default), `summary` (average and count) or `interactive` (a civic-star-rating per article).
 * @attr heading-level - The level of each title's heading, to fit the host page's outline (default 3).
 * @attr api - Origin of the civic-widgets API; defaults to the origin the script came from.
 * @attr lang - vi (default) or en; defaults to the nearest ancestor's language.
 *
 * @event {CustomEvent<CivicArticlesLoadDetail>} civic-load - A page of articles was shown.
 * @event {CustomEvent<CivicErrorDetail>} civic-error - Loading failed (`action` is `load`).
 *
 * @csspart base - The whole block.
 * @csspart search - The search box's label and field.
 * @csspart list - The list of articles.
 * @csspart item - One article.
 * @csspart image - Its thumbnail.
 * @csspart title - Its title (a heading).
 * @csspart link - The title's link to the article on the portal.
 * @csspart meta - Its time, the site (when several are merged), category and author.
 * @csspart summary - Its summary, clamped to three lines.
 * @csspart rating - Its rating summary.
 * @csspart message - The empty or error message.
 * @csspart retry - The retry button.
 * @csspart more - The "Xem thêm" button.
 *
 * @cssproperty --civic-article-list-link-color - Titles and buttons; falls back to --civic-color-primary.
 * @cssproperty --civic-article-list-muted-color - Time, author and category.
 * @cssproperty --civic-article-list-border-color - Lines between articles, card borders.
 * @cssproperty --civic-article-list-thumb-width - Thumbnail width in the list layout (8rem).
 * @cssproperty --civic-article-list-card-width - Narrowest card in the grid layout (14rem).
 * @cssproperty --civic-color-focus - Focus ring, shared by all civic-* elements.
 * @cssproperty --civic-color-danger - Error messages, shared by all civic-* elements.
 * @cssproperty --civic-radius - Corner radius, shared by all civic-* elements.
 */
export class CivicArticleList extends CivicElement {
  static override styles = [baseStyles, styles];
  static override properties = {
    site: {},
    sites: {},
    category: {},
    sort: {},
    limit: { type: Number },
    layout: {},
    search: { type: Boolean },
    rating: {},
    headingLevel: { type: Number, attribute: 'heading-level' },
    items: { state: true },
    failed: { state: true },
    busy: { state: true },
    announcement: { state: true },
  };

  site = '';
  sites = '';
  category = '';
  sort = 'newest';
  limit = 10;
  layout = 'list';
  search = false;
  rating = 'none';
  headingLevel = 3;

  /** what is shown; undefined until the first page arrives (the skeleton) */
  private items?: Article[];
  /** the last request failed: the error state, or a message under what is shown */
  private failed = false;
  /** a request is under way: a search, or the next page */
  private busy = false;
  private announcement = '';
  private zones: ArticlePage['sites'] = {};
  private next: string | null = null;
  private q = '';
  private loads = 0;
  private timer?: ReturnType<typeof setTimeout>;
  /** what the retry button repeats */
  private retryMore = false;

  protected override willUpdate(changed: Map<string, unknown>) {
    if (['site', 'sites', 'category', 'sort', 'limit', 'api'].some((name) => changed.has(name))) void this.load();
    if (this.rating === 'interactive') void import('../star-rating/star-rating.js');
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    clearTimeout(this.timer);
  }

  /** Loads the first page afresh (the retry button calls this). */
  load() {
    this.items = undefined;
    return this.fetchPage(false);
  }

  private get pageSize() {
    return articlePageSize(this.limit);
  }

  private async fetchPage(more: boolean) {
    const load = ++this.loads;
    const t = messages[this.language];
    this.busy = true;
    this.failed = false;
    this.retryMore = more;
    // the first page's URL (the loader's), and the reader's search or the next page's cursor
    let url = articlesUrl(this.setting);
    for (const [name, value] of [
      ['q', this.q],
      ['cursor', more && this.next],
    ] as const) {
      if (value) url += `&${name}=${encodeURIComponent(value)}`;
    }
    try {
      const page = await requestJson<ArticlePage>(url, undefined, this.handed(url));
      if (load !== this.loads) return;
      const before = more ? (this.items ?? []) : [];
      this.items = [...before, ...page.items];
      this.zones = { ...this.zones, ...page.sites };
      this.next = page.nextCursor;
      const count = page.items.length;
      this.announcement = more ? t.loaded(count) : this.q ? (count ? t.shown(count) : t.noMatch(this.q)) : '';
      this.busy = false;
      this.emit<CivicArticlesLoadDetail>('civic-load', { items: page.items, more: !!page.nextCursor, q: this.q });
      if (more) {
        // the reader asked for more: take them to the first new article
        await this.updateComplete;
        this.renderRoot.querySelectorAll<HTMLElement>('.item a')[before.length]?.focus();
      }
    } catch (error) {
      if (load !== this.loads) return;
      this.busy = false;
      this.failed = true;
      const { status = 0, message } = error as Partial<ApiFailure>;
      this.emit<CivicErrorDetail>('civic-error', { action: 'load', status, message: String(message) });
    }
  }

  private onInput(event: Event) {
    const value = (event.target as HTMLInputElement).value.trim();
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      if (value === this.q) return;
      this.q = value;
      void this.fetchPage(false);
    }, 300);
  }

  private item(article: Article | undefined, lang: Lang, layout: string) {
    const zone = article && this.zones[article.site];
    const image = article?.image;
    const src = web(image?.url);
    const href = web(article?.url);
    const meta = article ? [this.sites && zone?.name, article.category?.title, article.author].filter(Boolean) : [];
    const rating = article?.rating;
    const t = messages[lang];
    return html`<li class="item" part="item">
      ${
        layout === 'compact'
          ? ''
          : src
            ? html`<img
              class="img"
              part="image"
              src=${src}
              alt=${image!.alt}
              width=${image!.width ?? 320}
              height=${image!.height ?? 213}
              loading="lazy"
              decoding="async"
            >`
            : html`<span class="img"></span>`
      }
      <div class="body">
        <p class="title" part="title" role="heading" aria-level=${Math.min(6, Math.max(1, this.headingLevel || 3))}
          >${href ? html`<a part="link" href=${href}>${article!.title}</a>` : article?.title}</p
        >
        <p class="meta" part="meta"
          >${
            article
              ? html`<time datetime=${article.publishedAt}
                >${portalTime(article.publishedAt, zone?.timeZone || DEFAULT_TIME_ZONE, lang)}</time
              >${meta.map((text) => ` · ${text}`)}`
              : ''
          }</p
        >
        ${layout === 'compact' ? '' : html`<p class="summary" part="summary">${article?.summary}</p>`}
        ${
          this.rating === 'summary'
            ? html`<p class="rating" part="rating"
              >${!rating ? '' : rating.count ? t.rating(formatNumber(lang, rating.average), rating.count) : t.unrated}</p
            >`
            : this.rating !== 'interactive'
              ? ''
              : article
                ? html`<civic-star-rating
                  class="stars"
                  site=${article.site}
                  item=${rating!.item}
                  api=${this.api || (nothing as never)}
                  lang=${lang}
                ></civic-star-rating>`
                : html`<span class="stars"></span>`
        }
      </div>
    </li>`;
  }

  protected override render() {
    const lang = this.language;
    const t = messages[lang];
    const layout = /^(grid|compact)$/.test(this.layout) ? this.layout : 'list';
    const items = this.items;
    // `nothing as never`: lit-analyzer (npm run lint:templates) does not know that Lit's `nothing`
    // removes an attribute (runem/lit-analyzer#251); the cast is type-only, so no byte ships
    const list = (articles: (Article | undefined)[], className = '') =>
      html`<ul
        class="list ${className}"
        part="list"
        role="list"
        aria-hidden=${className ? 'true' : (nothing as never)}
      >
        ${articles.map((article) => this.item(article, lang, layout))}
      </ul>`;
    const skeleton = Array<undefined>(this.pageSize).fill(undefined);
    const again = () => (this.retryMore ? this.fetchPage(true) : this.items ? this.fetchPage(false) : this.load());
    const retry = html`<button part="retry" @click=${again}>${common[lang].retry}</button>`;
    const error = html`<div class="msg" part="message" role="alert">${t.failed} ${retry}</div>`;
    // The empty and error states stand over an unseen skeleton: the same box as the content. The
    // "Xem thêm" row keeps its place in every state, unseen unless there is more to load.
    const state = (message: unknown) => html`<div class="box">${list(skeleton, 'ghost skel')}<div class="state">${message}</div></div>`;

    return html`<div part="base" class="base ${layout}" aria-busy=${this.busy}>
      ${
        this.search
          ? html`<label class="search" part="search"
            >${t.search}<input type="search" .value=${this.q} @input=${this.onInput} autocomplete="off"
          ></label>`
          : ''
      }
      ${
        !items
          ? this.failed
            ? state(error)
            : list(skeleton, 'skel')
          : !items.length
            ? state(html`<p part="message">${this.q ? t.noMatch(this.q) : t.empty}</p>`)
            : // a page shorter than the limit stands over the rest of the skeleton, unseen: the same box
              items.length < skeleton.length
              ? html`<div class="box">${list(skeleton, 'ghost skel')}${list(items)}</div>`
              : list(items)
      }
      ${items && this.failed ? error : ''}
      <button
        class=${items && this.next ? '' : 'gone'}
        part="more"
        aria-disabled=${this.busy}
        @click=${() => !this.busy && this.fetchPage(true)}
      >${this.busy && this.retryMore ? t.loading : t.more}</button>
      <div class="visually-hidden" role="status">${this.announcement}</div>
    </div>`;
  }
}

defineElement('civic-article-list', CivicArticleList);

declare global {
  interface HTMLElementTagNameMap {
    'civic-article-list': CivicArticleList;
  }
}
