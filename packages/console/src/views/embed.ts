// Mã nhúng: choose a widget and its attributes, see the real element with this site's data (the
// widget bundle from this same origin), and copy the snippet with its height-reserving CSS.
import { html } from 'lit';
import { t } from '../i18n.js';
import { View, copyText } from '../ui.js';

interface Attr {
  name: string;
  choices?: string[];
  value: string;
  boolean?: boolean;
}

/** Each element's attributes and the CSS that keeps the page from moving while it loads (per the README). */
const WIDGETS: Record<string, { attrs: Attr[]; css: string }> = {
  'civic-article-list': {
    attrs: [
      { name: 'category', value: '' },
      { name: 'limit', value: '5' },
      { name: 'layout', choices: ['list', 'grid', 'compact'], value: 'compact' },
      { name: 'sort', choices: ['newest', 'top-rated'], value: 'newest' },
      { name: 'rating', choices: ['none', 'summary', 'interactive'], value: 'none' },
      { name: 'search', value: '', boolean: true },
    ],
    css:
      'civic-article-list:not(:defined) { display: block; overflow: hidden; line-height: 1.5;\n' +
      '  height: calc(5 * (4.1125em + 1.25rem + 1px) + 3.5rem); }   /* compact, limit="5" */',
  },
  'civic-photo-gallery': {
    attrs: [
      { name: 'album', value: '' },
      { name: 'limit', value: '' },
      { name: 'layout', choices: ['grid', 'strip'], value: 'grid' },
    ],
    css:
      'civic-photo-gallery { display: block; }\n' +
      'civic-photo-gallery > ul { display: grid; ' +
      'grid-template-columns: repeat(auto-fill, minmax(var(--civic-photo-gallery-min, 8rem), 1fr));\n' +
      '  gap: var(--civic-photo-gallery-gap, 0.5rem); list-style: none; margin: 0; padding: 0; }\n' +
      'civic-photo-gallery > ul img { display: block; width: 100%; height: auto; ' +
      'aspect-ratio: var(--civic-photo-gallery-ratio, 3 / 2); object-fit: cover; }',
  },
  'civic-star-rating': {
    attrs: [{ name: 'item', value: 'news-1234' }],
    css:
      '.rating-box { container-type: inline-size; }\n' +
      'civic-star-rating:not(:defined) { display: block; line-height: 1.5; ' +
      'min-height: calc(var(--civic-star-rating-size, 2rem) + 0.5rem + 3em); }\n' +
      '@container (max-width: 30em) { civic-star-rating:not(:defined) { ' +
      'min-height: calc(var(--civic-star-rating-size, 2rem) + 0.5rem + 4.5em); } }',
  },
  'civic-link-directory': {
    attrs: [
      { name: 'category', value: '' },
      { name: 'mode', choices: ['select', 'list', 'grid'], value: 'select' },
      { name: 'filter', value: '', boolean: true },
    ],
    css: 'civic-link-directory:not(:defined) { display: block; min-height: 2.5em; }',
  },
};

let widgetsLoaded: Promise<unknown> | null = null;

export class ConsoleEmbed extends View {
  static override properties = { ...View.properties, tag: { state: true }, values: { state: true } };
  declare tag: string;
  declare values: Record<string, string>;

  constructor() {
    super();
    this.tag = 'civic-article-list';
    this.values = Object.fromEntries(WIDGETS[this.tag]!.attrs.map((a) => [a.name, a.value]));
  }

  override connectedCallback() {
    super.connectedCallback();
    // the real bundle, from this origin, as a portal loads it (a module import: no script element)
    const loader = '/civic-widgets.js';
    widgetsLoaded ??= import(/* @vite-ignore */ loader).catch((error: unknown) => ((widgetsLoaded = null), Promise.reject(error)));
  }

  private widgetAttributes(): [string, string][] {
    const out: [string, string][] = [['site', this.site.slug]];
    for (const attr of WIDGETS[this.tag]!.attrs) {
      const value = this.values[attr.name] ?? '';
      if (attr.boolean) {
        if (value) out.push([attr.name, '']);
      } else if (value.trim() && value !== attr.choices?.[0]) {
        // a choice's first value is the element's default
        out.push([attr.name, value.trim()]);
      }
    }
    return out;
  }

  private snippet() {
    const attrs = this.widgetAttributes()
      .map(([name, value]) => (value === '' ? ` ${name}` : ` ${name}="${value.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}"`))
      .join('');
    return [
      `<style>\n${WIDGETS[this.tag]!.css}\n</style>`,
      `<script type="module" src="${location.origin}/civic-widgets.js"></script>`,
      `<${this.tag}${attrs}></${this.tag}>`,
    ].join('\n');
  }

  protected override updated() {
    // the preview is a real element, made with createElement and setAttribute: no markup parsing
    const box = this.querySelector('#preview');
    if (!box) return;
    const element = document.createElement(this.tag);
    for (const [name, value] of this.widgetAttributes()) element.setAttribute(name, value);
    // the preview shows the rating without casting a vote from the console
    if (this.tag === 'civic-star-rating') element.setAttribute('readonly', '');
    const current = box.firstElementChild;
    if (current && current.outerHTML === element.outerHTML) return;
    box.replaceChildren(element);
  }

  private choose(tag: string) {
    this.tag = tag;
    this.values = Object.fromEntries(WIDGETS[tag]!.attrs.map((a) => [a.name, a.value]));
  }

  override render() {
    const widget = WIDGETS[this.tag]!;
    const code = this.snippet();
    return html`
      <h1 tabindex="-1">${t('embed')}</h1>
      <p>${t('embedIntro')}</p>
      ${this.messages()}
      <div class="embed">
        <section class="panel">
          <h2>${t('attributes')}</h2>
          <form class="grid-form" @submit=${(e: Event) => e.preventDefault()}>
            <label
              >${t('widget')}
              <select name="widget" @change=${(e: Event) => this.choose((e.target as HTMLSelectElement).value)}>
                ${Object.keys(WIDGETS).map((tag) => html`<option value=${tag} ?selected=${tag === this.tag}>&lt;${tag}&gt;</option>`)}
              </select></label
            >
            ${widget.attrs.map((attr) => {
              const set = (value: string) => (this.values = { ...this.values, [attr.name]: value });
              if (attr.boolean) {
                return html`<label class="check"
                  ><input
                    type="checkbox"
                    .checked=${!!this.values[attr.name]}
                    @change=${(e: Event) => set((e.target as HTMLInputElement).checked ? 'on' : '')}
                  />
                  ${attr.name}</label
                >`;
              }
              if (attr.choices) {
                return html`<label
                  >${attr.name}
                  <select @change=${(e: Event) => set((e.target as HTMLSelectElement).value)}>
                    ${attr.choices.map((c) => html`<option ?selected=${c === this.values[attr.name]}>${c}</option>`)}
                  </select></label
                >`;
              }
              return html`<label
                >${attr.name}
                <input .value=${this.values[attr.name] ?? ''} @change=${(e: Event) => set((e.target as HTMLInputElement).value)}
              /></label>`;
            })}
          </form>
        </section>
        <section class="panel">
          <h2>${t('snippet')}</h2>
          <pre class="code" tabindex="0" aria-label=${t('snippet')}><code>${code}</code></pre>
          <button type="button" class="primary" @click=${async () => (await copyText(code), (this.notice = t('copied')))}
            >${t('copy')}</button
          >
        </section>
      </div>
      <section class="panel">
        <h2>${t('livePreview')}</h2>
        <div id="preview" class="preview-box" lang=${this.lang}></div>
      </section>
    `;
  }
}

customElements.define('console-embed', ConsoleEmbed);
declare global {
  interface HTMLElementTagNameMap {
    'console-embed': ConsoleEmbed;
  }
}
