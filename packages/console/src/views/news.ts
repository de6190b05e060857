// Tin tức: articles (search, filters, create, edit, hide, delete, image from the photo library
// or uploaded), categories as a tree reordered by drag or keyboard, and the portals' feeds.
import { html, nothing } from 'lit';
import type { AlbumSummary, ArticleAdmin, ArticleAdminPage, Category, Feed, FeedSyncResult } from '@civic-widgets/contract';
import { t } from '../i18n.js';
import { View, columnHeads, confirmDialog, moveButtons, moved, reorderable, slugify, when } from '../ui.js';
import type { AdminPhoto } from './photos.js';

type Tab = 'articles' | 'categories' | 'feeds';

/** Categories in tree order (parents before children), each with its depth. */
function tree(categories: Category[]): { category: Category; depth: number; siblings: Category[] }[] {
  const children = (parent: string | null) => categories.filter((c) => c.parent === parent).sort((a, b) => a.weight - b.weight || a.slug.localeCompare(b.slug));
  const out: { category: Category; depth: number; siblings: Category[] }[] = [];
  const walk = (parent: string | null, depth: number) => {
    const siblings = children(parent);
    for (const category of siblings) {
      out.push({ category, depth, siblings });
      if (depth < 8) walk(category.slug, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

/** A datetime-local value ("2026-11-29T10:30") → ISO with the browser's offset. */
function isoFromLocal(value: string): string {
  const date = value ? new Date(value) : new Date();
  const offset = -date.getTimezoneOffset();
  const pad = (n: number) => String(Math.trunc(Math.abs(n))).padStart(2, '0');
  const local = new Date(date.getTime() + offset * 60_000).toISOString().slice(0, 19);
  return `${local}${offset >= 0 ? '+' : '-'}${pad(offset / 60)}:${pad(offset % 60)}`;
}

export class ConsoleNews extends View {
  static override properties = {
    ...View.properties,
    tab: { state: true },
    articles: { state: true },
    nextCursor: { state: true },
    categories: { state: true },
    feeds: { state: true },
    editing: { state: true },
    library: { state: true },
    query: { state: true },
    filterCategory: { state: true },
    filterStatus: { state: true },
    filterSource: { state: true },
  };
  declare tab: Tab;
  declare articles: ArticleAdmin[] | null;
  declare nextCursor: string | null;
  declare categories: Category[];
  declare feeds: Feed[];
  declare editing: ArticleAdmin | 'new' | null;
  declare library: AdminPhoto[] | null;
  declare query: string;
  declare filterCategory: string;
  declare filterStatus: string;
  declare filterSource: string;
  private image: { url: string; alt: string; width: number | null; height: number | null } | null = null;

  constructor() {
    super();
    this.tab = 'articles';
    this.articles = null;
    this.nextCursor = null;
    this.categories = [];
    this.feeds = [];
    this.editing = null;
    this.library = null;
    this.query = '';
    this.filterCategory = '';
    this.filterStatus = '';
    this.filterSource = '';
  }

  override connectedCallback() {
    super.connectedCallback();
    void this.loadCategories();
    void this.loadArticles();
    void this.loadFeeds();
  }

  private async loadCategories() {
    const list = await this.run(() => this.api.get<{ items: Category[] }>(this.sitePath('categories')));
    if (list) this.categories = list.items;
  }

  private async loadFeeds() {
    const list = await this.run(() => this.api.get<{ items: Feed[] }>(this.sitePath('feeds')));
    if (list) this.feeds = list.items;
  }

  private async loadArticles(more = false) {
    // the console's list: every status, filtered by the API (status, feed, category, words)
    const params = new URLSearchParams({ admin: '1', limit: '20' });
    if (this.query) params.set('q', this.query);
    if (this.filterCategory) params.set('category', this.filterCategory);
    if (this.filterStatus) params.set('status', this.filterStatus);
    if (this.filterSource) params.set('feed', this.filterSource);
    if (more && this.nextCursor) params.set('cursor', this.nextCursor);
    const page = await this.run(() => this.api.get<ArticleAdminPage>(`${this.sitePath('articles')}?${params}`));
    if (!page) return;
    this.articles = more ? [...(this.articles ?? []), ...page.items] : page.items;
    this.nextCursor = page.nextCursor;
  }

  /** The host of the feed that imported an article, when the feed is still registered. */
  private feedHost(id: number | null): string | null {
    const feed = id === null ? undefined : this.feeds.find((f) => f.id === id);
    return feed ? new URL(feed.url).host : null;
  }

  private filter(event: SubmitEvent) {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    this.query = String(data.get('q') ?? '').trim();
    this.filterCategory = String(data.get('category') ?? '');
    this.filterStatus = String(data.get('status') ?? '');
    this.filterSource = String(data.get('source') ?? '');
    void this.loadArticles();
  }

  private openEditor(article: ArticleAdmin | 'new') {
    this.editing = article;
    this.image = article === 'new' ? null : article.image;
    void this.updateComplete.then(() => this.querySelector<HTMLInputElement>('#article-title')?.focus());
  }

  private async saveArticle(event: SubmitEvent) {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const text = (name: string) => String(data.get(name) ?? '').trim();
    const body = {
      title: text('title'),
      summary: text('summary'),
      url: text('url'),
      author: text('author') || null,
      category: text('category') || null,
      status: text('status') as 'published' | 'hidden',
      publishedAt: isoFromLocal(text('publishedAt')),
      image: this.image ? { url: this.image.url, alt: this.image.alt, width: this.image.width, height: this.image.height } : null,
    };
    const saved =
      this.editing === 'new'
        ? await this.run(
            () =>
              this.api.post<ArticleAdmin>(this.sitePath('articles'), {
                key: text('key') || slugify(body.title) || `bai-${Date.now()}`,
                ...body,
              }),
            t('saved'),
          )
        : await this.run(() => this.api.patch<ArticleAdmin>(this.sitePath('articles', (this.editing as ArticleAdmin).key), body), t('saved'));
    if (saved) {
      this.editing = null;
      await this.loadArticles();
    }
  }

  private async setStatus(article: ArticleAdmin, status: 'published' | 'hidden') {
    const saved = await this.run(() => this.api.patch<ArticleAdmin>(this.sitePath('articles', article.key), { status }), t('saved'));
    if (saved) this.articles = (this.articles ?? []).map((a) => (a.key === article.key ? saved : a));
  }

  private async deleteArticle(article: ArticleAdmin) {
    if (!(await confirmDialog(t('deleteArticleConfirm', { title: article.title }), t('delete')))) return;
    await this.run(() => this.api.delete(this.sitePath('articles', article.key)), t('saved'));
    if (!this.error) this.articles = (this.articles ?? []).filter((a) => a.key !== article.key);
  }

  private async openLibrary() {
    const albums = await this.run(() => this.api.get<{ items: AlbumSummary[] }>(`${this.sitePath('albums')}?limit=100&all=1`));
    if (!albums) return;
    const lists = await Promise.all(
      albums.items.map((a) => this.api.get<{ items: AdminPhoto[] }>(this.sitePath('albums', a.slug, 'photos')).catch(() => ({ items: [] }))),
    );
    this.library = lists.flatMap((l) => l.items);
  }

  private pick(photo: AdminPhoto) {
    this.image = { url: photo.src, alt: photo.alt, width: photo.width, height: photo.height };
    this.library = null;
  }

  private async uploadImage(event: Event) {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    // an uploaded illustration goes to an album of its own, created on first use
    const album = 'anh-bai-viet';
    await this.api.post(this.sitePath('albums'), { slug: album, title: 'Ảnh bài viết' }).catch(() => undefined);
    const photo = await this.run(() => this.api.upload<AdminPhoto>(this.sitePath('albums', album, 'uploads'), file, () => undefined).done);
    if (photo) this.pick(photo);
    this.requestUpdate();
  }

  // ---- categories

  private async addCategory(event: SubmitEvent) {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const title = String(data.get('title')).trim();
    const parent = String(data.get('parent') ?? '') || null;
    const weight = Math.max(0, ...this.categories.filter((c) => c.parent === parent).map((c) => c.weight + 1));
    const slug = String(data.get('slug')).trim() || slugify(title);
    const saved = await this.run(() => this.api.post(this.sitePath('categories'), { slug, title, parent, weight }), t('saved'));
    if (saved) {
      form.reset();
      await this.loadCategories();
    }
  }

  private async moveCategory(siblings: Category[], from: number, to: number) {
    const next = moved(siblings, from, to);
    await this.run(async () => {
      for (const [weight, category] of next.entries()) {
        if (category.weight !== weight) await this.api.patch(this.sitePath('categories', category.slug), { weight });
      }
    });
    await this.loadCategories();
    await this.updateComplete;
    this.querySelector<HTMLElement>(`[data-category="${next[to]!.slug}"]`)?.focus();
  }

  private async deleteCategory(category: Category) {
    if (!(await confirmDialog(t('deleteArticleConfirm', { title: category.title }), t('delete')))) return;
    await this.run(() => this.api.delete(this.sitePath('categories', category.slug)), t('saved'));
    await this.loadCategories();
  }

  // ---- feeds

  private async addFeed(event: SubmitEvent) {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const feed = { url: String(data.get('url')).trim(), category: String(data.get('category') ?? '') || null };
    const saved = await this.run(() => this.api.post(this.sitePath('feeds'), feed), t('saved'));
    if (saved) {
      form.reset();
      await this.loadFeeds();
    }
  }

  private async syncFeed(feed: Feed) {
    const result = await this.run(() => this.api.post<FeedSyncResult>(this.sitePath('feeds', feed.id, 'sync')));
    if (result) this.notice = t('synced', { created: result.created, updated: result.updated, unchanged: result.unchanged });
    await this.loadFeeds();
  }

  override render() {
    const tabs: [Tab, string][] = [
      ['articles', t('articles')],
      ['categories', t('categories')],
      ['feeds', t('feeds')],
    ];
    return html`
      <h1 tabindex="-1">${t('news')}</h1>
      <div class="tabs" role="tablist" aria-label=${t('news')}>
        ${tabs.map(
          ([tab, label]) => html`<button
            type="button"
            role="tab"
            id=${`tab-${tab}`}
            aria-controls="news-panel"
            aria-selected=${this.tab === tab ? 'true' : 'false'}
            tabindex=${this.tab === tab ? 0 : -1}
            @click=${() => (this.tab = tab)}
            @keydown=${(e: KeyboardEvent) => {
              const i = tabs.findIndex(([name]) => name === this.tab);
              const next = e.key === 'ArrowRight' ? (i + 1) % tabs.length : e.key === 'ArrowLeft' ? (i + tabs.length - 1) % tabs.length : -1;
              if (next < 0) return;
              this.tab = tabs[next]![0];
              void this.updateComplete.then(() => this.querySelector<HTMLElement>(`#tab-${this.tab}`)?.focus());
            }}>${label}</button>`,
        )}
      </div>
      ${this.messages()}
      <div id="news-panel" role="tabpanel" aria-labelledby=${`tab-${this.tab}`}>
        ${this.tab === 'articles' ? this.renderArticles() : this.tab === 'categories' ? this.renderCategories() : this.renderFeeds()}
      </div>
    `;
  }

  private categoryOptions(selected: string | null | undefined, empty: string) {
    return html`<option value="" ?selected=${!selected}>${empty}</option>
      ${tree(this.categories).map(
        ({ category, depth }) =>
          html`<option value=${category.slug} ?selected=${selected === category.slug}
            >${'— '.repeat(depth)}${category.title}</option
          >`,
      )}`;
  }

  private renderArticles() {
    if (this.editing) return this.renderEditor(this.editing === 'new' ? null : this.editing);
    const articles = this.articles;
    return html`
      <form class="filters" role="search" @submit=${this.filter}>
        <label>${t('search')} <input type="search" name="q" .value=${this.query} /></label>
        <label>${t('category')} <select name="category">${this.categoryOptions(this.filterCategory, t('all'))}</select></label>
        <label
          >${t('status')}
          <select name="status">
            <option value="">${t('all')}</option>
            <option value="published" ?selected=${this.filterStatus === 'published'}>${t('published')}</option>
            <option value="hidden" ?selected=${this.filterStatus === 'hidden'}>${t('hidden')}</option>
          </select></label
        >
        <label
          >${t('source')}
          <select name="source">
            <option value="">${t('all')}</option>
            ${this.feeds.map(
              (f) =>
                html`<option value=${f.id} ?selected=${this.filterSource === String(f.id)}
                  >${new URL(f.url).host} (${f.articleCount})</option
                >`,
            )}
          </select></label
        >
        <button type="submit">${t('filter')}</button>
      </form>
      <p><button class="primary" type="button" @click=${() => this.openEditor('new')}>${t('newArticle')}</button></p>
      ${
        articles === null
          ? html`<p aria-busy="true">${t('loading')}</p>`
          : articles.length === 0
            ? html`<p>${t('empty')}</p>`
            : html`<div class="table-wrap" tabindex="0"><table>
              <caption class="visually-hidden">${t('articles')}</caption>
              ${columnHeads(t('title'), t('category'), t('publishedAt'), t('status'), t('actions'))}
              <tbody>
                ${articles.map(
                  (a) => html`<tr>
                      <th scope="row">
                        <a href=${a.url} target="_blank" rel="noopener noreferrer">${a.title}</a
                        >${a.source ? html`<span class="muted"> · ${a.source}</span>` : nothing}${
                          this.feedHost(a.feed) ? html`<span class="muted"> · ${this.feedHost(a.feed)}</span>` : nothing
                        }
                      </th>
                      <td>${a.category?.title ?? '—'}</td>
                      <td>${when(a.publishedAt, this.site.timeZone)}</td>
                      <td>
                        <span class="badge ${a.status === 'published' ? 'ok' : 'muted'}"
                          >${a.status === 'published' ? t('published') : t('hidden')}</span
                        >
                      </td>
                      <td class="row-actions">
                        <button type="button" @click=${() => this.openEditor(a)} aria-label=${`${t('edit')}: ${a.title}`}
                          >${t('edit')}</button
                        >
                        <button
                          type="button"
                          @click=${() => this.setStatus(a, a.status === 'published' ? 'hidden' : 'published')}
                          aria-label=${`${a.status === 'published' ? t('hide') : t('show')}: ${a.title}`}
                        >${a.status === 'published' ? t('hide') : t('show')}</button>
                        <button
                          type="button"
                          class="danger"
                          @click=${() => this.deleteArticle(a)}
                          aria-label=${`${t('delete')}: ${a.title}`}
                        >${t('delete')}</button>
                      </td>
                    </tr>`,
                )}
              </tbody>
            </table></div>
            ${this.nextCursor ? html`<p><button type="button" @click=${() => this.loadArticles(true)}>${t('loadMore')}</button></p>` : nothing}`
      }
    `;
  }

  private renderEditor(article: ArticleAdmin | null) {
    const published = article ? new Date(article.publishedAt) : new Date();
    const localValue = new Date(published.getTime() - published.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
    return html`<section class="panel">
      <h2>${article ? `${t('edit')}: ${article.title}` : t('newArticle')}</h2>
      <form class="grid-form" @submit=${this.saveArticle}>
        <label class="wide"
          >${t('title')}
          <input id="article-title" name="title" required maxlength="300" .value=${article?.title ?? ''}
        /></label>
        ${
          article
            ? nothing
            : html`<label>${t('articleKey')} <input name="key" maxlength="200" aria-describedby="key-hint" /></label
              ><p class="hint" id="key-hint">${t('slugHint')}</p>`
        }
        <label class="wide"
          >${t('summary')}
          <textarea name="summary" rows="3" maxlength="2000" .value=${article?.summary ?? ''}></textarea
        ></label>
        <label class="wide"
          >${t('articleUrl')}
          <input name="url" type="url" required maxlength="2048" .value=${article?.url ?? ''} placeholder="https://"
        /></label>
        <label>${t('category')} <select name="category">${this.categoryOptions(article?.category?.slug, t('noCategory'))}</select></label>
        <label>${t('author')} <input name="author" maxlength="200" .value=${article?.author ?? ''} /></label>
        <label>${t('publishedAt')} <input name="publishedAt" type="datetime-local" .value=${localValue} /></label>
        <label
          >${t('status')}
          <select name="status">
            <option value="published" ?selected=${article?.status !== 'hidden'}>${t('published')}</option>
            <option value="hidden" ?selected=${article?.status === 'hidden'}>${t('hidden')}</option>
          </select></label
        >
        <fieldset class="wide">
          <legend>${t('image')}</legend>
          ${
            this.image
              ? html`<p class="picked">
                <img src=${this.image.url} alt="" width="120" />
                <span>${this.image.alt}</span>
                <button type="button" @click=${() => ((this.image = null), this.requestUpdate())}>${t('noImage')}</button>
              </p>`
              : html`<p class="muted">${t('noImage')}</p>`
          }
          <div class="buttons">
            <button type="button" @click=${this.openLibrary}>${t('pickImage')}</button>
            <label class="button"
              >${t('uploadImage')}<input
                class="visually-hidden"
                type="file"
                accept="image/jpeg,image/png,image/webp,image/avif"
                @change=${this.uploadImage}
            /></label>
          </div>
          ${
            this.library
              ? html`<ul class="library" aria-label=${t('pickImage')}>
                ${this.library.map(
                  (p) =>
                    html`<li>
                      <button type="button" class="pick" @click=${() => this.pick(p)} aria-label=${p.alt || `#${p.id}`}
                        ><img src=${p.thumbnail?.src ?? p.src} alt=""
                      /></button>
                    </li>`,
                )}
              </ul>`
              : nothing
          }
        </fieldset>
        <div class="buttons wide">
          <button class="primary" type="submit">${t('save')}</button
          ><button type="button" @click=${() => (this.editing = null)}>${t('cancel')}</button>
        </div>
      </form>
    </section>`;
  }

  private renderCategories() {
    const rows = tree(this.categories);
    return html`
      <section class="panel">
        <h2>${t('newCategory')}</h2>
        <form class="grid-form" @submit=${this.addCategory}>
          <label>${t('title')} <input name="title" required maxlength="200" /></label>
          <label>${t('slug')} <input name="slug" maxlength="64" /></label>
          <label>${t('parent')} <select name="parent">${this.categoryOptions(null, t('topLevel'))}</select></label>
          <div><button class="primary" type="submit">${t('add')}</button></div>
        </form>
      </section>
      <section class="panel">
        <h2>${t('categories')}</h2>
        <p class="hint">${t('reorderHint')}</p>
        <ul class="tree" role="list">
          ${rows.map(({ category, depth, siblings }) => {
            const i = siblings.indexOf(category);
            const move = (from: number, to: number) => this.moveCategory(siblings, from, to);
            const r = reorderable(i, siblings.length, move);
            return html`<li
              class=${`depth-${Math.min(depth, 4)}`}
              data-category=${category.slug}
              tabindex="0"
              draggable="true"
              aria-label=${category.title}
              @keydown=${r.keydown}
              @dragstart=${r.dragstart}
              @dragover=${r.dragover}
              @drop=${r.drop}
            >
              <span>${category.title} <code class="muted">${category.slug}</code></span>
              <span class="row-actions"
                >${moveButtons(i, siblings.length, category.title, move)}
                <button
                  type="button"
                  class="danger"
                  @click=${() => this.deleteCategory(category)}
                  aria-label=${`${t('delete')}: ${category.title}`}
                >${t('delete')}</button></span
              >
            </li>`;
          })}
        </ul>
      </section>
    `;
  }

  private renderFeeds() {
    return html`
      <section class="panel">
        <h2>${t('addFeed')}</h2>
        <form class="grid-form" @submit=${this.addFeed}>
          <label class="wide">${t('feedUrl')} <input name="url" type="url" required placeholder="https://" /></label>
          <label>${t('category')} <select name="category">${this.categoryOptions(null, t('noCategory'))}</select></label>
          <div><button class="primary" type="submit">${t('add')}</button></div>
        </form>
      </section>
      <div class="table-wrap" tabindex="0"><table>
        <caption class="visually-hidden">${t('feeds')}</caption>
        ${columnHeads(t('feedUrl'), t('status'), t('lastFetch'), t('articleCount'), t('actions'))}
        <tbody>
          ${this.feeds.map(
            (f) => html`<tr>
              <th scope="row">${f.url}</th>
              <td>
                <span class="badge ${f.status === 'error' ? 'bad' : 'ok'}">${f.status}</span
                >${f.error ? html`<span class="error-text"> ${f.error}</span>` : nothing}
              </td>
              <td>${when(f.fetchedAt, this.site.timeZone)}</td>
              <td class="num">${f.articleCount}</td>
              <td>
                <button type="button" @click=${() => this.syncFeed(f)} aria-label=${`${t('syncNow')}: ${f.url}`}
                  >${t('syncNow')}</button
                >
              </td>
            </tr>`,
          )}
        </tbody>
      </table></div>
    `;
  }
}

customElements.define('console-news', ConsoleNews);
declare global {
  interface HTMLElementTagNameMap {
    'console-news': ConsoleNews;
  }
}
