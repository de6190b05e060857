import { html, nothing } from 'lit-html';
import type { RatingSummary, RatingVoteResult } from '@civic-widgets/contract';
import { requestJson } from '../shared/api.js';
import { ratingUrl } from '../shared/first-request.js';
import { CivicElement, defineElement } from '../shared/civic-element.js';
import { common, formatNumber } from '../shared/i18n.js';
import { baseStyles } from '../shared/tokens.styles.js';
import { messages } from './star-rating.messages.js';
import { styles } from './star-rating.styles.js';

export interface CivicRateDetail {
  item: string;
  stars: number;
  /** the new summary and the reader's own vote, as the API answered */
  summary: RatingVoteResult;
}

/** The summary as drawn: everyone's, and this reader's own vote as this browser remembers it. */
type Shown = RatingSummary & { mine?: number };

export interface CivicErrorDetail {
  /** what failed: reading the summary or sending a vote */
  action: 'load' | 'rate';
  /** HTTP status, 0 for a network failure or an answer that was not JSON */
  status: number;
  message: string;
}

const STAR = 'M12 2.3L14.6 9.3L22.1 9.6L16.2 14.3L18.2 21.5L12 17.3L5.8 21.5L7.8 14.3L1.9 9.6L9.4 9.3Z';

/**
 * @tagname civic-star-rating
 * @summary "Đánh giá bài viết": readers rate an article from 1 to 5 stars, inline on the portal's page.
 *
 * @attr site - The site's slug, e.g. `htx-thainguyen`.
 * @attr item - The portal's own key for the article; defaults to the page's canonical URL.
 * @attr api - Origin of the civic-widgets API; defaults to the origin the script came from.
 * @attr lang - vi (default) or en; defaults to the nearest ancestor's language.
 * @attr readonly - Shows the average without letting the reader vote.
 *
 * @event {CustomEvent<CivicRateDetail>} civic-rate - The reader's vote was saved.
 * @event {CustomEvent<CivicErrorDetail>} civic-error - Loading the summary or saving a vote failed.
 *
 * @csspart base - The whole block.
 * @csspart stars - The row of stars (the radio group).
 * @csspart star - Each star.
 * @csspart summary - "Tổng số điểm của bài viết là: X trong Y đánh giá".
 * @csspart prompt - "Click để đánh giá bài viết", or the reader's own vote.
 * @csspart message - An error message.
 * @csspart retry - The retry button of the error state.
 * @csspart turnstile - The Turnstile check and the line above it, shown only when the site asks for one before a vote (docs/ratings.md).
 *
 * @cssproperty --civic-star-rating-size - Size of one star; 2rem, a comfortable touch target, and never under 24px by default (a 10px root font).
 * @cssproperty --civic-star-rating-color - Fill of a full star; falls back to --civic-color-star.
 * @cssproperty --civic-star-rating-outline-color - Outline of a full star.
 * @cssproperty --civic-star-rating-empty-color - Fill of an empty star.
 * @cssproperty --civic-star-rating-muted-color - Colour of the prompt line.
 * @cssproperty --civic-color-focus - Focus ring, shared by all civic-* elements.
 * @cssproperty --civic-color-danger - Error messages, shared by all civic-* elements.
 * @cssproperty --civic-radius - Corner radius, shared by all civic-* elements.
 */
export class CivicStarRating extends CivicElement {
  static override styles = [baseStyles, styles];
  static override properties = {
    site: {},
    item: {},
    readonly: { type: Boolean, reflect: true },
    summary: { state: true },
    voteFailed: { state: true },
    announcement: { state: true },
    preview: { state: true },
  };

  /** The site's slug. */
  site = '';
  /** The portal's own key for the article; defaults to the page's canonical URL. */
  item = '';
  /** Shows the average without letting the reader vote. */
  readonly = false;

  /** the item's ratings; undefined while loading, null when loading failed (the error state) */
  private summary?: Shown | null;
  // (left undefined until first set where that reads as false, '' or 0: bytes every reader pays)
  private voteFailed?: boolean;
  private announcement?: string;
  /** the star under the pointer or the keyboard focus (0: none), previewed until the reader leaves */
  private preview?: number;
  /** the star that has the keyboard focus: what Space and Enter rate (keys reach the group only from a focused star) */
  private focused?: number;
  private saving?: boolean;
  private loads = 0;

  private get url() {
    return ratingUrl(this.setting);
  }

  // The summary is the same for every reader (the edge caches it), so the reader's own vote is
  // kept here, in the page's localStorage under the summary's URL (site and item), as "<stars>
  // <bookmark>": the D1 bookmark the vote was written at goes back as `?after=`, so the next
  // summary includes the vote (docs/edge-cache.md). Storage may be refused: the vote still counts.
  private keep(kept?: string): string[] {
    try {
      return (kept ? (localStorage[this.url] = kept) : localStorage[this.url] || '').split(' ');
    } catch {
      return [];
    }
  }

  protected override willUpdate(changed: Map<string, unknown>) {
    if (changed.has('site') || changed.has('item') || changed.has('api')) void this.load();
  }

  /** Fetches the summary again (the retry button calls this). */
  async load() {
    const load = ++this.loads;
    this.summary = undefined;
    try {
      const [mine, bookmark] = this.keep();
      const url = this.url + (bookmark ? '?after=' + bookmark : '');
      const summary = await requestJson<RatingSummary>(url, undefined, this.handed(url));
      if (load === this.loads) this.summary = { ...summary, mine: +mine! };
    } catch (error) {
      if (load === this.loads) {
        this.summary = null;
        this.fail('load', error);
      }
    }
  }

  /**
   * The reader chose `stars`: show it at once, save it, and roll back if the save fails. A site
   * that asks for Turnstile refuses the vote with 403: then the widget is shown (its code and
   * Cloudflare's script are loaded only then) and the vote sent again with the reader's token.
   */
  private async rate(stars: number) {
    const before = this.summary;
    const load = this.loads;
    if (this.readonly || !before || this.saving) return;
    const mine = before.mine || 0;
    const count = before.count + +!mine;
    const total = before.total - mine + stars;
    this.summary = { ...before, count, total, average: total / count, mine: stars };
    this.voteFailed = false;
    this.saving = true;
    this.announcement = '';
    try {
      const init = { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ stars }) };
      const summary = await requestJson<RatingVoteResult>(this.url, init).catch(async (error) =>
        (await import('../shared/turnstile.js')).default(this, error, init, requestJson<RatingVoteResult>),
      );
      // counted: this browser remembers the vote, and the bookmark it was written at
      this.keep(stars + ' ' + summary.bookmark);
      // (unless code moved the element to another item meanwhile: then this answer is stale)
      if (load === this.loads) {
        this.summary = summary;
        this.announcement = `${messages[this.language].mine(stars)} ${this.sentence(summary)}`;
      }
      this.emit<CivicRateDetail>('civic-rate', { item: summary.item, stars, summary });
    } catch (error) {
      if (load === this.loads) {
        this.summary = before;
        this.voteFailed = true;
      }
      this.fail('rate', error);
    }
    this.saving = false;
  }

  /** The portal's sentence: "Tổng số điểm của bài viết là: X trong Y đánh giá". */
  private sentence({ total, count }: Pick<RatingSummary, 'total' | 'count'>) {
    const lang = this.language;
    return messages[lang].summary(formatNumber(lang, total), formatNumber(lang, count));
  }

  // Keyboard, as the ARIA radio group: Right/Down next, Left/Up previous, Home/End first/last
  // move the focus (and preview); Space/Enter rate the focused star. Modified keys are the browser's.
  // A key handled here stops here: a portal's slider bound to `document` keydown must not move too.
  private onKeydown(event: KeyboardEvent) {
    const { key } = event;
    const step = ({ ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 } as Record<string, number>)[key];
    const next = key === 'Home' ? 1 : key === 'End' ? 5 : step ? this.focused! + step : 0;
    const commit = key === ' ' || key === 'Enter';
    if (event.altKey || event.ctrlKey || event.metaKey || !(next || commit)) return;
    event.preventDefault();
    event.stopPropagation();
    if (commit) void this.rate(this.focused!);
    else this.renderRoot.querySelectorAll<HTMLElement>('[role=radio]')[Math.min(5, Math.max(1, next)) - 1]!.focus();
  }

  /** The retry button: load again, and keep the keyboard focus in the widget. */
  private async retry() {
    await this.load();
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[tabindex="0"],button')?.focus();
  }

  protected override render() {
    const lang = this.language;
    const t = messages[lang];
    const summary = this.summary;
    const interactive = summary && !this.readonly;
    const value = this.preview || summary?.average || 0;
    const tabbable = summary?.mine || 1;
    // Loading and failed states lay out the sentence too (with zeros, unseen), so every state has
    // the height the loaded one will have at this width: the page never jumps.
    const sentence = this.sentence(summary || { total: 0, count: 0 });
    // `nothing as never`: lit-analyzer (npm run lint:templates) does not know that Lit's `nothing`
    // removes an attribute (runem/lit-analyzer#251); the cast is type-only, so no byte ships
    // (nor that the boolean bound to `aria-checked` is written as 'true' or 'false')
    const stars = [1, 2, 3, 4, 5].map(
      (n) =>
        // eslint-disable-next-line lit-a11y/click-events-have-key-events -- the keys are taken by the radiogroup around the stars (onKeydown, roving tabindex)
        html`<span
          class="star"
          part="star"
          role=${interactive ? 'radio' : (nothing as never)}
          aria-label=${interactive ? t.star(n) : (nothing as never)}
          aria-checked=${interactive ? ((summary.mine === n) as unknown as 'true' | 'false') : (nothing as never)}
          tabindex=${interactive ? (n === tabbable ? 0 : -1) : (nothing as never)}
          @click=${() => this.rate(n)}
          @pointerenter=${() => (this.preview = interactive ? n : 0)}
          @focus=${() => (this.preview = this.focused = n)}
          ><svg viewBox="0 0 24 24" aria-hidden="true">
            <clipPath id="f${n}">
              <rect width=${Math.min(1, Math.max(0, value - n + 1)) * 24} height="24"></rect>
            </clipPath>
            <path class="empty" d=${STAR}></path>
            <path class="full" d=${STAR} clip-path="url(#f${n})"></path></svg
        ></span>`,
    );

    // A failed load or save says so where the sentence stands (the sentence unseen beneath it):
    // the box keeps its height, so the page does not jump when a save fails seconds after the click.
    const failed = summary === null || this.voteFailed;
    return html`<div
      part="base"
      class="base ${summary === undefined ? 'loading' : failed ? 'failed' : ''}"
      aria-busy=${summary === undefined}
    >
      <div
        class="stars"
        part="stars"
        role=${interactive ? 'radiogroup' : 'img'}
        aria-label=${summary && this.readonly ? t.readonly(formatNumber(lang, summary.average)) : t.group}
        aria-describedby="summary prompt"
        @keydown=${this.onKeydown}
        @pointerleave=${() => (this.preview = 0)}
        @focusout=${(event: FocusEvent) =>
          // the preview ends when the focus leaves the stars, not when it moves from one to the next
          !(event.currentTarget as Element).contains(event.relatedTarget as Node) && (this.preview = 0)}
      >${stars}</div>
      <div class="text">
        <p id="summary" part="summary" aria-hidden=${failed || !summary ? 'true' : (nothing as never)}>
          <span>${sentence}</span>
        </p>
        ${failed ? html`<p class="message" part="message" role="alert">${summary ? t.voteFailed : t.loadFailed}</p>` : ''}
      </div>
      <p id="prompt" class="prompt" part="prompt">
        ${
          summary === null
            ? html`<button class="retry" part="retry" @click=${this.retry}>${common[lang].retry}</button>`
            : html`<span>${interactive ? (summary.mine ? t.mine(summary.mine) : t.prompt) : summary ? '' : t.prompt}</span>`
        }
      </p>
      <div class="visually-hidden" role="status">${this.announcement}</div>
    </div>`;
  }
}

defineElement('civic-star-rating', CivicStarRating);

declare global {
  interface HTMLElementTagNameMap {
    'civic-star-rating': CivicStarRating;
  }
  interface HTMLElementEventMap {
    'civic-rate': CustomEvent<CivicRateDetail>;
    'civic-error': CustomEvent<CivicErrorDetail>;
  }
}
