// Liên kết Website: the directory with each link's health, clicks and readers' reports; create,
// edit, reorder, delete, "check now"; CSV/JSON import previewed (dryRun) before it is applied; export.
import { html, nothing } from 'lit';
import type { AdminLink, DirectoryExport, ImportChange, ImportPlan } from '@civic-widgets/contract';
import { t, formatNumber } from '../i18n.js';
import { View, columnHeads, confirmDialog, moveButtons, moved, reorderable, slugify, when } from '../ui.js';

type Group = DirectoryExport['categories'][number];
type LinkRow = Group['links'][number];
type Preview = ImportPlan;

/** One change of an import preview: "Liên kết: title — address (fields that change)". */
function describe(change: ImportChange): string {
  const fields = change.fields?.length ? ` (${change.fields.join(', ')})` : '';
  return `${change.kind === 'category' ? t('linkGroup') : t('link')}: ${change.title} — ${change.key}${fields}`;
}

export class ConsoleLinks extends View {
  static override properties = {
    ...View.properties,
    groups: { state: true },
    editing: { state: true },
    preview: { state: true },
  };
  declare groups: Group[] | null;
  declare editing: (LinkRow & { category: string }) | 'new' | null;
  declare preview: Preview | null;
  private pending: { body: string; type: string; replace: boolean } | null = null;

  constructor() {
    super();
    this.groups = null;
    this.editing = null;
    this.preview = null;
  }

  override connectedCallback() {
    super.connectedCallback();
    void this.load();
  }

  private async load() {
    const directory = await this.run(() => this.api.get<DirectoryExport>(`${this.sitePath('links', 'export')}?format=json`));
    if (directory) this.groups = directory.categories;
  }

  private async saveLink(event: SubmitEvent) {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const text = (name: string) => String(data.get(name) ?? '').trim();
    const body = { category: text('category'), title: text('title'), url: text('url'), description: text('description') };
    const saved =
      this.editing === 'new'
        ? await this.run(() => this.api.post(this.sitePath('links'), body), t('saved'))
        : await this.run(() => this.api.patch(this.sitePath('links', (this.editing as LinkRow).id), body), t('saved'));
    if (saved) {
      this.editing = null;
      await this.load();
    }
  }

  private async addCategory(event: SubmitEvent) {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const title = String(new FormData(form).get('title')).trim();
    if (await this.run(() => this.api.post(this.sitePath('links', 'categories'), { slug: slugify(title), title }), t('saved'))) {
      form.reset();
      await this.load();
    }
  }

  private async deleteLink(link: LinkRow) {
    if (!(await confirmDialog(t('deleteLinkConfirm', { title: link.title }), t('delete')))) return;
    await this.run(() => this.api.delete(this.sitePath('links', link.id)), t('saved'));
    await this.load();
  }

  private async check(link: LinkRow) {
    const fresh = await this.run(() => this.api.post<AdminLink>(this.sitePath('links', link.id, 'check')));
    if (fresh) {
      this.notice = `${link.title}: ${this.healthText(fresh.health)}`;
      await this.load();
    }
  }

  private async moveLink(group: Group, from: number, to: number) {
    const links = moved(group.links, from, to);
    this.groups = (this.groups ?? []).map((g) => (g.slug === group.slug ? { ...g, links } : g));
    await this.run(() => this.api.put(this.sitePath('links', 'order'), { links: links.map((l) => l.id) }));
    await this.updateComplete;
    this.querySelector<HTMLElement>(`[data-link="${links[to]!.id}"]`)?.focus();
  }

  private async moveCategory(from: number, to: number) {
    const groups = moved(this.groups ?? [], from, to);
    this.groups = groups;
    await this.run(() => this.api.put(this.sitePath('links', 'order'), { categories: groups.map((g) => g.slug) }));
  }

  private async previewImport(event: SubmitEvent) {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const file = (form.elements.namedItem('file') as HTMLInputElement).files?.[0];
    if (!file) return;
    const body = await file.text();
    const type = /\.json$/i.test(file.name) || body.trimStart().startsWith('{') ? 'application/json' : 'text/csv';
    const replace = (form.elements.namedItem('replace') as HTMLInputElement).checked;
    this.pending = { body, type, replace };
    const preview = await this.run(() => this.api.post<Partial<Preview>>(`${this.sitePath('links', 'import')}?dryRun=1&replace=${replace}`, body, type));
    // a server without dryRun answers with what it did instead: say so rather than show nothing
    if (preview && !(Array.isArray(preview.create) && Array.isArray(preview.update) && Array.isArray(preview.remove))) {
      this.error = t('notYet');
      await this.load();
      return;
    }
    this.preview = (preview as Preview | undefined) ?? null;
    await this.updateComplete;
    this.querySelector<HTMLElement>('#import-preview')?.focus();
  }

  private async applyImport() {
    const pending = this.pending;
    if (!pending) return;
    const url = `${this.sitePath('links', 'import')}?replace=${pending.replace}`;
    if (await this.run(() => this.api.post(url, pending.body, pending.type), t('imported'))) {
      this.preview = null;
      this.pending = null;
      await this.load();
    }
  }

  private async download(format: 'csv' | 'json') {
    const body = await this.run(() => this.api.get<unknown>(`${this.sitePath('links', 'export')}?format=${format}`));
    if (body === undefined) return;
    const text = typeof body === 'string' ? body : JSON.stringify(body, null, 2);
    const url = URL.createObjectURL(new Blob([text], { type: format === 'csv' ? 'text/csv' : 'application/json' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `lien-ket-${this.site.slug}.${format}`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  private healthText(health: string) {
    return health === 'ok' ? t('healthOk') : health === 'broken' ? t('healthBroken') : t('healthUnknown');
  }

  override render() {
    const groups = this.groups;
    return html`
      <h1 tabindex="-1">${t('links')}</h1>
      <p>${t('linksIntro')}</p>
      ${this.messages()}
      <div class="buttons">
        <button class="primary" type="button" @click=${() => (this.editing = 'new')}>${t('newLink')}</button>
        <button type="button" @click=${() => this.download('csv')}>${t('exportCsv')}</button>
        <button type="button" @click=${() => this.download('json')}>${t('exportJson')}</button>
      </div>
      ${this.editing ? this.renderEditor(this.editing === 'new' ? null : this.editing) : nothing}
      <section class="panel">
        <h2>${t('importTitle')}</h2>
        <form class="grid-form" @submit=${this.previewImport}>
          <label>${t('importFile')} <input name="file" type="file" accept=".csv,.json,text/csv,application/json" required /></label>
          <label class="check"><input name="replace" type="checkbox" /> ${t('replaceAll')}</label>
          <div><button type="submit">${t('preview')}</button></div>
        </form>
        ${this.preview ? this.renderPreview(this.preview) : nothing}
      </section>
      <section class="panel">
        <h2>${t('newLinkCategory')}</h2>
        <form class="inline-form" @submit=${this.addCategory}>
          <label>${t('title')} <input name="title" required maxlength="200" /></label>
          <button type="submit">${t('add')}</button>
        </form>
      </section>
      <p class="hint">${t('reorderHint')}</p>
      ${
        groups === null
          ? html`<p aria-busy="true">${t('loading')}</p>`
          : groups.map(
              (group, gi) => html`<section class="panel">
              <h2 class="with-actions">
                <span>${group.title}</span>
                ${moveButtons(gi, groups.length, group.title, (from, to) => this.moveCategory(from, to))}
              </h2>
              ${
                group.links.length === 0
                  ? html`<p>${t('empty')}</p>`
                  : html`<div class="table-wrap" tabindex="0"><table>
                    <caption class="visually-hidden">${group.title}</caption>
                    ${columnHeads(t('title'), t('health'), t('clicks'), t('reports'), t('actions'))}
                    <tbody>
                      ${group.links.map((link, i) => {
                        const move = (from: number, to: number) => this.moveLink(group, from, to);
                        const r = reorderable(i, group.links.length, move);
                        const badge = link.health === 'ok' ? 'ok' : link.health === 'broken' ? 'bad' : 'muted';
                        const reports = link.reports.broken + link.reports.bad;
                        return html`<tr
                          data-link=${link.id}
                          tabindex="0"
                          draggable="true"
                          @keydown=${r.keydown}
                          @dragstart=${r.dragstart}
                          @dragover=${r.dragover}
                          @drop=${r.drop}
                        >
                          <th scope="row">
                            <a href=${link.url} target="_blank" rel="noopener noreferrer">${link.title}</a><br /><span
                              class="muted small"
                              >${link.url}</span
                            >
                          </th>
                          <td>
                            <span class="badge ${badge}">${this.healthText(link.health)}</span><br /><span class="muted small"
                              >${when(link.checkedAt, this.site.timeZone)}</span
                            >
                          </td>
                          <td class="num">${formatNumber(link.hits)}</td>
                          <td class="num">
                            ${reports ? html`<span class="badge bad">${link.reports.broken} / ${link.reports.bad}</span>` : '0'}
                          </td>
                          <td class="row-actions">
                            ${moveButtons(i, group.links.length, link.title, move)}
                            <button type="button" @click=${() => this.check(link)} aria-label=${`${t('checkNow')}: ${link.title}`}
                              >${t('checkNow')}</button
                            >
                            <button
                              type="button"
                              @click=${() => (this.editing = { ...link, category: group.slug })}
                              aria-label=${`${t('edit')}: ${link.title}`}
                            >${t('edit')}</button>
                            <button
                              type="button"
                              class="danger"
                              @click=${() => this.deleteLink(link)}
                              aria-label=${`${t('delete')}: ${link.title}`}
                            >${t('delete')}</button>
                          </td>
                        </tr>`;
                      })}
                    </tbody>
                  </table></div>`
              }
            </section>`,
            )
      }
    `;
  }

  private renderPreview(preview: Preview) {
    const list = (label: string, items: ImportChange[], kind: string) =>
      html`<div class="preview-col ${kind}">
        <h3>${label} (${items.length})</h3>
        ${
          items.length
            ? html`<ul>
              ${items.map((item) => html`<li>${describe(item)}</li>`)}
            </ul>`
            : html`<p class="muted">—</p>`
        }
      </div>`;
    return html`<div id="import-preview" class="preview" tabindex="-1" role="region" aria-label=${t('preview')}>
      ${list(t('willCreate'), preview.create, 'create')} ${list(t('willUpdate'), preview.update, 'update')}
      ${list(t('willRemove'), preview.remove, 'remove')}
      <div class="buttons wide">
        <button class="primary" type="button" @click=${this.applyImport}>${t('applyImport')}</button
        ><button type="button" @click=${() => (this.preview = null)}>${t('cancel')}</button>
      </div>
    </div>`;
  }

  private renderEditor(link: (LinkRow & { category: string }) | null) {
    return html`<section class="panel">
      <h2>${link ? `${t('edit')}: ${link.title}` : t('newLink')}</h2>
      <form class="grid-form" @submit=${this.saveLink}>
        <label>${t('title')} <input name="title" required maxlength="200" .value=${link?.title ?? ''} /></label>
        <label
          >${t('url')}
          <input name="url" type="url" required maxlength="2048" placeholder="https://" .value=${link?.url ?? ''}
        /></label>
        <label
          >${t('category')}
          <select name="category" required>
            ${(this.groups ?? []).map((g) => html`<option value=${g.slug} ?selected=${link?.category === g.slug}>${g.title}</option>`)}
          </select></label
        >
        <label class="wide"
          >${t('description')}
          <textarea name="description" rows="2" maxlength="500" .value=${link?.description ?? ''}></textarea
        ></label>
        <div class="buttons wide">
          <button class="primary" type="submit">${t('save')}</button
          ><button type="button" @click=${() => (this.editing = null)}>${t('cancel')}</button>
        </div>
      </form>
    </section>`;
  }
}

customElements.define('console-links', ConsoleLinks);
declare global {
  interface HTMLElementTagNameMap {
    'console-links': ConsoleLinks;
  }
}
