/** The origin this bundle was loaded from: a widget's API lives beside its script by default. */
const scriptOrigin = new URL(import.meta.url).origin;

/** A failed API call: `status` 0 when the network failed or the answer was not JSON. */
export type ApiFailure = Error & { status: number };

const failure = (status: number, message: string): ApiFailure => Object.assign(new Error(message), { status });

/**
 * The API's origin: the `api` attribute when it is an http(s) address, else the origin this bundle
 * was loaded from. Anything else (`javascript:…`, `data:…`) is ignored, so it never becomes a
 * link's address nor a request's.
 */
export const apiOrigin = (api: string | undefined) => (api && /^https?:\/\//i.test(api) ? api : scriptOrigin).replace(/\/+$/, '');

/** `…/api/v1/sites/<site>/<path…>`, each segment encoded (an item key may be a whole URL). */
export const siteUrl = (api: string | undefined, site: string, ...path: string[]) =>
  [`${apiOrigin(api)}/api/v1/sites`, site, ...path].map((part, i) => (i ? encodeURIComponent(part) : part)).join('/');

/**
 * Where the loader leaves, on an element not yet upgraded, the first request it started for it
 * (a registered symbol: the loader and the elements are separate scripts).
 */
export const HANDED = Symbol.for('civic-widgets.first-request');
export type Handed = { url: string; response: Promise<Response> };

/**
 * fetch + JSON, where anything but a 2xx JSON answer becomes an ApiFailure. `started`: the same
 * request already under way (the loader's), whose answer is read instead of asking again.
 */
export async function requestJson<T>(url: string, init?: RequestInit, started?: Promise<Response>): Promise<T> {
  const response = await (started ?? fetch(url, init)).catch(() => {
    throw failure(0, 'network error');
  });
  const body = (await response.json().catch(() => undefined)) as { error?: { message?: string } } | undefined;
  if (!response.ok || body === undefined) {
    throw failure(response.ok ? 0 : response.status, body?.error?.message ?? response.statusText);
  }
  return body as T;
}
