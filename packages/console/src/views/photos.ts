// Thư viện ảnh: albums (create, edit, reorder, delete) and one album's photos: many uploaded at
// once with progress and retry, alt text required before publishing, caption, credit, order, cover.
import { html, nothing } from 'lit';
import type { AdminAlbumSummary, AdminPhoto } from '@civic-widgets/contract';

type AlbumSummary = AdminAlbumSummary | (Omit<AdminAlbumSummary, 'unpublishedCount'> & { unpublishedCount?: number });
import { ApiError, type UploadHandle } from '../api.js';
import { t } from '../i18n.js';
import { View, confirmDialog, errorText, moveButtons, moved, reorderable, slugify, when } from '../ui.js';

export type { AdminPhoto };

interface Upload {
  id: number;
  file: File;
  progress: number;
  state: 'uploading' | 'done' | 'failed';
  error: string;
  handle?: UploadHandle<AdminPhoto>;
}

interface Draft {
  alt: string;
  caption: string;
  credit: string;
}

let uploadIds = 0;

export class ConsolePhotos extends View {
  static override properties = {
    ...View.properties,
    albums: { state: true },
    album: { state: true },
    photos: { state: true },
    uploads: { state: true },
    editing: { state: true },
    dragging: { state: true },
  };
  declare albums: AlbumSummary[] | null;
  declare album: AlbumSummary | null;
  declare photos: AdminPhoto[];
  declare uploads: Upload[];
  declare editing: boolean;
  declare dragging: boolean;
  private drafts = new Map<number, Draft>();

  constructor() {
    super();
    this.albums = null;
    this.album = null;
    this.photos = [];
    this.uploads = [];
    this.editing = false;
    this.dragging = false;
  }

  override connectedCallback() {
    super.connectedCallback();
    void this.loadAlbums();
  }

  private async loadAlbums() {
    const list = await this.run(() => this.api.get<{ items: AlbumSummary[] }>(`${this.sitePath('albums')}?limit=100&all=1`));
    if (list) this.albums = list.items;
  }

  private async openAlbum(album: AlbumSummary) {
    this.album = album;
    this.uploads = [];
    this.drafts.clear();
    this.editing = false;
    await this.loadPhotos();
    await this.updateComplete;
    this.querySelector<HTMLElement>('h1')?.focus();
  }

  private async loadPhotos() {
    const list = await this.run(() => this.api.get<{ items: AdminPhoto[] }>(this.sitePath('albums', this.album!.slug, 'photos')));
    if (list) this.photos = list.items;
  }

  private back() {
    this.album = null;
    void this.loadAlbums();
  }

  // ---- albums

  private async createAlbum(event: SubmitEvent) {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const title = String(data.get('title')).trim();
    const slug = String(data.get('slug')).trim() || slugify(title);
    const description = String(data.get('description') ?? '').trim();
    const album = await this.run(() => this.api.post<AlbumSummary>(this.sitePath('albums'), { slug, title, description }), t('saved'));
    if (album) {
      form.reset();
      await this.loadAlbums();
      await this.openAlbum(this.albums?.find((a) => a.slug === slug) ?? album);
    }
  }

  private async saveAlbum(event: SubmitEvent) {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const updated = await this.run(
      () =>
        this.api.patch<AlbumSummary>(this.sitePath('albums', this.album!.slug), {
          title: String(data.get('title')).trim(),
          description: String(data.get('description')).trim(),
        }),
      t('saved'),
    );
    if (updated) {
      this.album = { ...this.album!, ...updated };
      this.editing = false;
    }
  }

  private async deleteAlbum() {
    if (!(await confirmDialog(t('deleteAlbumConfirm', { title: this.album!.title }), t('delete')))) return;
    const deleted = await this.run(() => this.api.delete(this.sitePath('albums', this.album!.slug)), t('saved'));
    if (deleted !== undefined || !this.error) this.back();
  }

  private moveAlbum = async (from: number, to: number) => {
    if (!this.albums) return;
    const next = moved(this.albums, from, to);
    this.albums = next;
    await this.run(() => this.api.put(this.sitePath('albums', 'order'), { order: next.map((a) => a.slug) }));
    await this.updateComplete;
    this.querySelectorAll<HTMLElement>('.albums [draggable]')[to]?.focus();
  };

  // ---- uploads

  private addFiles(files: FileList | File[]) {
    const added = [...files].map((file) => ({ id: ++uploadIds, file, progress: 0, state: 'uploading' as const, error: '' }));
    this.uploads = [...this.uploads, ...added];
    for (const upload of added) this.start(upload);
  }

  private start(upload: Upload) {
    const update = (patch: Partial<Upload>) => {
      Object.assign(upload, patch);
      this.uploads = [...this.uploads];
    };
    update({ state: 'uploading', progress: 0, error: '' });
    upload.handle = this.api.upload<AdminPhoto>(this.sitePath('albums', this.album!.slug, 'uploads'), upload.file, (progress) => update({ progress }));
    upload.handle.done.then(
      (photo) => {
        update({ state: 'done', progress: 1 });
        this.photos = [...this.photos.filter((p) => p.id !== photo.id), photo];
      },
      (error: unknown) => update({ state: 'failed', error: error instanceof ApiError ? errorText(error) : String(error) }),
    );
  }

  private drop(event: DragEvent) {
    event.preventDefault();
    this.dragging = false;
    if (event.dataTransfer?.files.length) this.addFiles(event.dataTransfer.files);
  }

  // ---- photos

  private draft(photo: AdminPhoto): Draft {
    return this.drafts.get(photo.id) ?? { alt: photo.alt, caption: photo.caption, credit: photo.credit };
  }

  private edit(photo: AdminPhoto, field: keyof Draft, value: string) {
    this.drafts.set(photo.id, { ...this.draft(photo), [field]: value });
    this.requestUpdate();
  }

  private async savePhoto(photo: AdminPhoto, extra: Partial<AdminPhoto> = {}) {
    const draft = this.draft(photo);
    const body = { alt: draft.alt.trim(), caption: draft.caption.trim(), credit: draft.credit.trim(), ...extra };
    if (!body.alt) delete (body as Partial<typeof body>).alt;
    const saved = await this.run(() => this.api.patch<AdminPhoto>(this.sitePath('photos', photo.id), body), t('saved'));
    if (saved) {
      this.drafts.delete(photo.id);
      this.photos = this.photos.map((p) => (p.id === photo.id ? { ...p, ...saved } : p));
    }
  }

  private async deletePhoto(photo: AdminPhoto) {
    if (!(await confirmDialog(t('deletePhotoConfirm'), t('delete')))) return;
    await this.run(() => this.api.delete(this.sitePath('photos', photo.id)), t('saved'));
    if (!this.error) this.photos = this.photos.filter((p) => p.id !== photo.id);
  }

  private async makeCover(photo: AdminPhoto) {
    const updated = await this.run(() => this.api.patch<AlbumSummary>(this.sitePath('albums', this.album!.slug), { coverPhotoId: photo.id }), t('saved'));
    if (updated) this.album = { ...this.album!, ...updated, cover: updated.cover ?? photo };
  }

  private movePhoto = async (from: number, to: number) => {
    const next = moved(this.photos, from, to);
    this.photos = next;
    await this.run(() => this.api.put(this.sitePath('albums', this.album!.slug, 'photos', 'order'), { order: next.map((p) => p.id) }));
    await this.updateComplete;
    this.querySelectorAll<HTMLElement>('.photos > li')[to]?.focus();
  };

  override render() {
    return this.album ? this.renderAlbum(this.album) : this.renderAlbums();
  }

  private renderAlbums() {
    const albums = this.albums;
    return html`
      <h1 tabindex="-1">${t('photos')}</h1>
      ${this.messages()}
      <section class="panel">
        <h2>${t('newAlbum')}</h2>
        <form class="grid-form" @submit=${this.createAlbum}>
          <label>${t('title')} <input name="title" required maxlength="300" /></label>
          <label
            >${t('slug')}
            <input name="slug" pattern="[a-z0-9](?:[a-z0-9\\-]{0,62}[a-z0-9])?" aria-describedby="album-slug-hint"
          /></label>
          <p id="album-slug-hint" class="hint">${t('slugHint')}</p>
          <label class="wide">${t('description')} <textarea name="description" rows="2" maxlength="3000"></textarea></label>
          <div><button class="primary" type="submit">${t('create')}</button></div>
        </form>
      </section>
      <section class="panel">
        <h2>${t('albums')}</h2>
        <p class="hint">${t('reorderHint')}</p>
        ${
          albums === null
            ? html`<p aria-busy="true">${t('loading')}</p>`
            : albums.length === 0
              ? html`<p>${t('empty')}</p>`
              : html`<ul class="albums">
                ${albums.map((album, i) => {
                  const r = reorderable(i, albums.length, this.moveAlbum);
                  return html`<li
                    tabindex="0"
                    draggable="true"
                    aria-label=${album.title}
                    @keydown=${r.keydown}
                    @dragstart=${r.dragstart}
                    @dragover=${r.dragover}
                    @drop=${r.drop}
                  >
                    ${
                      album.cover
                        ? html`<img src=${album.cover.thumbnail?.src ?? album.cover.src} alt="" loading="lazy" />`
                        : html`<span class="no-cover" aria-hidden="true">▦</span>`
                    }
                    <span class="album-text"
                      ><strong>${album.title}</strong
                      ><span class="muted"
                        >${t('photoCount', { count: album.photoCount })} · ${when(album.publishedAt, this.site.timeZone)}</span
                      ></span
                    >
                    ${album.unpublishedCount ? html`<span class="badge muted">${t('unpublishedCount', { count: album.unpublishedCount })}</span>` : nothing}
                    <span class="row-actions">
                      ${moveButtons(i, albums.length, album.title, this.moveAlbum)}
                      <button type="button" @click=${() => this.openAlbum(album)} aria-label=${`${t('openAlbum')}: ${album.title}`}
                        >${t('openAlbum')}</button
                      >
                    </span>
                  </li>`;
                })}
              </ul>`
        }
      </section>
    `;
  }

  private renderAlbum(album: AlbumSummary) {
    const photos = this.photos;
    return html`
      <p><button type="button" class="link" @click=${this.back}>← ${t('backToAlbums')}</button></p>
      <h1 tabindex="-1">${album.title}</h1>
      ${this.messages()}
      <section class="panel">
        ${
          this.editing
            ? html`<form class="grid-form" @submit=${this.saveAlbum}>
              <label>${t('title')} <input name="title" required maxlength="300" .value=${album.title} /></label>
              <label class="wide"
                >${t('description')}
                <textarea name="description" rows="2" maxlength="3000" .value=${album.description}></textarea
              ></label>
              <div class="buttons">
                <button class="primary" type="submit">${t('save')}</button
                ><button type="button" @click=${() => (this.editing = false)}>${t('cancel')}</button>
              </div>
            </form>`
            : html`${album.description ? html`<p>${album.description}</p>` : nothing}
              <div class="buttons">
                <span class="muted">${t('photoCount', { count: this.photos.length })}</span
                ><button type="button" @click=${() => (this.editing = true)}>${t('edit')}</button
                ><button type="button" class="danger" @click=${this.deleteAlbum}>${t('delete')}</button>
              </div>`
        }
      </section>
      <section class="panel">
        <h2>${t('uploadImage')}</h2>
        <div
          class="dropzone ${this.dragging ? 'over' : ''}"
          @dragover=${(e: DragEvent) => (e.preventDefault(), (this.dragging = true))}
          @dragleave=${() => (this.dragging = false)}
          @drop=${this.drop}
        >
          <p>
            ${t('dropHere')}
            <label class="button primary"
              >${t('choosePhotos')}<input
                class="visually-hidden"
                type="file"
                name="files"
                multiple
                accept="image/jpeg,image/png,image/webp,image/avif"
                @change=${(e: Event) => {
                  const input = e.target as HTMLInputElement;
                  if (input.files?.length) this.addFiles(input.files);
                  input.value = '';
                }}
            /></label>
          </p>
          <p class="hint">${t('uploadHint')}</p>
        </div>
        ${
          this.uploads.length
            ? html`<ul class="uploads" aria-label=${t('uploading')}>
              ${this.uploads.map(
                (u) => html`<li class=${u.state}>
                  <span class="file">${u.file.name}</span>
                  ${u.state === 'failed' ? html`<span></span>` : html`<progress max="1" .value=${u.progress} aria-label=${u.file.name}></progress>`}
                  <span class="state" role=${u.state === 'failed' ? 'alert' : 'status'}
                    >${
                      u.state === 'uploading'
                        ? `${t('uploading')} ${Math.round(u.progress * 100)}%`
                        : u.state === 'done'
                          ? t('uploaded')
                          : `${t('failed')}: ${u.error}`
                    }</span
                  >
                  ${
                    u.state === 'failed'
                      ? html`<button type="button" @click=${() => this.start(u)} aria-label=${`${t('retry')}: ${u.file.name}`}
                        >${t('retry')}</button
                      >`
                      : nothing
                  }
                </li>`,
              )}
            </ul>`
            : nothing
        }
      </section>
      <section class="panel">
        <h2>${t('photos')}</h2>
        <p class="hint">${t('reorderHint')}</p>
        ${photos.length === 0 ? html`<p>${t('empty')}</p>` : nothing}
        <ol class="photos">
          ${photos.map((photo, i) => this.renderPhoto(photo, i, photos.length, album))}
        </ol>
      </section>
    `;
  }

  private renderPhoto(photo: AdminPhoto, i: number, count: number, album: AlbumSummary) {
    const draft = this.draft(photo);
    const r = reorderable(i, count, this.movePhoto);
    const name = draft.alt || `#${photo.id}`;
    const blocked = !draft.alt.trim();
    const isCover = album.cover?.id === photo.id;
    const id = `photo-${photo.id}`;
    /** A one-line field of the photo's draft. */
    const line = (field: 'caption' | 'credit', maxlength: number) =>
      html`<label
        >${t(field)}
        <input
          name=${field}
          maxlength=${maxlength}
          .value=${draft[field]}
          @input=${(e: Event) => this.edit(photo, field, (e.target as HTMLInputElement).value)}
      /></label>`;
    return html`<li
      tabindex="0"
      draggable="true"
      aria-label=${name}
      @keydown=${r.keydown}
      @dragstart=${r.dragstart}
      @dragover=${r.dragover}
      @drop=${r.drop}
    >
      <img
        src=${photo.thumbnail?.src ?? photo.src}
        alt=""
        width="240"
        height=${Math.round((240 * photo.height) / photo.width)}
        loading="lazy"
      />
      <div class="photo-meta">
        <span class="badge ${photo.published ? 'ok' : 'muted'}">${photo.published ? t('published') : t('draft')}</span>
        ${isCover ? html`<span class="badge primary">${t('cover')}</span>` : nothing}
        ${photo.stored === false ? html`<span class="badge muted">${t('notStored')}</span>` : nothing}
      </div>
      <label>${t('altText')} <span class="required" aria-hidden="true">*</span>
        <textarea
          name="alt"
          rows="2"
          maxlength="1000"
          aria-describedby=${`${id}-alt-hint`}
          .value=${draft.alt}
          @input=${(e: Event) => this.edit(photo, 'alt', (e.target as HTMLTextAreaElement).value)}
        ></textarea></label>
      <p class="hint" id=${`${id}-alt-hint`}>${t('altHint')}</p>
      ${line('caption', 2000)} ${line('credit', 200)}
      <div class="buttons">
        <button type="button" @click=${() => this.savePhoto(photo)}>${t('save')}</button>
        ${
          photo.published
            ? html`<button type="button" @click=${() => this.savePhoto(photo, { published: false })}>${t('unpublish')}</button>`
            : html`<button
              type="button"
              class="primary"
              ?disabled=${blocked}
              aria-describedby=${blocked ? `${id}-blocked` : nothing}
              @click=${() => this.savePhoto(photo, { published: true })}
            >${t('publish')}</button>`
        }
        <button type="button" aria-pressed=${isCover ? 'true' : 'false'} @click=${() => this.makeCover(photo)}
          >${isCover ? t('cover') : t('makeCover')}</button
        >
        ${moveButtons(i, count, name, this.movePhoto)}
        <button type="button" class="danger" @click=${() => this.deletePhoto(photo)} aria-label=${`${t('delete')}: ${name}`}
          >${t('delete')}</button
        >
      </div>
      ${!photo.published && blocked ? html`<p class="reason" id=${`${id}-blocked`}>${t('publishBlocked')}</p>` : nothing}
    </li>`;
  }
}

customElements.define('console-photos', ConsolePhotos);
declare global {
  interface HTMLElementTagNameMap {
    'console-photos': ConsolePhotos;
  }
}
