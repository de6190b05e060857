// What every screen shares: the base class, error text, confirmation dialogs, copying,
// slugs and reordering by drag or by keyboard.
import { LitElement, html, type TemplateResult } from 'lit';
import { ApiError, type Api } from './api.js';
import { lang, t } from './i18n.js';
import { portalTime } from '../../elements/src/shared/format.js';

/** A screen: light DOM (one stylesheet for the whole console), given the client and the site. */
export class View extends LitElement {
  static override properties = {
    api: { attribute: false },
    site: { attribute: false },
    lang: {},
    error: { state: true },
    notice: { state: true },
  };
  declare api: Api;
  declare site: { slug: string; name: string; timeZone?: string };
  declare lang: string;
  declare error: string;
  declare notice: string;

  constructor() {
    super();
    this.error = '';
    this.notice = '';
  }

  protected override createRenderRoot() {
    return this;
  }

  protected sitePath(...parts: (string | number)[]) {
    return `/sites/${encodeURIComponent(this.site.slug)}${parts.map((part) => `/${encodeURIComponent(String(part))}`).join('')}`;
  }

  /** Runs an API call, showing its error (or `done` as a notice) in the screen's live regions. */
  protected async run<T>(work: () => Promise<T>, done?: string): Promise<T | undefined> {
    this.error = '';
    this.notice = '';
    try {
      const result = await work();
      if (done) this.notice = done;
      return result;
    } catch (error) {
      this.error = errorText(error);
      return undefined;
    }
  }

  /** The screen's alert and status lines: what went wrong, what was done. */
  protected messages(): TemplateResult {
    return html`<p class="alert" role="alert" ?hidden=${!this.error}>${this.error}</p>
      <p class="notice" role="status">${this.notice}</p>`;
  }
}

/** A readable sentence for a failed call: the API's message and each field's issue. */
export function errorText(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.code === 'network') return t('network');
    if (error.status === 401) return t('sessionEnded');
    if (error.status === 404 && error.message.startsWith('Nothing at')) return t('notYet');
    // the API speaks English: the console says what matters first in the editor's language
    if (error.status === 413) return `${t('tooLarge')} (${error.message})`;
    if (error.status === 415) return `${t('notAnImage')} (${error.message})`;
    if (error.status === 403) return `${t('forbidden')} (${error.message})`;
    const issues = error.issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ');
    return issues ? `${error.message} (${issues})` : error.message;
  }
  return String(error);
}

/** The site's time, as portals print it: "Thứ năm - 19/04/2018 15:00". */
export const when = (iso: string | null | undefined, timeZone = 'Asia/Ho_Chi_Minh') => (iso ? portalTime(iso, timeZone, lang()) : '—');

/** A slug from a Vietnamese title: "Đại hội 2018" → "dai-hoi-2018". */
export const slugify = (text: string) =>
  text
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64)
    .replace(/-+$/, '');

/**
 * Asks a yes/no question in a modal <dialog> (focus trapped, Escape cancels, focus returns to
 * where it was). Built with textContent: no markup from data.
 */
export function confirmDialog(message: string, confirmLabel: string, danger = true): Promise<boolean> {
  const dialog = document.createElement('dialog');
  dialog.className = 'confirm';
  dialog.setAttribute('aria-labelledby', 'confirm-text');
  const text = document.createElement('p');
  text.id = 'confirm-text';
  text.textContent = message;
  const buttons = document.createElement('div');
  buttons.className = 'buttons';
  const cancel = document.createElement('button');
  cancel.type = 'button';
  cancel.textContent = t('cancel');
  const ok = document.createElement('button');
  ok.type = 'button';
  ok.className = danger ? 'danger' : 'primary';
  ok.textContent = confirmLabel;
  buttons.append(cancel, ok);
  dialog.append(text, buttons);
  const returnTo = document.activeElement as HTMLElement | null;
  document.body.append(dialog);
  dialog.showModal();
  cancel.focus();
  return new Promise((resolve) => {
    const finish = (answer: boolean) => {
      dialog.close();
      dialog.remove();
      returnTo?.focus();
      resolve(answer);
    };
    cancel.addEventListener('click', () => finish(false));
    ok.addEventListener('click', () => finish(true));
    dialog.addEventListener('cancel', (event) => {
      event.preventDefault();
      finish(false);
    });
  });
}

/** Copies text, with a fallback for pages where the Clipboard API is refused. */
export async function copyText(text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    const area = document.createElement('textarea');
    area.value = text;
    document.body.append(area);
    area.select();
    document.execCommand('copy');
    area.remove();
  }
}

/** `list` with the item at `from` moved to `to` (a new array). */
export function moved<T>(list: readonly T[], from: number, to: number): T[] {
  const next = [...list];
  if (to < 0 || to >= list.length || from === to) return next;
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item!);
  return next;
}

/**
 * Reordering for a list of rows: drag and drop, Alt+↑/↓ on a focused row, and move buttons.
 * `onMove(from, to)` applies the new order.
 */
export function reorderable(index: number, count: number, onMove: (from: number, to: number) => void) {
  return {
    draggable: 'true',
    keydown: (event: KeyboardEvent) => {
      if (!event.altKey || (event.key !== 'ArrowUp' && event.key !== 'ArrowDown')) return;
      // inside a text field the keys belong to the field
      if ((event.target as HTMLElement).closest('input, textarea, select')) return;
      event.preventDefault();
      const to = index + (event.key === 'ArrowUp' ? -1 : 1);
      if (to >= 0 && to < count) onMove(index, to);
    },
    dragstart: (event: DragEvent) => {
      event.dataTransfer?.setData('text/x-civic-index', String(index));
      if (event.dataTransfer) event.dataTransfer.effectAllowed = 'move';
    },
    dragover: (event: DragEvent) => {
      if (event.dataTransfer?.types.includes('text/x-civic-index')) event.preventDefault();
    },
    drop: (event: DragEvent) => {
      const from = Number(event.dataTransfer?.getData('text/x-civic-index'));
      if (!Number.isInteger(from)) return;
      event.preventDefault();
      onMove(from, index);
    },
  };
}

/** The ↑ ↓ buttons of a row: the keyboard's and the pointer's way to move it without dragging. */
export function moveButtons(index: number, count: number, name: string, onMove: (from: number, to: number) => void) {
  return html`<span class="move">
    <button
      type="button"
      class="icon"
      ?disabled=${index === 0}
      @click=${() => onMove(index, index - 1)}
      aria-label=${`${t('moveUp')}: ${name}`}
      title=${t('moveUp')}
    >↑</button>
    <button
      type="button"
      class="icon"
      ?disabled=${index === count - 1}
      @click=${() => onMove(index, index + 1)}
      aria-label=${`${t('moveDown')}: ${name}`}
      title=${t('moveDown')}
    >↓</button>
  </span>`;
}

/** A table's head: one row of column headers, in the order given. */
export function columnHeads(...labels: string[]) {
  return html`<thead>
    <tr>
      ${labels.map((label) => html`<th scope="col">${label}</th>`)}
    </tr>
  </thead>`;
}

/** A token just issued: shown once, with a copy button and a close button. */
export function issuedTokenPanel(heading: string, token: string, onCopied: () => void, onClose: () => void) {
  return html`<section class="panel issued" id="issued" tabindex="-1" aria-labelledby="issued-title">
    <h2 id="issued-title">${heading}</h2>
    <p>${t('newTokenOnce')}</p>
    <p class="token-line"><code id="new-token">${token}</code>
      <button type="button" class="primary" @click=${async () => (await copyText(token), onCopied())}>${t('copy')}</button>
      <button type="button" @click=${onClose}>${t('close')}</button></p>
  </section>`;
}
