import { html, nothing } from 'lit-html';
import type { LinkDirectory, PublicLink } from '@civic-widgets/contract';
import { apiOrigin, requestJson } from '../shared/api.js';
import { linksUrl } from '../shared/first-request.js';
import { CivicElement, defineElement } from '../shared/civic-element.js';
import { common } from '../shared/i18n.js';
import { baseStyles } from '../shared/tokens.styles.js';
import { messages } from './link-directory.messages.js';
import { styles } from './link-directory.styles.js';

/** `civic-open`'s detail: the link the reader opened, as the API gave it. */
export type CivicOpenDetail = PublicLink;

// Keys a control acts on stop in the widget, so a portal's own slider or carousel bound to
// `document` keydown does not move while a reader uses it (docs/legacy-pages.md): the select and
// the filter box take every key but Tab (arrows, Home, End, Escape, letters, …), a category's
// title Enter and Space.
const keepTyped = (event: KeyboardEvent) => event.key != 'Tab' && !event.altKey && !event.ctrlKey && !event.metaKey && event.stopPropagation();
const keepToggle = (event: KeyboardEvent) => /^(Enter| )$/.test(event.key) && event.stopPropagation();

/** Lowercase, without diacritics, đ as d: "Đại Từ" and "dai tu" match. */
const fold = (text: string) =>
  text
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd');

/**
 * @summary "Liên kết Website": a portal's links to other agencies, as a select with a "Đi" button, a list or a grid of logos.
 *
 * @attr site - The site's slug, e.g. `htx-thainguyen`.
 * @attr category - Only this category's links (its slug); all categories by default.
 * @attr mode - `select` (default): a dropdown that does not navigate until "Đi" is pressed; `list`: groups that fold; `grid`: logos.
 * @attr filter - Shows a box that filters the links as the reader types, without regard to diacritics.
 * @attr api - Origin of the civic-widgets API; defaults to the origin the script came from.
 * @attr lang - vi (default) or en; defaults to the nearest ancestor's language.
 *
 * @event {CustomEvent<CivicOpenDetail>} civic-open - The reader opened a link (in a new tab, through `/go/:link`, which counts it).
 * @event {CustomEvent<CivicErrorDetail>} civic-error - Loading the links failed (`action` is `load`).
 *
 * @csspart base - The whole block.
 * @csspart filter - The filter box.
 * @csspart select - The dropdown (select mode).
 * @csspart go - The "Đi" button (select mode).
 * @csspart group - A category (list mode).
 * @csspart summary - A category's title, which folds and unfolds it (list mode).
 * @csspart item - A link's list item (list and grid modes).
 * @csspart link - A link (list and grid modes).
 * @csspart image - A logo (grid mode).
 * @csspart message - The empty or error message.
 * @csspart retry - The retry button of the error state.
 *
 * @cssproperty --civic-link-directory-accent - Background of the "Đi" button, colour of links; falls back to --civic-color-primary.
 * @cssproperty --civic-link-directory-tile - Narrowest width of a grid tile; 8rem.
 * @cssproperty --civic-link-directory-muted-color - A link’s description (list mode) and a link the health check could not reach; #595959.
 * @cssproperty --civic-color-focus - Focus ring, shared by all civic-* elements.
 * @cssproperty --civic-color-danger - Error messages, shared by all civic-* elements.
 * @cssproperty --civic-radius - Corner radius, shared by all civic-* elements.
 */
export class CivicLinkDirectory extends CivicElement {
  static override styles = [baseStyles, styles];
  static override properties = {
    site: {},
    category: {},
    mode: {},
    filter: { type: Boolean },
    data: { state: true },
    query: { state: true },
    chosen: { state: true },
  };

  /** The site's slug. */
  site = '';
  /** Only this category's links (its slug). */
  category = '';
  /** select (default), list or grid. */
  mode = 'select';
  /** Shows the filter box. */
  filter = false;

  /** the directory; undefined while loading, null when loading failed (the error state) */
  private data?: LinkDirectory | null;
  private query = '';
  /** the id of the link chosen in the select */
  private chosen = 0;
  private loads = 0;

  protected override willUpdate(changed: Map<string, unknown>) {
    if (changed.has('site') || changed.has('category') || changed.has('api')) void this.load();
  }

  /** Fetches the directory again (the retry button calls this). */
  async load() {
    const load = ++this.loads;
    this.data = undefined;
    try {
      const url = linksUrl(this.setting);
      const data = await requestJson<LinkDirectory>(url, undefined, this.handed(url));
      if (load === this.loads) this.data = data;
    } catch (error) {
      if (load === this.loads) {
        this.data = null;
        this.fail('load', error);
      }
    }
  }

  protected override render() {
    const lang = this.language;
    const t = messages[lang];
    const data = this.data;
    const query = fold(this.query.trim());
    const groups = (data?.categories ?? [])
      .map((group) => ({
        ...group,
        links: group.links.filter((link) => fold(`${link.title} ${link.description}`).includes(query)),
      }))
      .filter((group) => group.links.length);
    const links = groups.flatMap((group) => group.links);
    const chosen = links.find((link) => link.id === this.chosen) ?? links[0];
    const mode = this.mode === 'list' || this.mode === 'grid' ? this.mode : 'select';
    const label = (link: PublicLink) => (link.health === 'broken' ? `${link.title} ${t.broken}` : link.title);
    // Every link goes through /go/:link, which counts the click, and opens in a new tab.
    const a = (link: PublicLink, content: unknown, part = 'link') =>
      html`<a
        part=${part}
        class=${part}
        href="${apiOrigin(this.api)}/go/${link.id}"
        target="_blank"
        rel="noopener noreferrer"
        @click=${() => this.emit<CivicOpenDetail>('civic-open', link)}
        >${content}<span class="visually-hidden"> ${t.newWindow}</span></a
      >`;

    const body =
      data === undefined
        ? html`<div class="row skeleton"><span></span><span></span></div>`
        : data === null
          ? html`<div class="row">
              <p class="message" part="message" role="alert">${t.loadFailed}</p>
              <button class="retry" part="retry" @click=${() => this.load()}>${common[lang].retry}</button>
            </div>`
          : !chosen
            ? html`<div class="row"><p part="message">${t.empty}</p></div>`
            : mode === 'select'
              ? html`<div class="row">
                  <select
                    part="select"
                    aria-label=${t.choose}
                    @keydown=${keepTyped}
                    @change=${(event: Event) => (this.chosen = +(event.target as HTMLSelectElement).value)}
                  >
                    ${groups.map(
                      (group) =>
                        html`<optgroup label=${group.title}>
                          ${group.links.map((link) => html`<option value=${link.id} .selected=${link === chosen}>${label(link)}</option>`)}
                        </optgroup>`,
                    )}
                  </select>
                  ${a(chosen, html`${t.go} <span aria-hidden="true">↗</span>`, 'go')}
                </div>`
              : mode === 'list'
                ? groups.map(
                    (group) =>
                      html`<details part="group" open>
                        <summary part="summary" @keydown=${keepToggle}>${group.title}</summary>
                        <ul>
                          ${group.links.map(
                            (link) =>
                              html`<li part="item" class=${link.health}
                                >${a(link, label(link))}${link.description ? html`<small>${link.description}</small>` : nothing}</li
                              >`,
                          )}
                        </ul>
                      </details>`,
                  )
                : html`<ul class="grid">
                    ${links.map(
                      (link) =>
                        html`<li part="item" class=${link.health}>
                          ${a(
                            link,
                            link.logo && /^https?:\/\//i.test(link.logo)
                              ? html`<img part="image" src=${link.logo} alt=${label(link)} loading="lazy" />`
                              : label(link),
                          )}
                        </li>`,
                    )}
                  </ul>`;

    return html`<div part="base" aria-busy=${data === undefined}>
      ${
        this.filter
          ? html`<input
              part="filter"
              type="search"
              aria-label=${t.filter}
              placeholder=${t.filter}
              .value=${this.query}
              @keydown=${keepTyped}
              @input=${(event: Event) => (this.query = (event.target as HTMLInputElement).value)}
            />
            <p class="visually-hidden" role="status">${query && data ? t.count(links.length) : ''}</p>`
          : nothing
      }
      ${body}
    </div>`;
  }
}

defineElement('civic-link-directory', CivicLinkDirectory);

declare global {
  interface HTMLElementTagNameMap {
    'civic-link-directory': CivicLinkDirectory;
  }
}
