// The console's shell: sign-in, the session, the site being managed, the menu and hash routes
// (#/photos, #/news…), so the worker needs no fallback route for client pages.
import { LitElement, html, nothing } from 'lit';
import { Api, ApiError, whoAmI, type Me } from './api.js';
import { initialLang, lang, setLang, t, type Key } from './i18n.js';
import { clearSession, loadSession, saveSession, watchIdle } from './session.js';
import { errorText } from './ui.js';
import './console.css';
import './views/photos.js';
import './views/news.js';
import './views/links.js';
import './views/ratings.js';
import './views/embed.js';
import './views/audit.js';
import './views/tokens.js';
import './views/sites.js';

interface SiteRef {
  slug: string;
  name: string;
  timeZone?: string;
}

const SCREENS: { route: string; label: Key; tag: string; operatorOnly?: boolean; needsSite?: boolean }[] = [
  { route: 'news', label: 'news', tag: 'console-news', needsSite: true },
  { route: 'photos', label: 'photos', tag: 'console-photos', needsSite: true },
  { route: 'links', label: 'links', tag: 'console-links', needsSite: true },
  { route: 'ratings', label: 'ratings', tag: 'console-ratings', needsSite: true },
  { route: 'embed', label: 'embed', tag: 'console-embed', needsSite: true },
  { route: 'audit', label: 'audit', tag: 'console-audit', needsSite: true },
  { route: 'tokens', label: 'tokens', tag: 'console-tokens', needsSite: true },
  { route: 'sites', label: 'sites', tag: 'console-sites', operatorOnly: true },
];

const routeOf = () => location.hash.replace(/^#\/?/, '').split('/')[0] || '';

export class CivicConsole extends LitElement {
  static override properties = {
    me: { state: true },
    api: { state: true },
    site: { state: true },
    route: { state: true },
    message: { state: true },
    busy: { state: true },
    uiLang: { state: true },
  };
  declare me: Me | null;
  declare api: Api | null;
  declare site: SiteRef | null;
  declare route: string;
  declare message: string;
  declare busy: boolean;
  declare uiLang: string;
  private stopIdle: (() => void) | null = null;

  constructor() {
    super();
    setLang(initialLang());
    this.uiLang = lang();
    this.me = null;
    this.api = null;
    this.site = null;
    this.route = routeOf();
    this.message = '';
    this.busy = false;
  }

  protected override createRenderRoot() {
    return this;
  }

  override connectedCallback() {
    super.connectedCallback();
    addEventListener('hashchange', () => {
      this.route = routeOf();
      this.focusMain();
    });
    addEventListener('civic-site', (event) => this.chooseSite((event as CustomEvent<SiteRef>).detail));
    const token = loadSession();
    if (token) void this.signIn(token);
  }

  private focusMain() {
    void this.updateComplete.then(() => this.querySelector<HTMLElement>('main h1')?.focus());
  }

  private async signIn(token: string) {
    this.busy = true;
    this.message = '';
    try {
      const me = await whoAmI(token);
      saveSession(token);
      this.api = new Api(token, () => this.signOut(t('sessionEnded')));
      this.me = me;
      this.site = me.site;
      this.stopIdle = watchIdle(token, () => this.signOut(t('idleEnded')));
      if (!this.route) location.hash = me.site ? '#/news' : '#/sites';
      this.focusMain();
    } catch (error) {
      this.message = error instanceof ApiError && (error.status === 401 || error.status === 403) ? t('badToken') : errorText(error);
      clearSession();
    } finally {
      this.busy = false;
    }
  }

  /** Ends the session: the token is forgotten, and the sign-in form says why. */
  signOut(reason = t('signedOut')) {
    if (!this.me && !this.api) return;
    clearSession();
    this.stopIdle?.();
    this.stopIdle = null;
    this.api = null;
    this.me = null;
    this.site = null;
    this.message = reason;
    void this.updateComplete.then(() => this.querySelector<HTMLInputElement>('#token')?.focus());
  }

  private chooseSite(site: SiteRef) {
    this.site = site;
    location.hash = '#/news';
  }

  private switchLang() {
    setLang(lang() === 'vi' ? 'en' : 'vi');
    this.uiLang = lang();
    document.title = `${t('appName')} — civic-widgets`;
  }

  private submit(event: SubmitEvent) {
    event.preventDefault();
    const input = (event.target as HTMLFormElement).elements.namedItem('token') as HTMLInputElement;
    const token = input.value.trim();
    input.value = '';
    if (token) void this.signIn(token);
  }

  private langButton() {
    return html`<button
      type="button"
      class="link lang"
      lang=${lang() === 'vi' ? 'en' : 'vi'}
      aria-label=${t('languageLabel')}
      @click=${this.switchLang}
    >${t('language')}</button>`;
  }

  override render() {
    if (!this.me || !this.api) return this.renderSignIn();
    const operator = this.me.role === 'operator';
    const screens = SCREENS.filter((screen) => (!screen.operatorOnly || operator) && (!screen.needsSite || this.site));
    const screen = screens.find((s) => s.route === this.route) ?? screens[0]!;
    return html`
      <a class="skip" href="#main" @click=${(event: Event) => (event.preventDefault(), this.focusMain())}
        >${lang() === 'vi' ? 'Bỏ qua menu' : 'Skip to content'}</a
      >
      <header class="top">
        <div class="brand"><span class="mark" aria-hidden="true">▦</span> ${t('appName')}</div>
        <div class="who">
          <span class="site-name">${this.site ? this.site.name : t('operator')}</span>
          <span class="label">${this.me.label}${operator ? html` · ${t('operator')}` : nothing}</span>
        </div>
        <div class="tools">
          ${this.langButton()}
          <button type="button" class="secondary" @click=${() => this.signOut()}>${t('signOut')}</button>
        </div>
      </header>
      <div class="layout">
        <nav aria-label=${t('mainNav')}>
          <ul>
            ${screens.map((s) => html`<li><a href=${`#/${s.route}`} aria-current=${s === screen ? 'page' : 'false'}>${t(s.label)}</a></li>`)}
          </ul>
        </nav>
        <main id="main">${this.renderScreen(screen.tag)}</main>
      </div>
    `;
  }

  private renderScreen(tag: string) {
    const props = { api: this.api!, site: this.site!, lang: this.uiLang, me: this.me! };
    switch (tag) {
      case 'console-news':
        return html`<console-news .api=${props.api} .site=${props.site} lang=${props.lang}></console-news>`;
      case 'console-photos':
        return html`<console-photos .api=${props.api} .site=${props.site} lang=${props.lang}></console-photos>`;
      case 'console-links':
        return html`<console-links .api=${props.api} .site=${props.site} lang=${props.lang}></console-links>`;
      case 'console-ratings':
        return html`<console-ratings .api=${props.api} .site=${props.site} lang=${props.lang}></console-ratings>`;
      case 'console-embed':
        return html`<console-embed .api=${props.api} .site=${props.site} lang=${props.lang}></console-embed>`;
      case 'console-audit':
        return html`<console-audit .api=${props.api} .site=${props.site} lang=${props.lang}></console-audit>`;
      case 'console-tokens':
        return html`<console-tokens .api=${props.api} .site=${props.site} .me=${props.me} lang=${props.lang}></console-tokens>`;
      default:
        return html`<console-sites .api=${props.api} .site=${props.site} lang=${props.lang}></console-sites>`;
    }
  }

  private renderSignIn() {
    return html`
      <main class="signin" id="main">
        <div class="card">
          <div class="signin-top">
            <span class="brand"><span class="mark" aria-hidden="true">▦</span> ${t('appName')}</span
            >${this.langButton()}
          </div>
          <h1 tabindex="-1">${t('signInTitle')}</h1>
          <p>${t('signInIntro')}</p>
          <p class="alert" role="alert" ?hidden=${!this.message}>${this.message}</p>
          <form @submit=${this.submit}>
            <label for="token">${t('token')}</label>
            <input id="token" name="token" type="password" autocomplete="off" spellcheck="false" required minlength="16" />
            <button class="primary" type="submit" ?disabled=${this.busy}>${this.busy ? t('signingIn') : t('signIn')}</button>
          </form>
        </div>
      </main>
    `;
  }
}

customElements.define('civic-console', CivicConsole);
declare global {
  interface HTMLElementTagNameMap {
    'civic-console': CivicConsole;
  }
}
