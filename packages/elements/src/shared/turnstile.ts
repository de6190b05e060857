import type { SitePublic } from '@civic-widgets/contract';
import type { ApiFailure } from './api.js';
import type { Lang } from './i18n.js';

// Loaded (a dynamic import) only after the API refused a reader's write with 403: sites without
// Turnstile, and every page until a reader writes, pay nothing for it, nor load Cloudflare's script.

interface Turnstile {
  render(
    container: HTMLElement,
    options: {
      sitekey: string;
      language?: string;
      callback(token: string): void;
      'error-callback'?(): void;
      'expired-callback'?(): void;
    },
  ): string | undefined;
  remove(id: string): void;
}

declare global {
  interface Window {
    turnstile?: Turnstile;
  }
}

/** Cloudflare's script, in explicit mode: nothing renders until render() is called. */
export const SCRIPT = 'https://challenges.cloudflare.com/turnstile/v0/api.js?render=explicit';

const prompt = {
  vi: 'Vui lòng xác nhận bạn không phải là máy để gửi đánh giá:',
  en: 'Please confirm you are not a robot to send your rating:',
} satisfies Record<Lang, string>;

let script: Promise<Turnstile> | undefined;

/** Cloudflare's script, added to the page once (a page may have loaded it already). */
function loadTurnstile(): Promise<Turnstile> {
  if (window.turnstile) return Promise.resolve(window.turnstile);
  return (script ??= new Promise((resolve, reject) => {
    const tag = Object.assign(document.createElement('script'), { src: SCRIPT, async: true });
    tag.onload = () => (window.turnstile ? resolve(window.turnstile) : reject(new Error('Turnstile did not load')));
    tag.onerror = () => {
      script = undefined;
      reject(new Error('Turnstile did not load'));
    };
    document.head.append(tag);
  }));
}

/** What of the element asking this is read here (a rating's private members, by name: fewer bytes in the element). */
interface Writer {
  /** the API URL of what the reader writes to: `…/api/v1/sites/<site>/…` */
  url: string;
  language: Lang;
  renderRoot: ParentNode;
}

/**
 * When the site asks for Turnstile (its public info names a site key), shows the widget at the
 * end of the element's shadow root with a line saying why, and resolves with the reader's token;
 * resolves with undefined when the site does not ask for it (the 403 meant something else) or
 * the check failed.
 */
async function turnstileToken(element: object): Promise<string | undefined> {
  const { url, language: lang, renderRoot: root } = element as Writer;
  const siteInfoUrl = url.slice(0, url.search(/\/[^/]+\/[^/]+$/));
  try {
    // plain fetch, not the API client: sharing it with the element would split it into a chunk of its own
    const siteKey = ((await (await fetch(siteInfoUrl)).json()) as Partial<SitePublic>).turnstile?.siteKey;
    if (!siteKey) return undefined;
    const turnstile = await loadTurnstile();
    root.querySelector('.turnstile')?.remove();
    const box = Object.assign(document.createElement('div'), { className: 'turnstile' });
    box.setAttribute('part', 'turnstile');
    const widget = document.createElement('div');
    box.append(Object.assign(document.createElement('p'), { textContent: prompt[lang] }), widget);
    root.append(box);
    return await new Promise<string | undefined>((resolve) => {
      const id = turnstile.render(widget, {
        sitekey: siteKey,
        language: lang,
        callback: (token) => {
          resolve(token);
          // a token is good for one write: the next write asks again
          setTimeout(() => (id && turnstile.remove(id), box.remove()));
        },
        'error-callback': () => resolve(undefined),
        'expired-callback': () => resolve(undefined),
      });
    });
  } catch {
    return undefined;
  }
}

/**
 * A reader's write (`init`, a JSON body) failed with `error`: when it was a 403 and the site asks
 * for Turnstile, sends it again through `request` with the reader's token in its body; otherwise
 * (or when no token comes) fails as it did. (`request` is the element's API client, passed in: a
 * chunk that imported it would split it from the element's own.)
 */
export default async function withTurnstile<T>(
  element: object,
  error: ApiFailure,
  init: RequestInit,
  request: (url: string, init: RequestInit) => Promise<T>,
): Promise<T> {
  const turnstile = error.status == 403 && (await turnstileToken(element));
  if (!turnstile) throw error;
  return request((element as Writer).url, { ...init, body: JSON.stringify({ ...JSON.parse(init.body as string), turnstile }) });
}
