import { Hono } from 'hono';
import type { AppEnv } from '../env.js';
import { countClick, findLinkTarget } from '../db/links.js';
import { ApiError } from '../lib/errors.js';
import { linkReaderKey } from '../lib/reader.js';

const notFound = () => new ApiError(404, 'No such link.');

/**
 * `GET /go/:link`: counts a reader's click (a repeat within 30 minutes counts once) and sends them
 * on with a 302 to the link's stored URL. The target only ever comes from D1, where only http(s)
 * URLs are stored; nothing in the request can choose it, so this is no open redirect.
 */
export const go = new Hono<AppEnv>().get('/:link', async (c) => {
  // a link's id in plain digits (at most 15: a safe integer), nothing else
  const id = /^[1-9][0-9]{0,14}$/.test(c.req.param('link')) ? Number(c.req.param('link')) : 0;
  const link = id ? await findLinkTarget(c.env.DB, id) : null;
  // stored URLs are validated on the way in; checked again on the way out all the same
  if (!link || !/^https?:\/\//i.test(link.url)) throw notFound();
  // A HEAD (a link checker, a preview) is answered but not counted.
  if (c.req.method === 'GET') {
    await countClick(c.env.DB, {
      siteId: link.siteId,
      linkId: id,
      readerKey: await linkReaderKey(c, 'click', id),
      now: Math.floor(Date.now() / 1000),
    });
  }
  return c.body(null, 302, {
    Location: link.url,
    'Cache-Control': 'no-store',
    'Referrer-Policy': 'no-referrer',
    'X-Robots-Tag': 'noindex',
  });
});
