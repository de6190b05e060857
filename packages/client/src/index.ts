/**
 * A typed client for the civic-widgets API: Hono's `hc` over the worker's route types, so a
 * portal back end or the console gets the paths, params, query, JSON bodies and answers checked
 * by TypeScript. It is only types over `fetch`: nothing of the worker is bundled.
 *
 *   const api = createClient('https://widgets.example.gov.vn');
 *   const res = await api.api.v1.sites[':site'].categories.$post(
 *     { param: { site: 'phuluong' }, json: { slug: 'tin-tuc', title: 'Tin tức' } },
 *     { headers: { Authorization: `Bearer ${token}` } },
 *   );
 */
import { hc } from 'hono/client';
import type { ClientRequestOptions } from 'hono/client';
import type { AppType } from '../../../worker/src/index.js';

export type { AppType };

// Computed once here, so an editor does not work out every route's type at each use.
const typed = (origin: string, options?: ClientRequestOptions) => hc<AppType>(origin, options);
export type Client = ReturnType<typeof typed>;

/** A client for the worker at `origin` (its own origin, without a path). */
export const createClient = (origin: string, options?: ClientRequestOptions): Client => typed(origin, options);
