// Mã truy cập: the site's tokens by holder, revoked after a confirmation, and new ones shown once.
import { html, nothing } from 'lit';
import type { Me, TokenCreated, TokenList, TokenSummary } from '@civic-widgets/contract';
import { t } from '../i18n.js';
import { View, columnHeads, confirmDialog, issuedTokenPanel, when } from '../ui.js';

type TokenRow = TokenSummary;

export class ConsoleTokens extends View {
  static override properties = { ...View.properties, me: { attribute: false }, tokens: { state: true }, issued: { state: true } };
  declare me: Me;
  declare tokens: TokenRow[] | null;
  declare issued: { label: string; token: string } | null;

  constructor() {
    super();
    this.tokens = null;
    this.issued = null;
  }

  override connectedCallback() {
    super.connectedCallback();
    void this.load();
  }

  private async load() {
    const list = await this.run(() => this.api.get<TokenList>(this.sitePath('tokens')));
    if (list) this.tokens = list.items;
  }

  private async issue(event: SubmitEvent) {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const label = String(new FormData(form).get('label')).trim();
    const issued = await this.run(() => this.api.post<TokenCreated>(this.sitePath('tokens'), { label }));
    if (!issued) return;
    form.reset();
    this.issued = issued;
    await this.load();
    await this.updateComplete;
    this.querySelector<HTMLElement>('#issued')?.focus();
  }

  private async revoke(token: TokenRow) {
    if (!(await confirmDialog(t('revokeConfirm', { label: token.label }), t('revoke')))) return;
    await this.run(() => this.api.delete(this.sitePath('tokens', token.id)), t('saved'));
    if (!this.error && this.isConnected) await this.load();
  }

  override render() {
    const tokens = this.tokens;
    return html`
      <h1 tabindex="-1">${t('tokens')}</h1>
      <p>${t('tokensIntro')}</p>
      ${this.messages()}
      ${
        this.issued
          ? issuedTokenPanel(
              t('newToken', { label: this.issued.label }),
              this.issued.token,
              () => (this.notice = t('copied')),
              () => (this.issued = null),
            )
          : nothing
      }
      <section class="panel">
        <h2>${t('issueToken')}</h2>
        <form class="inline-form" @submit=${this.issue}>
          <label>${t('label')} <input name="label" required maxlength="100" /></label>
          <button class="primary" type="submit">${t('issueToken')}</button>
        </form>
      </section>
      ${
        tokens === null
          ? html`<p aria-busy="true">${t('loading')}</p>`
          : html`<div class="table-wrap" tabindex="0"><table>
            <caption class="visually-hidden">${t('tokens')}</caption>
            ${columnHeads(t('label'), t('createdAt'), t('lastUsedAt'), t('actions'))}
            <tbody>
              ${tokens.map(
                (token) => html`<tr>
                  <th scope="row"
                    >${token.label} ${token.current ? html`<span class="badge primary">${t('thisSession')}</span>` : nothing}</th
                  >
                  <td>${when(token.createdAt, this.site.timeZone)}</td>
                  <td>${token.lastUsedAt ? when(token.lastUsedAt, this.site.timeZone) : t('never')}</td>
                  <td>
                    <button type="button" class="danger" @click=${() => this.revoke(token)} aria-label=${`${t('revoke')}: ${token.label}`}
                      >${t('revoke')}</button
                    >
                  </td>
                </tr>`,
              )}
            </tbody>
          </table></div>`
      }
    `;
  }
}

customElements.define('console-tokens', ConsoleTokens);
declare global {
  interface HTMLElementTagNameMap {
    'console-tokens': ConsoleTokens;
  }
}
