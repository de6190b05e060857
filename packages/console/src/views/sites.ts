// Các trang (operator only): every site, a new site with its origins and first token, and each
// site's origins edited.
import { html, nothing } from 'lit';
import type { SiteAdminList, SiteAdminSummary, SiteCreated } from '@civic-widgets/contract';
import { t } from '../i18n.js';
import { View, columnHeads, issuedTokenPanel, slugify, when } from '../ui.js';

type SiteRow = SiteAdminSummary;

const originsOf = (text: string) =>
  text
    .split(/[\s,]+/)
    .map((origin) => origin.trim().replace(/\/+$/, ''))
    .filter(Boolean);

export class ConsoleSites extends View {
  static override properties = { ...View.properties, sites: { state: true }, editing: { state: true }, issued: { state: true } };
  declare sites: SiteRow[] | null;
  declare editing: string | null;
  declare issued: { site: string; label: string; token: string } | null;

  constructor() {
    super();
    this.sites = null;
    this.editing = null;
    this.issued = null;
  }

  override connectedCallback() {
    super.connectedCallback();
    void this.load();
  }

  private async load() {
    const list = await this.run(() => this.api.get<SiteAdminList>('/sites'));
    if (list) this.sites = list.items;
  }

  private async create(event: SubmitEvent) {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const text = (name: string) => String(data.get(name) ?? '').trim();
    const body = {
      slug: text('slug') || slugify(text('name')),
      name: text('name'),
      origins: originsOf(text('origins')),
      timeZone: text('timeZone') || 'Asia/Ho_Chi_Minh',
      language: text('language') || 'vi',
      tokenLabel: text('tokenLabel'),
    };
    const created = await this.run(() => this.api.post<SiteCreated>('/sites', body), t('saved'));
    if (!created) return;
    form.reset();
    this.issued = { site: created.site.name, ...created.token };
    await this.load();
  }

  private async saveOrigins(event: SubmitEvent, site: SiteRow) {
    event.preventDefault();
    const origins = originsOf(String(new FormData(event.target as HTMLFormElement).get('origins') ?? ''));
    if (await this.run(() => this.api.patch(`/sites/${encodeURIComponent(site.slug)}/settings`, { origins }), t('saved'))) {
      this.editing = null;
      await this.load();
    }
  }

  private manage(site: SiteRow) {
    this.dispatchEvent(
      new CustomEvent('civic-site', {
        bubbles: true,
        composed: true,
        detail: { slug: site.slug, name: site.name, timeZone: site.timeZone },
      }),
    );
  }

  override render() {
    const sites = this.sites;
    return html`
      <h1 tabindex="-1">${t('sites')}</h1>
      <p>${t('sitesIntro')}</p>
      ${this.messages()}
      ${
        this.issued
          ? issuedTokenPanel(
              `${this.issued.site}: ${t('newToken', { label: this.issued.label })}`,
              this.issued.token,
              () => (this.notice = t('copied')),
              () => (this.issued = null),
            )
          : nothing
      }
      <section class="panel">
        <h2>${t('createSite')}</h2>
        <form class="grid-form" @submit=${this.create}>
          <label>${t('siteName')} <input name="name" required maxlength="200" /></label>
          <label>${t('slug')} <input name="slug" maxlength="64" aria-describedby="site-slug-hint" /></label>
          <p class="hint" id="site-slug-hint">${t('slugHint')}</p>
          <label class="wide">${t('origins')} <textarea name="origins" rows="2" placeholder="https://example.gov.vn"></textarea></label>
          <label>${t('timeZone')} <input name="timeZone" value="Asia/Ho_Chi_Minh" /></label>
          <label>${t('firstTokenLabel')} <input name="tokenLabel" required maxlength="100" /></label>
          <div><button class="primary" type="submit">${t('createSite')}</button></div>
        </form>
      </section>
      ${
        sites === null
          ? html`<p aria-busy="true">${t('loading')}</p>`
          : html`<div class="table-wrap" tabindex="0"><table>
            <caption class="visually-hidden">${t('sites')}</caption>
            ${columnHeads(t('siteName'), t('origins'), t('createdAt'), t('actions'))}
            <tbody>
              ${sites.map(
                (site) => html`<tr>
                  <th scope="row">${site.name}<br /><code class="muted">${site.slug}</code></th>
                  <td>${
                    this.editing === site.slug
                      ? html`<form class="inline-form" @submit=${(e: SubmitEvent) => this.saveOrigins(e, site)}>
                        <label>${t('origins')} <textarea name="origins" rows="3" .value=${site.origins.join('\n')}></textarea></label>
                        <button class="primary" type="submit">${t('save')}</button
                        ><button type="button" @click=${() => (this.editing = null)}>${t('cancel')}</button>
                      </form>`
                      : html`<ul class="plain">${site.origins.map((o) => html`<li><code>${o}</code></li>`)}</ul>`
                  }</td>
                  <td>${when(site.createdAt, site.timeZone)}</td>
                  <td class="row-actions">
                    <button
                      type="button"
                      @click=${() => (this.editing = site.slug)}
                      aria-label=${`${t('editOrigins')}: ${site.name}`}
                    >${t('editOrigins')}</button>
                    <button
                      type="button"
                      class="primary"
                      @click=${() => this.manage(site)}
                      aria-label=${`${t('manage')}: ${site.name}`}
                    >${t('manage')}</button>
                  </td>
                </tr>`,
              )}
            </tbody>
          </table></div>`
      }
    `;
  }
}

customElements.define('console-sites', ConsoleSites);
declare global {
  interface HTMLElementTagNameMap {
    'console-sites': ConsoleSites;
  }
}
