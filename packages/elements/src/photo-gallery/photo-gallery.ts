import { html, nothing } from 'lit-html';
import type { AlbumList, AlbumPage, AlbumSummary, Photo, PhotoWithAlbum } from '@civic-widgets/contract';
import { requestJson, siteUrl, type ApiFailure } from '../shared/api.js';
import { albumsUrl } from '../shared/first-request.js';
import { CivicElement, defineElement } from '../shared/civic-element.js';
import { common } from '../shared/i18n.js';
import { baseStyles } from '../shared/tokens.styles.js';
import { messages } from './photo-gallery.messages.js';
import { styles } from './photo-gallery.styles.js';

export interface CivicPhotoDetail {
  /** the album's slug */
  album: string;
  /** the photo's id, as in the page's `#photo-<id>` */
  photo: number;
  /** its place in the album, from 0 */
  index: number;
}

export interface CivicGalleryErrorDetail {
  action: 'load';
  /** HTTP status, 0 for a network failure or an answer that was not JSON */
  status: number;
  message: string;
}

interface Shown {
  /** the site's albums (covers), when no album is shown */
  albums?: AlbumSummary[];
  album?: AlbumSummary;
  photos: Photo[];
  /** the cursor of the album's next page, when more can be loaded */
  next: string | null;
}

const SLIDE_MS = 4000;
const PREV = 'M15 5l-7 7 7 7';
const NEXT = 'M9 5l7 7-7 7';
const CLOSE = 'M6 6l12 12M18 6L6 18';
const ZOOM = 'M10 4a6 6 0 1 0 0 12a6 6 0 1 0 0-12M15 15l5 5M10 7v6M7 10h6';
const PLAY = 'M8 5v14l11-7z';
const PAUSE = 'M8 5v14M16 5v14';

const icon = (d: string) => html`<svg viewBox="0 0 24 24" aria-hidden="true"><path d=${d}></path></svg>`;

/** Only http(s) addresses become an image source. */
const safe = (url?: string) => (url && /^https?:/i.test(url) ? url : '');

/** Every width the photo comes in, for `srcset`. */
const srcset = (photo: Photo) =>
  [photo.thumbnail, photo, ...photo.variants]
    .filter((image) => safe(image?.src))
    .map((image) => `${image!.src} ${image!.width}w`)
    .join();

/** The photo id of the page's `#photo-<id>`, else 0. */
const hashed = () => Number(/^#photo-(\d+)$/.exec(location.hash)?.[1] ?? 0);

/**
 * @summary "Thư viện ảnh": a site's albums, or one album's photos, with an accessible lightbox.
 *
 * @attr site - The site's slug, e.g. `htx-thainguyen`.
 * @attr album - The album's slug; without it, the site's albums are shown as covers that open inside.
 * @attr limit - Shows at most this many photos (or covers) and no "more" button; the portal links to the rest.
 * @attr layout - `grid` (default): tiles of one shape; `strip`: one scrolling row, each photo in its own proportions.
 * @attr api - Origin of the civic-widgets API; defaults to the origin the script came from.
 * @attr lang - vi (default) or en; defaults to the nearest ancestor's language.
 *
 * @event {CustomEvent<CivicPhotoDetail>} civic-open - The reader opened a photo (or a `#photo-<id>` link did).
 * @event {CustomEvent<CivicPhotoDetail>} civic-close - The reader closed the lightbox; `detail` is the photo last shown.
 * @event {CustomEvent<CivicGalleryErrorDetail>} civic-error - Loading failed.
 *
 * @csspart base - The whole block.
 * @csspart list - The grid or strip of photos or albums.
 * @csspart item - Each photo's or album's place in the list.
 * @csspart thumb - The button around a photo's thumbnail.
 * @csspart image - A thumbnail or cover image.
 * @csspart album - The button of an album's cover.
 * @csspart title - An album's title.
 * @csspart count - An album's "12 ảnh".
 * @csspart back - "Tất cả album", back from an album to the covers.
 * @csspart more - "Xem thêm ảnh", the next page of a large album.
 * @csspart message - The empty or error message.
 * @csspart retry - The retry button of the error state.
 * @csspart lightbox - The lightbox (a modal dialog).
 * @csspart control - Each button of the lightbox.
 * @csspart photo - The photo in the lightbox.
 * @csspart caption - Counter, caption and credit under it.
 * @csspart counter - "3 / 12".
 * @csspart credit - "Ảnh: …".
 *
 * @cssproperty --civic-photo-gallery-min - Narrowest grid column; 8rem.
 * @cssproperty --civic-photo-gallery-gap - Space between thumbnails; 0.5rem.
 * @cssproperty --civic-photo-gallery-ratio - Shape of a grid tile; 3 / 2 (the photo is cropped to it, shown whole in the lightbox).
 * @cssproperty --civic-photo-gallery-height - Height of the strip; 8rem.
 * @cssproperty --civic-photo-gallery-backdrop - Lightbox background; #111.
 * @cssproperty --civic-photo-gallery-muted-color - Photo counts; #595959.
 * @cssproperty --civic-color-focus - Focus ring, shared by all civic-* elements.
 * @cssproperty --civic-color-danger - Error messages, shared by all civic-* elements.
 * @cssproperty --civic-radius - Corner radius, shared by all civic-* elements.
 */
export class CivicPhotoGallery extends CivicElement {
  static override styles = [baseStyles, styles];
  static override properties = {
    site: {},
    album: {},
    limit: { type: Number },
    layout: {},
    shown: { state: true },
    opened: { state: true },
    index: { state: true },
    zoomed: { state: true },
    playing: { state: true },
  };

  /** The site's slug. */
  site = '';
  /** The album's slug; empty: the site's albums. */
  album = '';
  /** At most this many photos or albums (0: all, page by page). */
  limit = 0;
  /** `grid` or `strip`. */
  layout = 'grid';

  /** what is shown: undefined while loading, null when loading failed */
  private shown?: Shown | null;
  /** the album the reader opened from the covers */
  private opened = '';
  /** the photo in the lightbox, -1 when closed */
  private index = -1;
  private zoomed = false;
  private playing = false;
  /** the thumbnail (or cover) to give the focus back to */
  private opener = 0;
  /** the cover of the album opened from the covers */
  private from = 0;
  /** the photo shown, for the events */
  private current?: CivicPhotoDetail;
  /** whether opening pushed a history entry that closing must take back */
  private pushed = false;
  private timer?: ReturnType<typeof setInterval>;
  private loads = 0;
  private x = 0;
  private y = 0;

  private get dialog() {
    return this.renderRoot.querySelector('dialog')!;
  }

  private get thumbs() {
    return this.renderRoot.querySelectorAll<HTMLElement>('ul:not([aria-hidden]) button');
  }

  override connectedCallback() {
    super.connectedCallback();
    addEventListener('popstate', this.onPop);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    removeEventListener('popstate', this.onPop);
    clearInterval(this.timer);
  }

  protected override willUpdate(changed: Map<string, unknown>) {
    if (changed.has('site') || changed.has('album') || changed.has('limit') || changed.has('api')) {
      this.opened = '';
      void this.load();
    }
  }

  protected override updated(changed: Map<string, unknown>) {
    const stage = this.renderRoot.querySelector('.zoomed');
    // a zoomed photo opens on its middle; scroll(), not scrollTo(): Prototype 1.6–1.7 puts its own
    // scrollTo on HTMLElement.prototype, which scrolls the page to the element and ignores the
    // offsets (docs/legacy-pages.md)
    if (changed.has('zoomed') && stage) {
      stage.scroll((stage.scrollWidth - stage.clientWidth) / 2, (stage.scrollHeight - stage.clientHeight) / 2);
    }
  }

  /** Loads the albums, or the album (again: the retry button calls this); `more` adds its next page. */
  async load(more = false) {
    const load = ++this.loads;
    const before = more ? this.shown : undefined;
    const slug = this.album || this.opened;
    // the first page's URL (the loader's, for this album or the covers), and the next page's cursor
    const first = albumsUrl((name) => (name === 'album' ? slug : this.setting(name)));
    const url = first + (before?.next ? `&cursor=${before.next}` : '');
    if (!more) this.shown = undefined;
    try {
      let shown: Shown;
      if (slug) {
        const page = await requestJson<AlbumPage>(url, undefined, this.handed(url));
        shown = {
          album: page.album,
          photos: [...(before?.photos ?? []), ...page.photos],
          next: this.limit ? null : page.nextCursor,
        };
      } else {
        shown = { albums: (await requestJson<AlbumList>(url, undefined, this.handed(url))).items, photos: [], next: null };
      }
      // the page was opened with a #photo-<id> link (first load) on the covers: open its album first
      const id = hashed();
      const found =
        shown.albums && id && load === 1 ? await requestJson<PhotoWithAlbum>(siteUrl(this.api, this.site, 'photos', String(id))).catch(() => null) : null;
      if (load !== this.loads) return;
      if (found) return this.browse(found.album, 0);
      this.shown = shown;
      await this.seek();
    } catch (error) {
      if (load !== this.loads) return;
      if (!more) this.shown = null;
      const { status = 0, message } = error as Partial<ApiFailure>;
      this.emit<CivicGalleryErrorDetail>('civic-error', { action: 'load', status, message: String(message) });
    }
  }

  /** Shows the photo of the page's `#photo-<id>`, loading the album's pages until it comes. */
  private async seek() {
    const shown = this.shown;
    const id = hashed();
    if (!shown || !id) return;
    const i = shown.photos.findIndex((photo) => photo.id === id);
    if (i >= 0) {
      if (i !== this.index) await this.show(i);
    } else if (shown.next) await this.load(true);
  }

  private onPop = () => {
    if (!hashed() && this.index >= 0) {
      this.pushed = false;
      this.dialog.close();
    } else void this.seek();
  };

  /** Shows photo `i` in the lightbox, opening it if need be (`opener`: the reader clicked that thumbnail). */
  private async show(i: number, opener?: number) {
    const photos = this.shown!.photos;
    const n = photos.length;
    i = (i + n) % n;
    const open = this.index >= 0;
    // the page's own path first: a bare '#photo-…' would be read against the page's <base href>
    const address = `${location.pathname}${location.search}#photo-${photos[i]!.id}`;
    this.index = i;
    this.zoomed = false;
    this.current = { album: this.shown!.album!.slug, photo: photos[i]!.id, index: i };
    if (opener === undefined) history.replaceState(history.state, '', address);
    else {
      history.pushState(null, '', address);
      this.pushed = true;
    }
    for (const d of [-1, 1]) {
      const neighbour = photos[(i + d + n) % n]!;
      Object.assign(new Image(), { sizes: '100vw', srcset: srcset(neighbour), src: safe(neighbour.src) });
    }
    if (!open) {
      this.opener = opener ?? i;
      await this.updateComplete;
      this.dialog.showModal();
      this.emit<CivicPhotoDetail>('civic-open', this.current);
    }
  }

  /** Next (1) or previous (-1), around the album, loading its next page at the end of what is loaded. */
  private async step(d: number) {
    if (this.index + d >= this.shown!.photos.length && this.shown!.next) await this.load(true);
    await this.show(this.index + d);
  }

  /** The dialog closed (close button, Esc, Back): the focus goes back to the thumbnail that opened it. */
  private onClose() {
    clearInterval(this.timer);
    this.index = -1;
    this.playing = this.zoomed = false;
    if (this.pushed) history.back();
    else if (hashed()) history.replaceState(history.state, '', location.pathname + location.search);
    this.pushed = false;
    this.thumbs[this.opener]?.focus();
    this.emit<CivicPhotoDetail>('civic-close', this.current!);
  }

  private onKey(event: KeyboardEvent) {
    const { key, shiftKey } = event;
    // What the lightbox acts on stops here (a portal's carousel bound to `document` keydown must
    // not move too): arrows, Escape, its buttons' Enter and Space, a zoomed photo's scrolling keys.
    if (/^(Arrow|Escape|Enter| |Home|End|Page)/.test(key)) event.stopPropagation();
    if (key === 'Tab') {
      // the focus stays in the lightbox: from the last control to the first, and back
      const controls = [...this.dialog.querySelectorAll<HTMLElement>('button, [tabindex]')];
      const [first, last] = shiftKey ? [controls.at(-1), controls[0]] : [controls[0], controls.at(-1)];
      if ((this.renderRoot as ShadowRoot).activeElement === last) {
        event.preventDefault();
        first!.focus();
      }
    } else if (!this.zoomed && /^Arrow(Left|Right)$/.test(key)) {
      event.preventDefault();
      void this.step(key === 'ArrowLeft' ? -1 : 1);
    }
  }

  /** A horizontal swipe (not a zoomed pan) goes to the next or previous photo. */
  private onSwipe(event: PointerEvent) {
    const dx = event.clientX - this.x;
    if (!this.zoomed && Math.abs(dx) > 50 && Math.abs(dx) > Math.abs(event.clientY - this.y)) void this.step(dx < 0 ? 1 : -1);
  }

  /** The zoom button, and a double click on the photo: fit ↔ full size. */
  private zoom() {
    this.zoomed = !this.zoomed;
  }

  /** The slideshow runs only while the reader wants it. */
  private play() {
    clearInterval(this.timer);
    this.playing = !this.playing;
    if (this.playing) this.timer = setInterval(() => this.step(1), SLIDE_MS);
  }

  /** The album's next page, from the "more" button: the focus goes to the first new photo. */
  private async more() {
    const n = this.shown!.photos.length;
    await this.load(true);
    await this.updateComplete;
    this.thumbs[n]?.focus();
  }

  /** Opens album `slug` from cover `i`, or ('') goes back to the covers, keeping the focus where the reader is. */
  private async browse(slug: string, i: number) {
    this.opened = slug;
    if (slug) this.from = i;
    await this.load();
    await this.updateComplete;
    (slug ? this.renderRoot.querySelector<HTMLElement>('.back') : this.thumbs[i])?.focus();
  }

  protected override render() {
    const lang = this.language;
    const t = messages[lang];
    const shown = this.shown;
    const covers = !(this.album || this.opened);
    const items = shown?.albums ?? shown?.photos;
    const photo = shown?.photos[this.index];
    const full = photo ? Math.max(photo.width, ...photo.variants.map((variant) => variant.width)) : 0;
    const total = shown?.next ? shown.album!.photoCount : shown?.photos.length;
    const image = (p: Photo, alt: string) =>
      html`<img
        part="image"
        src=${safe(p.thumbnail?.src || p.src)}
        srcset=${srcset(p)}
        sizes="auto, 12rem"
        width=${p.width}
        height=${p.height}
        alt=${alt}
        loading="lazy"
        decoding="async"
      >`;

    return html`<div part="base" class=${this.layout === 'strip' ? 'strip' : 'grid'} aria-busy=${shown === undefined}>
      ${
        this.opened && !this.album
          ? html`<p class="head">
            <button class="back" part="back" @click=${() => this.browse('', this.from)}>${icon(PREV)}${t.back}</button
            ><b part="title">${shown?.album?.title}</b>
          </p>`
          : ''
      }
      ${
        items?.length
          ? html`<ul part="list">
            ${
              shown!.albums
                ? shown!.albums.map(
                    (album, i) =>
                      html`<li part="item">
                      <button class="card" part="album" @click=${() => this.browse(album.slug, i)}
                        >${album.cover ? image(album.cover, '') : html`<span class="img"></span>`}<b part="title"
                          >${album.title}</b
                        ><span class="count" part="count">${t.count(album.photoCount)}</span></button
                      >
                    </li>`,
                  )
                : shown!.photos.map(
                    (p, i) =>
                      html`<li part="item">
                      <button class="thumb" part="thumb" aria-haspopup="dialog" @click=${() => this.show(i, i)}
                        >${image(p, p.alt)}</button
                      >
                    </li>`,
                  )
            }
          </ul>`
          : // not Array.from({ length }): MooTools 1.3–1.4 (Joomla 2.5's) replaces it with one that
            // ignores the map function, and the skeleton came out empty (docs/legacy-pages.md)
            html`<div class="box">
            <ul aria-hidden="true" class="skeleton">
              ${[...Array(this.limit || 6)].map(
                () =>
                  html`<li>
                    <span class=${covers ? 'card' : 'thumb'}
                      ><span class="img"></span>${covers ? html`<b>\u00a0</b><span class="count">\u00a0</span>` : ''}</span
                    >
                  </li>`,
              )}
            </ul>
            ${
              shown === null
                ? html`<p class="message" part="message" role="alert">
                  ${t.loadFailed} <button class="retry" part="retry" @click=${() => this.load()}>${common[lang].retry}</button>
                </p>`
                : shown
                  ? html`<p class="message" part="message">${t.empty}</p>`
                  : ''
            }
          </div>`
      }
      ${shown?.next ? html`<button class="more" part="more" @click=${this.more}>${t.more}</button>` : ''}
      <dialog
        part="lightbox"
        aria-label=${shown?.album?.title ?? ''}
        @close=${this.onClose}
        @keydown=${this.onKey}
        @pointerdown=${(e: PointerEvent) => ((this.x = e.clientX), (this.y = e.clientY))}
        @pointerup=${this.onSwipe}
      >
        ${
          photo
            ? html`<div class="bar">
                <button part="control" aria-label=${t.zoom} aria-pressed=${this.zoomed} @click=${this.zoom}>${icon(ZOOM)}</button>
                <button part="control" aria-label=${t.play} aria-pressed=${this.playing} @click=${this.play}
                  >${icon(this.playing ? PAUSE : PLAY)}</button
                >
                <button part="control" aria-label=${t.close} autofocus @click=${() => this.dialog.close()}>${icon(CLOSE)}</button>
              </div>
              <figure aria-live=${this.playing ? 'off' : 'polite'}>
                <div
                  class="stage ${this.zoomed ? 'zoomed' : 'fit'}"
                  tabindex=${this.zoomed ? 0 : (nothing as never)}
                  @dblclick=${this.zoom}
                >
                  <img
                    part="photo"
                    draggable="false"
                    src=${safe(photo.src)}
                    srcset=${srcset(photo)}
                    sizes=${this.zoomed ? `${full}px` : '100vw'}
                    width=${full}
                    height=${Math.round((full * photo.height) / photo.width)}
                    alt=${photo.alt}
                  >
                </div>
                <figcaption part="caption"
                  ><span part="counter">${this.index + 1} / ${total}</span>${photo.caption} ${
                    photo.credit ? html`<span class="credit" part="credit">${t.credit}${photo.credit}</span>` : ''
                  }</figcaption
                >
              </figure>
              <button class="prev" part="control" aria-label=${t.prev} @click=${() => this.step(-1)}>${icon(PREV)}</button>
              <button class="next" part="control" aria-label=${t.next} @click=${() => this.step(1)}>${icon(NEXT)}</button>`
            : ''
        }
      </dialog>
    </div>`;
  }
}

defineElement('civic-photo-gallery', CivicPhotoGallery);

// `civic-open` is not declared on HTMLElementEventMap: the gallery and the link directory both
// fire it, with their own details (CivicPhotoDetail, CivicOpenDetail).
declare global {
  interface HTMLElementTagNameMap {
    'civic-photo-gallery': CivicPhotoGallery;
  }
  interface HTMLElementEventMap {
    'civic-close': CustomEvent<CivicPhotoDetail>;
  }
}
