// Nhật ký: every admin write with who made it (the token's label), filterable by resource,
// holder and dates, page by page.
import { html, nothing } from 'lit';
import type { AuditEntry, AuditList } from '@civic-widgets/contract';
import { t } from '../i18n.js';
import { View, columnHeads, when } from '../ui.js';

type AuditRow = AuditEntry;

const RESOURCES = ['articles', 'categories', 'feeds', 'albums', 'photos', 'links', 'ratings', 'settings', 'tokens', 'sites'];

export class ConsoleAudit extends View {
  static override properties = { ...View.properties, rows: { state: true }, nextCursor: { state: true } };
  declare rows: AuditRow[] | null;
  declare nextCursor: string | null;
  private filters = new URLSearchParams();

  constructor() {
    super();
    this.rows = null;
    this.nextCursor = null;
  }

  override connectedCallback() {
    super.connectedCallback();
    void this.load();
  }

  private async load(more = false) {
    const params = new URLSearchParams(this.filters);
    params.set('limit', '50');
    if (more && this.nextCursor) params.set('cursor', this.nextCursor);
    const page = await this.run(() => this.api.get<AuditList>(`${this.sitePath('audit')}?${params}`));
    if (!page) return;
    this.rows = more ? [...(this.rows ?? []), ...page.items] : page.items;
    this.nextCursor = page.nextCursor;
  }

  private filter(event: SubmitEvent) {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    this.filters = new URLSearchParams();
    for (const name of ['resource', 'actor']) {
      const value = String(data.get(name) ?? '').trim();
      if (value) this.filters.set(name, value);
    }
    const since = String(data.get('since') ?? '');
    const until = String(data.get('until') ?? '');
    // whole days in the editor's own time: from the start of `since` to the end of `until`
    if (since) this.filters.set('since', new Date(`${since}T00:00:00`).toISOString());
    if (until) this.filters.set('until', new Date(`${until}T23:59:59.999`).toISOString());
    void this.load();
  }

  override render() {
    const rows = this.rows;
    return html`
      <h1 tabindex="-1">${t('audit')}</h1>
      <p>${t('auditIntro')}</p>
      <form class="filters" @submit=${this.filter}>
        <label
          >${t('resource')}
          <select name="resource">
            <option value="">${t('all')}</option>
            ${RESOURCES.map((r) => html`<option value=${r}>${r}</option>`)}
          </select></label
        >
        <label>${t('actor')} <input name="actor" maxlength="100" /></label>
        <label>${t('since')} <input name="since" type="date" /></label>
        <label>${t('until')} <input name="until" type="date" /></label>
        <button type="submit">${t('filter')}</button>
      </form>
      ${this.messages()}
      ${
        rows === null
          ? nothing
          : rows.length === 0
            ? html`<p>${t('empty')}</p>`
            : html`<div class="table-wrap" tabindex="0"><table class="audit">
              <caption class="visually-hidden">${t('audit')}</caption>
              ${columnHeads(t('when'), t('actor'), t('action'), t('resource'), t('key'), t('description'))}
              <tbody>
                ${rows.map(
                  (row) => html`<tr>
                    <td>${when(row.at, this.site.timeZone)}</td>
                    <th scope="row">${row.actor}</th>
                    <td><code>${row.method}</code></td>
                    <td>${row.resource}</td>
                    <td>${row.key || '—'}</td>
                    <td>${row.summary}</td>
                  </tr>`,
                )}
              </tbody>
            </table></div>
            ${this.nextCursor ? html`<p><button type="button" @click=${() => this.load(true)}>${t('loadMore')}</button></p>` : nothing}`
      }
    `;
  }
}

customElements.define('console-audit', ConsoleAudit);
declare global {
  interface HTMLElementTagNameMap {
    'console-audit': ConsoleAudit;
  }
}
